export * from './commands';
export type { MonthlyScoreDecider, MonthlyScoreRules, ScoreDeciderOptions } from './decide';
export { createScoreDecider, decideMonthlyScore } from './decide';
export * from './errors';
export * from './events';
export * from './scoring';
export * from './state';
