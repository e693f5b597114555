import { z } from 'zod';
import { HandlingCategory } from '../catalogue/service-item';
import { SpecialProcedureKind } from '../review/events';
import { RecordedBy } from '../shared/recorded-by';
import { Instant, TimeLimit } from '../shared/time';

const recorded = { at: Instant, by: RecordedBy };
const causation = { causationEventId: z.string() };
/**
 * The earliest instant after which `EvaluateTimers` would emit something; null while paused, stopped or
 * with nothing left to warn about. Recorded so a read model finds due clocks without a calendar.
 */
const timers = { nextDueAt: Instant.nullable() };
const stepIndex = z.number().int().min(0);
/**
 * The department answerable for a warning: the case's main department, or the co-handler whose limit it
 * is. Recorded so that dashboards and monthly scores count warnings from the event alone.
 */
const answerable = { answerableDepartment: z.string() };

/** The case's deadlines: 承诺时限 and 法定时限 as instants (intake computed them; the review moves them). */
export const ClockDeadlines = z.object({ promised: Instant, statutory: Instant });
export type ClockDeadlines = z.infer<typeof ClockDeadlines>;

/**
 * One deadline with the instants of its warnings, computed by decide with the calendar and the rules in
 * force, so that evolve and every replay need neither.
 */
export const CardTimers = z.object({
  deadline: Instant,
  /** 提醒 (reminder): null when the limit was already shorter than the reminder's lead when it was set. */
  reminderAt: Instant.nullable(),
  /** 黄牌: a yellow card once `now` is past this (the deadline plus `yellowAfterWorkingDays`). */
  yellowAt: Instant,
  /** 红牌: a red card once `now` is past this (the deadline plus `redAfterWorkingDays`). */
  redAt: Instant,
});
export type CardTimers = z.infer<typeof CardTimers>;

/** The active review step's timers: its own limit, less the time it already spent before. */
export const StepTimers = CardTimers.extend({ stepIndex });
export type StepTimers = z.infer<typeof StepTimers>;

/** A joint co-handler's answer deadline and its reminder (no cards: the limit passing is the warning). */
export const CoHandlerTimers = z.object({
  department: z.string(),
  deadline: Instant,
  reminderAt: Instant.nullable(),
});
export type CoHandlerTimers = z.infer<typeof CoHandlerTimers>;

/** A review step as the clock knows it: its limit, and that limit in working minutes as first converted. */
export const ClockStep = z.object({
  index: stepIndex,
  name: z.string(),
  limit: TimeLimit,
  limitWorkingMinutes: z.number().int().min(0),
});
export type ClockStep = z.infer<typeof ClockStep>;

/** The thresholds in force when the clock started (later instants use the decider's rules of the day). */
export const AppliedClockRules = z.object({
  reminderWorkingDaysBefore: z.number().min(0),
  yellowAfterWorkingDays: z.number().min(0),
  redAfterWorkingDays: z.number().min(0),
});

export const WarningScope = z.enum(['case', 'step', 'co_handler']);
export type WarningScope = z.infer<typeof WarningScope>;
export const CardScope = z.enum(['case', 'step']);
export type CardScope = z.infer<typeof CardScope>;
export const CardLevel = z.enum(['yellow', 'red']);
export type CardLevel = z.infer<typeof CardLevel>;
export const DeadlineKind = z.enum(['promised', 'statutory']);
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export const ClockOutcome = z.enum(['decided', 'deemed_approved', 'forwarded_up', 'withdrawn', 'closed']);
export type ClockOutcome = z.infer<typeof ClockOutcome>;
/** 摘牌: the case was completed, or an approved extension means the card is no longer deserved. */
export const CardWithdrawalReason = z.enum(['case_completed', 'deadline_moved']);
export type CardWithdrawalReason = z.infer<typeof CardWithdrawalReason>;

