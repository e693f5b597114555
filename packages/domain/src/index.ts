export * from './calendar/working-calendar';
export * from './catalogue/service-item';
export * from './shared/actor';
export * from './shared/command';
export * from './shared/decider';
export * from './shared/errors';
export * from './shared/time';
