/** The injection token of the monitoring service's dependencies. */
export const MONITORING = Symbol('monitoring dependencies');
