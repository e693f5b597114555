export * from './container-runtime';
export * from './contract-subject';
export * from './decider-spec';
export * from './nats-server';
export * from './temp-dir';
