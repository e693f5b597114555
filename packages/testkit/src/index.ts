export * from './container-runtime';
export * from './contract-subject';
export * from './decider-spec';
export * from './http-receiver';
export * from './nats-server';
export * from './temp-dir';
