export * from './client';
export * from './networked';
export * from './scenarios';
