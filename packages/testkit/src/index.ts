export * from './container-runtime';
export * from './decider-spec';
export * from './temp-dir';
