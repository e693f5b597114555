export * from './decider-spec';
export * from './temp-dir';
export * from './container-runtime';
