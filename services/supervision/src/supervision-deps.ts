import type { ServiceDeps } from '@docket/service-kit';

export interface SupervisionOptions {
  /** How often overdue complaints, orders and rectifications are looked for (default 1000 ms). */
  timerIntervalMs?: number;
}

export type SupervisionDeps = ServiceDeps & SupervisionOptions;
