export * from './client';
export * from './networked';
export * from './read-models';
export * from './scenarios';