/** 异常办件 (domain.md, electronic supervision). */
export const AnomalyRule = z.enum([
  'correction_after_acceptance',
  'more_than_one_correction',
  'refusal_without_reason',
  'step_before_registration',
  'step_after_closing',
  'closed_without_steps',
  'fee_off_standard',
]);
export type AnomalyRule = z.infer<typeof AnomalyRule>;
export const AnomalyDetails = z.record(z.string(), z.json());
export type AnomalyDetails = z.infer<typeof AnomalyDetails>;

export const ClockStarted = z.object({
  type: z.literal('ClockStarted'),
  data: z.object({
    caseNo: z.string(),
    itemCode: z.string(),
    itemName: z.string(),
    /** The main task's department (the lead department of a joint case). */
    department: z.string(),
    /** The accepting window unit: answerable for a deemed approval. */
    acceptingUnit: z.string(),
    category: HandlingCategory,
    startedAt: Instant,
    deadlines: ClockDeadlines,
    /** The promised deadline's warnings (cards apply to the centre's commitment). */
    promised: CardTimers,
    deemedApprovalOnTimeout: z.boolean(),
    deemedApprovalDeadline: DeadlineKind,
    coHandlers: z.array(CoHandlerTimers.extend({ silenceIsConsent: z.boolean() })),
    steps: z.array(ClockStep).min(1),
    /** Step 0: the review opens with it active. */
    activeStep: StepTimers,
    rules: AppliedClockRules,
    ...causation,
    ...timers,
    ...recorded,
  }),
});

/** The review moved to another step (pass or return): its timers start, the previous step's stop. */
export const StepStarted = z.object({
  type: z.literal('StepStarted'),
  data: z.object({
    ...StepTimers.shape,
    previousStep: stepIndex.nullable(),
    /** Working time this step had already spent in earlier turns (time accumulates across returns). */
    spentWorkingMinutes: z.number().int().min(0),
    ...causation,
    ...timers,
    ...recorded,
  }),
});

/** A co-handler answered (or was deemed to consent): its timers stop. */
export const CoHandlerAnswered = z.object({
  type: z.literal('CoHandlerAnswered'),
  data: z.object({ department: z.string(), ...causation, ...timers, ...recorded }),
});

/** 特别程序: no timer fires while paused. */
export const ClockPaused = z.object({
  type: z.literal('ClockPaused'),
  data: z.object({ kind: SpecialProcedureKind, ...causation, ...timers, ...recorded }),
});

/**
 * The special procedure ended. The case and co-handler deadlines are the review's (it moved them); the
 * active step's deadline moved by the working time of the pause. Every instant is recomputed.
 */
export const ClockResumed = z.object({
  type: z.literal('ClockResumed'),
  data: z.object({
    kind: SpecialProcedureKind,
    pausedWorkingMinutes: z.number().int().min(0),
    deadlines: ClockDeadlines,
    promised: CardTimers,
    /** Every co-handler still waiting, with its (possibly moved) deadline. */
    coHandlers: z.array(CoHandlerTimers),
    activeStep: StepTimers.nullable(),
    ...causation,
    ...timers,
    ...recorded,
  }),
});

/** 延长 approved: the deadlines move; warnings for the new promised deadline are computed afresh. */
export const DeadlinesMoved = z.object({
  type: z.literal('DeadlinesMoved'),
  data: z.object({ deadlines: ClockDeadlines, promised: CardTimers, ...causation, ...timers, ...recorded }),
});

/** The case is completed: nothing fires afterwards. Every card still up is withdrawn after this. */
export const ClockStopped = z.object({
  type: z.literal('ClockStopped'),
  data: z.object({
    outcome: ClockOutcome,
    department: z.string(),
    itemCode: z.string(),
    /** Working days the case took, pauses left out: what 平均办理时间 averages. */
    usedWorkingDays: z.number(),
    /** Working days the promised limit allowed (start to the promised deadline, pauses left out). */
    availableWorkingDays: z.number(),
    /** Decided at or before the promised deadline (按时办结). */
    onTime: z.boolean(),
    ...causation,
    ...timers,
    ...recorded,
  }),
});

