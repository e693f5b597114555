import type { ServiceDeps } from '@docket/service-kit';

export interface MonitoringOptions {
  /** How often due timers are looked for (default 1000 ms; DOCKET_TIMER_INTERVAL_MS). */
  timerIntervalMs?: number;
  /** How many open clocks' states are held in memory (default 100,000, about 2 KB each; DOCKET_CLOCK_BOOK_SIZE). */
  clockBookSize?: number;
}

export type MonitoringDeps = ServiceDeps & MonitoringOptions;
