export * from './encoding';
export * from './errors';
export * from './port';
export * from './sqlite';
