export * from './browser';
export * from './client';
export * from './files';
export * from './ledger';
export * from './networked';
export * from './networked-test';
export * from './read-models';
export * from './scenarios';
