import type { Instant } from '../shared/time';
import type { CardScope, CardTimers, DeadlineKind, WarningScope } from './events';
import { earliest, isAfter } from './instants';
import { cardUpFor, type Issued, type StartedClockState } from './state';

/** A warning the clock owes, with the instant it becomes due: read from the state, without a calendar. */
export type PendingWarning =
  | {
      kind: 'reminder';
      scope: WarningScope;
      stepIndex?: number;
      department?: string;
      deadline: Instant;
      dueAt: Instant;
    }
  | { kind: 'deadline_passed'; which: DeadlineKind; deadline: Instant; dueAt: Instant }
  | { kind: 'yellow' | 'red'; scope: CardScope; stepIndex?: number; deadline: Instant; dueAt: Instant }
  | {
      kind: 'co_handler_limit_passed';
      department: string;
      silenceIsConsent: boolean;
      deadline: Instant;
      dueAt: Instant;
    };

/** At the same instant a reminder comes before a passed deadline, which comes before the cards. */
const RANK: Record<PendingWarning['kind'], number> = {
  reminder: 0,
  deadline_passed: 1,
  co_handler_limit_passed: 1,
  yellow: 2,
  red: 3,
};

/**
 * Cards for one deadline (the case's promised deadline, or the active step's). A yellow card is owed
 * while no card is up for the same case or step; a red one while no red is up. So a yellow still up from
 * an earlier deadline (an extension that left the case overdue) is not raised twice, and a red card always
 * finds a yellow to supersede: the yellow becomes due earlier and is issued first, in the same evaluation
 * if need be.
 */
function cards(
  state: StartedClockState,
  scope: CardScope,
  stepIndex: number | undefined,
  timers: CardTimers & { issued: Issued },
): PendingWarning[] {
  const up = cardUpFor(state, scope, stepIndex);
  const at = (kind: 'yellow' | 'red', dueAt: Instant): PendingWarning =>
    stepIndex === undefined
      ? { kind, scope, deadline: timers.deadline, dueAt }
      : { kind, scope, stepIndex, deadline: timers.deadline, dueAt };
  const owed: PendingWarning[] = [];
  if (!timers.issued.yellow && !up) owed.push(at('yellow', timers.yellowAt));
  if (!timers.issued.red && up?.level !== 'red') owed.push(at('red', timers.redAt));
  return owed;
}

/** Every warning not yet issued, in the order it becomes due. Nothing while paused or stopped. */
export function pendingWarnings(state: StartedClockState): PendingWarning[] {
  if (state.status !== 'running') return [];
  const { promised, statutory, activeStep } = state;
  const owed: PendingWarning[] = [];
  if (promised.reminderAt !== null && !promised.issued.reminder)
    owed.push({ kind: 'reminder', scope: 'case', deadline: promised.deadline, dueAt: promised.reminderAt });
  if (!promised.issued.passed)
    owed.push({
      kind: 'deadline_passed',
      which: 'promised',
      deadline: promised.deadline,
      dueAt: promised.deadline,
    });
  if (!statutory.issued.passed)
    owed.push({
      kind: 'deadline_passed',
      which: 'statutory',
      deadline: statutory.deadline,
      dueAt: statutory.deadline,
    });
  owed.push(...cards(state, 'case', undefined, promised));
  if (activeStep) {
    const { stepIndex } = activeStep;
    if (activeStep.reminderAt !== null && !activeStep.issued.reminder)
      owed.push({
        kind: 'reminder',
        scope: 'step',
        stepIndex,
        deadline: activeStep.deadline,
        dueAt: activeStep.reminderAt,
      });
    owed.push(...cards(state, 'step', stepIndex, activeStep));
  }
  for (const co of state.coHandlers) {
    if (co.status !== 'waiting') continue;
    const { department, deadline } = co;
    if (co.reminderAt !== null && !co.issued.reminder)
      owed.push({ kind: 'reminder', scope: 'co_handler', department, deadline, dueAt: co.reminderAt });
    if (!co.issued.passed)
      owed.push({
        kind: 'co_handler_limit_passed',
        department,
        silenceIsConsent: co.silenceIsConsent,
        deadline,
        dueAt: deadline,
      });
  }
  // Each instant parsed once, not on every comparison (EvaluateTimers runs this for every due clock).
  // Array.prototype.sort is stable: equal instants keep the order above.
  const dueMs = new Map(owed.map((w) => [w, Date.parse(w.dueAt)]));
  return owed.sort((a, b) => dueMs.get(a)! - dueMs.get(b)! || RANK[a.kind] - RANK[b.kind]);
}

/**
 * The warnings due at `now`: a warning is due once `now` is past its instant (strictly, as the review's
 * deemed approval and deemed consent are), so a monitor that acts on it is never refused as too early.
 */
export const dueWarnings = (state: StartedClockState, now: Instant): PendingWarning[] =>
  pendingWarnings(state).filter((w) => isAfter(now, w.dueAt));

/** The earliest instant after which `EvaluateTimers` would emit something; null when nothing can fire. */
export const clockNextDueAt = (state: StartedClockState): Instant | null =>
  earliest(pendingWarnings(state).map((w) => w.dueAt));
