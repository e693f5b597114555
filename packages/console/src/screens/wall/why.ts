import type { OpenWarning } from '@docket/contracts';
import type { WorkingCalendar } from '@docket/domain';
import type { CalendarSource, Thresholds } from '../../clock/deadline';
import { standing } from '../../clock/deadline';
import { CENTRE_TIME_ZONE } from '../../format';

/** Why a card is up, in parts the wall words: which deadline, how far over, by which rule, on which calendar. */
export interface WarningReason {
  /** The case's promised deadline, one step's, or a co-handling department's time to answer. */
  deadline:
    | { kind: 'case' }
    | { kind: 'step'; step: number; name: string | undefined }
    | { kind: 'co_handler'; department: string };
  /** Working days past the deadline now, on the centre's calendar (rounded up: any part of a day counts). */
  workingDaysOver: number;
  /** The rule the card means: more than this many working days overdue (null: a co-handler's lapse, no card). */
  threshold: number | null;
  /** The calendar year the deadline falls in, and what that year's calendar is. */
  calendar: {
    year: number;
    source: 'published' | 'national' | 'provisional' | 'unknown';
    version: number | null;
  };
}

/** What the wall knows of a case's clock (from GET /api/monitoring/clocks/{caseNo}), when it has read it. */
export interface ClockFacts {
  rules: Thresholds;
  stepNames: string[];
}

export function reasonOf(
  warning: Pick<OpenWarning, 'scope' | 'stepIndex' | 'coHandler' | 'deadline' | 'level'>,
  calendar: WorkingCalendar,
  sources: readonly CalendarSource[],
  now: Date,
  rules: Thresholds,
  stepNames: readonly string[] = [],
): WarningReason {
  const at = standing(calendar, warning.deadline, now, rules);
  const year = Number(
    new Date(warning.deadline).toLocaleString('en-CA', { timeZone: CENTRE_TIME_ZONE, year: 'numeric' }),
  );
  const source = sources.find((s) => s.year === year);
  const index = warning.stepIndex ?? 0;
  return {
    deadline:
      warning.scope === 'step'
        ? { kind: 'step', step: index + 1, name: stepNames[index] }
        : warning.scope === 'co_handler'
          ? { kind: 'co_handler', department: warning.coHandler ?? '' }
          : { kind: 'case' },
    workingDaysOver: at.workingDaysOver ?? 0,
    threshold:
      warning.level === null
        ? null
        : warning.level === 'red'
          ? rules.redAfterWorkingDays
          : rules.yellowAfterWorkingDays,
    calendar: { year, source: source?.source ?? 'unknown', version: source?.version ?? null },
  };
}
