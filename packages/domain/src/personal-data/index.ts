export * from './commands';
export * from './decide';
export * from './erased';
export * from './errors';
export * from './events';
export * from './state';
