import type { HandlingCategory } from '../catalogue/service-item';
import type { SpecialProcedureKind } from '../review/events';
import type { RecordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import type {
  AnomalyDetails,
  AnomalyRule,
  CardLevel,
  CardScope,
  CardTimers,
  CardWithdrawalReason,
  ClockDeadlines,
  ClockOutcome,
  ClockStep,
  ClockWarningEvent,
  DeadlineKind,
  WarningScope,
} from './events';
import type { ClockRules } from './rules';

/**
 * What has fired for one set of timers, by warning, with the instant each became due. A new set (a new
 * deadline after an extension, a new turn of a step) starts empty; a pause's shift keeps it.
 */
export interface Issued {
  reminder?: Instant;
  passed?: Instant;
  yellow?: Instant;
  red?: Instant;
}

/** The promised deadline and its warnings. `since`: when this set of timers was set. */
export interface PromisedClock extends CardTimers {
  since: Instant;
  issued: Issued;
}

export interface StatutoryClock {
  deadline: Instant;
  since: Instant;
  issued: Pick<Issued, 'passed'>;
}

/** The active step: its own limit, less what it had already spent, counted from `startedAt`. */
export interface ActiveStepClock extends CardTimers {
  stepIndex: number;
  startedAt: Instant;
  spentWorkingMinutes: number;
  since: Instant;
  issued: Issued;
}

export interface CoHandlerClock {
  department: string;
  silenceIsConsent: boolean;
  deadline: Instant;
  reminderAt: Instant | null;
  since: Instant;
  status: 'waiting' | 'answered';
  answeredAt?: Instant;
  issued: Pick<Issued, 'reminder' | 'passed'>;
}

/** A card ever raised, and what became of it: up, superseded (yellow by red), or withdrawn (摘牌). */
export interface Card {
  scope: CardScope;
  stepIndex?: number;
  level: CardLevel;
  deadline: Instant;
  dueAt: Instant;
  raisedAt: Instant;
  status: 'up' | 'superseded' | 'withdrawn';
  endedAt?: Instant;
  withdrawalReason?: CardWithdrawalReason;
}

/** A warning as issued, in the order issued: the monitoring live feed. */
export interface IssuedWarning {
  type: ClockWarningEvent['type'];
  scope: WarningScope;
  stepIndex?: number;
  department?: string;
  which?: DeadlineKind;
  deadline: Instant;
  dueAt: Instant;
  at: Instant;
}

export interface ClockPause {
  kind: SpecialProcedureKind;
  from: Instant;
  to?: Instant;
  pausedWorkingMinutes?: number;
  causationEventId: string;
}

export interface RecordedAnomaly {
  rule: AnomalyRule;
  evidenceEventId: string;
  details: AnomalyDetails;
  at: Instant;
  by: RecordedBy;
}

export type ClockStatus = 'running' | 'paused' | 'stopped';

export interface StartedClockState {
  status: ClockStatus;
  caseNo: string;
  itemCode: string;
  itemName: string;
  department: string;
  acceptingUnit: string;
  category: HandlingCategory;
  startedAt: Instant;
  startedBy: { causationEventId: string };
  /** The thresholds in force when the clock started. */
  rules: ClockRules;
  deemedApprovalOnTimeout: boolean;
  deemedApprovalDeadline: DeadlineKind;
  /** Current deadlines, as extended and moved by pauses. */
  deadlines: ClockDeadlines;
  promised: PromisedClock;
  statutory: StatutoryClock;
  steps: ClockStep[];
  /** The step whose timers run; null once the clock is stopped. */
  activeStep: ActiveStepClock | null;
  coHandlers: CoHandlerClock[];
  pauses: ClockPause[];
  cards: Card[];
  warnings: IssuedWarning[];
  stop?: { outcome: ClockOutcome; at: Instant; causationEventId: string };
  nextDueAt: Instant | null;
  anomalies: RecordedAnomaly[];
}

/** Before `StartClock` the stream may already hold anomalies (a second correction precedes acceptance). */
export type ClockState = { status: 'not_started'; anomalies: RecordedAnomaly[] } | StartedClockState;

export const initialClockState = (): ClockState => ({ status: 'not_started', anomalies: [] });

/** The cards currently up (at most one per case and per step). */
export const cardsUp = (state: StartedClockState): Card[] => state.cards.filter((c) => c.status === 'up');

/** The card up for the case (`stepIndex` undefined) or for one step. */
export const cardUpFor = (state: StartedClockState, scope: CardScope, stepIndex?: number): Card | undefined =>
  state.cards.find(
    (c) => c.status === 'up' && c.scope === scope && (scope === 'case' || c.stepIndex === stepIndex),
  );

export const runningPause = (state: StartedClockState): ClockPause | undefined =>
  state.pauses.find((p) => p.to === undefined);
