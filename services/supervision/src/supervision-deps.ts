import type { ScoreRules } from '@docket/domain';
import type { ServiceDeps } from '@docket/service-kit';

export interface SupervisionOptions {
  /** How often overdue complaints, orders and rectifications are looked for (default 1000 ms). */
  timerIntervalMs?: number;
  /**
   * Points the monthly score deducts per count, the kinds to change only (default `DEFAULT_SCORE_RULES`:
   * yellow 1, red 1.5, refusal without reason 0.5, order 0.5, dissatisfied rating 1, substantiated
   * complaint 2, deemed approval 2). The process reads DOCKET_SCORE_DEDUCTIONS.
   */
  scoreDeductions?: Partial<ScoreRules['perCount']>;
}

export type SupervisionDeps = ServiceDeps & SupervisionOptions;
