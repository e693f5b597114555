import type { ServiceDeps } from '@docket/service-kit';

export interface MonitoringOptions {
  /** How often due timers are looked for (default 1000 ms; DOCKET_TIMER_INTERVAL_MS). */
  timerIntervalMs?: number;
}

export type MonitoringDeps = ServiceDeps & MonitoringOptions;
