export * from './complaint';
export * from './errors';
export * from './order';
export * from './rating';
export * from './score';
