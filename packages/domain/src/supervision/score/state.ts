import type { RecordedBy } from '../../shared/recorded-by';
import type { Instant } from '../../shared/time';
import type { MonthlyScoreEvent } from './events';
import type { LockedScoreCounts, LockedScoreRules, ScoreRefs } from './scoring';

export interface LockedMonthlyScoreState {
  status: 'locked';
  department: string;
  month: string;
  counts: LockedScoreCounts;
  deductions: LockedScoreCounts;
  totalDeduction: number;
  score: number;
  rules: LockedScoreRules;
  /** Absent for a month locked before the itemised kinds were scored. */
  refs?: ScoreRefs;
  note?: string;
  lockedAt: Instant;
  lockedBy: RecordedBy;
}

/** Until it is locked, a month's score is provisional: read models compute it, nothing is stored. */
export type MonthlyScoreState = { status: 'open' } | LockedMonthlyScoreState;

export const initialMonthlyScoreState = (): MonthlyScoreState => ({ status: 'open' });

/** The locked score is taken from the event as it stands: never recomputed. */
export function evolveMonthlyScore(_state: MonthlyScoreState, event: MonthlyScoreEvent): MonthlyScoreState {
  const { at, by, ...locked } = event.data;
  return { ...locked, status: 'locked', lockedAt: at, lockedBy: by };
}
