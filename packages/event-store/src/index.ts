export * from './crypto-profile';
export * from './encoding';
export * from './errors';
export * from './field-paths';
export * from './port';
export * from './sqlite';
