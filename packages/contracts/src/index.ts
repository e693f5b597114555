export * from './common';
export * from './endpoint';
export * from './errors';
export * from './health';
export * from './intake';
export * from './parse';
export * from './review';
export * from './views';
