export * from './commands';
export type { RatingDecider, RatingDeciderOptions, RatingRules } from './decide';
export { createRatingDecider, DEFAULT_RATING_RECTIFY_WORKING_DAYS, decideRating } from './decide';
export * from './errors';
export * from './events';
export * from './state';
