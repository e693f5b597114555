export * from './commands';
export * from './decide';
export * from './errors';
export * from './events';
export { evolveReview } from './evolve';
export type { GovernmentOf, ReviewDeciderContext, ReviewRules, StaffDirectory } from './rules';
export { DEFAULT_MAX_EXTENSION, reviewRules } from './rules';
export * from './state';
