export * from './case-desk';
export * from './long-case';
