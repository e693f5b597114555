export * from './case-desk';
export * from './clock-reactions';
export * from './long-case';