/** 摘牌: withdrawal is an event, so a replay shows every card ever raised and what became of it. */
export const CardWithdrawn = z.object({
  type: z.literal('CardWithdrawn'),
  data: z.object({
    scope: CardScope,
    stepIndex: stepIndex.optional(),
    level: CardLevel,
    /** The deadline the card was raised for. */
    deadline: Instant,
    reason: CardWithdrawalReason,
    ...answerable,
    ...timers,
    ...recorded,
  }),
});

/** Every warning records the instant it became due (`dueAt`) besides when it was issued (`at`). */
const warning = { deadline: Instant, dueAt: Instant, ...answerable, ...timers, ...recorded };

/** 提醒: a deadline is a working day (by default) away. */
export const ReminderIssued = z.object({
  type: z.literal('ReminderIssued'),
  data: z.object({
    scope: WarningScope,
    stepIndex: stepIndex.optional(),
    department: z.string().optional(),
    ...warning,
  }),
});

/** 黄牌 (预警): more than `overdueWorkingDays` working days overdue. */
export const YellowCardRaised = z.object({
  type: z.literal('YellowCardRaised'),
  data: z.object({
    scope: CardScope,
    stepIndex: stepIndex.optional(),
    /** The threshold crossed: the card means "more than this many working days overdue". */
    overdueWorkingDays: z.number().min(0),
    ...warning,
  }),
});

/** 红牌 (报警): supersedes the yellow card of the same case or step. */
export const RedCardRaised = z.object({
  type: z.literal('RedCardRaised'),
  data: z.object({
    scope: CardScope,
    stepIndex: stepIndex.optional(),
    overdueWorkingDays: z.number().min(0),
    supersedes: z.literal('yellow'),
    ...warning,
  }),
});

/**
 * The promised or statutory deadline passed without a decision. `deemedApprovalDue`: the item allows
 * 超时默认 and this is the deadline deemed approval waits for, so the monitoring service sends it.
 */
export const DeadlinePassed = z.object({
  type: z.literal('DeadlinePassed'),
  data: z.object({ which: DeadlineKind, deemedApprovalDue: z.boolean(), ...warning }),
});

/** A co-handler let its answer deadline pass. `consentDeemedDue`: the item deems silence consent (超时默许). */
export const CoHandlerLimitPassed = z.object({
  type: z.literal('CoHandlerLimitPassed'),
  data: z.object({ department: z.string(), consentDeemedDue: z.boolean(), ...warning }),
});

/** 异常办件: recorded once per rule and evidence. Allowed whatever the clock's status. */
export const AnomalyDetected = z.object({
  type: z.literal('AnomalyDetected'),
  data: z.object({
    rule: AnomalyRule,
    evidenceEventId: z.string(),
    details: AnomalyDetails,
    /** The case's department, when known (an anomaly may precede the clock's start). */
    department: z.string().optional(),
    ...recorded,
  }),
});

export const ClockEvent = z.discriminatedUnion('type', [
  ClockStarted,
  StepStarted,
  CoHandlerAnswered,
  ClockPaused,
  ClockResumed,
  DeadlinesMoved,
  ClockStopped,
  CardWithdrawn,
  ReminderIssued,
  YellowCardRaised,
  RedCardRaised,
  DeadlinePassed,
  CoHandlerLimitPassed,
  AnomalyDetected,
]);
export type ClockEvent = z.infer<typeof ClockEvent>;
export type ClockEventType = ClockEvent['type'];
/** One event of the clock by its type tag. */
export type ClockEventOf<T extends ClockEventType> = Extract<ClockEvent, { type: T }>;
/** The warnings `EvaluateTimers` issues. */
export type ClockWarningEvent = ClockEventOf<
  'ReminderIssued' | 'YellowCardRaised' | 'RedCardRaised' | 'DeadlinePassed' | 'CoHandlerLimitPassed'
>;

/** `clock-<caseNo>`: written by the monitoring service only. */
export const clockStreamName = (caseNo: string): string => `clock-${caseNo}`;
