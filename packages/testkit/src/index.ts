export * from './decider-spec';
export * from './temp-dir';
