export * from './commands';
export type { ComplaintDecider, ComplaintDeciderOptions, ComplaintRules } from './decide';
export { createComplaintDecider, DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS, decideComplaint } from './decide';
export * from './errors';
export * from './events';
export * from './state';
