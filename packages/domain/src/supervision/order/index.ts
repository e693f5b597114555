export * from './commands';
export type {
  SupervisionOrderDecider,
  SupervisionOrderDeciderOptions,
  SupervisionOrderRules,
} from './decide';
export {
  createSupervisionOrderDecider,
  DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS,
  decideSupervisionOrder,
} from './decide';
export * from './errors';
export * from './events';
export * from './state';
