import { z } from 'zod';
import { HandlingCategory, ServiceItemVersion } from '../catalogue/service-item';
import { Certificate } from '../shared/certificate';
import { RecordedBy } from '../shared/recorded-by';
import { Instant, TimeLimit } from '../shared/time';

const recorded = { at: Instant, by: RecordedBy };

/** The case's deadlines: 承诺时限 and 法定时限, as instants, moved by extension and by special procedures. */
export const ReviewDeadlines = z.object({ promised: Instant, statutory: Instant });
export type ReviewDeadlines = z.infer<typeof ReviewDeadlines>;

/** A department task as created on opening: the main task, and for joint cases one per co-handler. */
export const OpenedTask = z.discriminatedUnion('kind', [
  z.object({ taskId: z.literal('main'), kind: z.literal('main'), department: z.string() }),
  z.object({
    taskId: z.string(),
    kind: z.literal('co_handler'),
    department: z.string(),
    limit: TimeLimit,
    deadline: Instant,
  }),
]);
export type OpenedTask = z.infer<typeof OpenedTask>;

export const ReviewOpened = z.object({
  type: z.literal('ReviewOpened'),
  data: z.object({
    caseNo: z.string(),
    item: ServiceItemVersion,
    category: HandlingCategory,
    acceptingUnit: z.string(),
    acceptedAt: Instant,
    deadlines: ReviewDeadlines,
    tasks: z.array(OpenedTask).min(1),
    causationEventId: z.string(),
    ...recorded,
  }),
});

/** 承办/审核 passed: the next step becomes active. */
export const ReviewStepPassed = z.object({
  type: z.literal('ReviewStepPassed'),
  data: z.object({
    stepIndex: z.number().int(),
    nextStep: z.number().int(),
    opinion: z.string(),
    ...recorded,
  }),
});

/** 退回: the case goes back to an earlier step, with the opinion saying why. */
export const ReviewStepReturned = z.object({
  type: z.literal('ReviewStepReturned'),
  data: z.object({
    stepIndex: z.number().int(),
    returnToStep: z.number().int(),
    opinion: z.string(),
    ...recorded,
  }),
});

export const JointAnswer = z.enum(['agree', 'disagree', 'agree_forward_up']);
export type JointAnswer = z.infer<typeof JointAnswer>;

/** 协办意见: a co-handling department's answer. */
export const JointOpinionAnswered = z.object({
  type: z.literal('JointOpinionAnswered'),
  data: z.object({
    department: z.string(),
    answer: JointAnswer,
    reason: z.string().optional(),
    ...recorded,
  }),
});

/** 超时默许: a co-handler that let its limit pass is deemed to agree. */
export const CoHandlerConsentDeemed = z.object({
  type: z.literal('CoHandlerConsentDeemed'),
  data: z.object({ department: z.string(), deadline: Instant, causationEventId: z.string(), ...recorded }),
});

/** 牵头部门汇总: the lead department's consolidated opinion. */
export const JointOpinionsConsolidated = z.object({
  type: z.literal('JointOpinionsConsolidated'),
  data: z.object({
    summary: z.string(),
    opinion: z.string(),
    reason: z.string().optional(),
    disagreeing: z.array(z.string()),
    forwardUpSuggested: z.array(z.string()),
    ...recorded,
  }),
});

export const SpecialProcedureKind = z.enum([
  'hearing',
  'expert_review',
  'testing',
  'site_survey',
  'suspension',
]);
export type SpecialProcedureKind = z.infer<typeof SpecialProcedureKind>;

/** 特别程序 started: the clock pauses from `at`. */
export const SpecialProcedureStarted = z.object({
  type: z.literal('SpecialProcedureStarted'),
  data: z.object({
    kind: SpecialProcedureKind,
    reason: z.string(),
    expectedEnd: Instant.optional(),
    ...recorded,
  }),
});

/**
 * 特别程序 ended: the clock resumes at `at`. The deadlines moved later by the working time of the pause;
 * the new values are recorded so a replay never depends on today's calendar.
 */
export const SpecialProcedureEnded = z.object({
  type: z.literal('SpecialProcedureEnded'),
  data: z.object({
    kind: SpecialProcedureKind,
    result: z.string(),
    pausedWorkingMinutes: z.number().int().min(0),
    deadlines: ReviewDeadlines,
    coHandlerDeadlines: z.record(z.string(), Instant),
    ...recorded,
  }),
});

/** 延长: approved by a head; the new deadlines are recorded. */
export const ExtensionApproved = z.object({
  type: z.literal('ExtensionApproved'),
  data: z.object({
    workingDays: z.number().int().min(1),
    reason: z.string(),
    deadlines: ReviewDeadlines,
    ...recorded,
  }),
});

export const ReviewDecided = z.object({
  type: z.literal('ReviewDecided'),
  data: z.object({
    outcome: z.enum(['approved', 'refused']),
    stepIndex: z.number().int(),
    opinion: z.string(),
    reason: z.string().optional(),
    certificate: Certificate.optional(),
    ...recorded,
  }),
});

/** 超时默认: recorded by the system; responsibility lies with the accepting window unit. */
export const ApprovalDeemed = z.object({
  type: z.literal('ApprovalDeemed'),
  data: z.object({
    outcome: z.literal('deemed_approved'),
    deadline: Instant,
    responsibleUnit: z.string(),
    causationEventId: z.string(),
    ...recorded,
  }),
});

/** 上报/转报 to a higher authority: this review ends. */
export const ReviewForwardedUp = z.object({
  type: z.literal('ReviewForwardedUp'),
  data: z.object({ authority: z.string(), reason: z.string(), ...recorded }),
});

/** The applicant withdrew: every task closes. */
export const ReviewClosedOnWithdrawal = z.object({
  type: z.literal('ReviewClosedOnWithdrawal'),
  data: z.object({ causationEventId: z.string(), ...recorded }),
});

/**
 * 分派: a task went to a named member of its department (`assignee`), or back to the department
 * (`assignee: null`). Who had it before is recorded too, so the history reads without folding.
 */
export const TaskAssigned = z.object({
  type: z.literal('TaskAssigned'),
  data: z.object({
    taskId: z.string(),
    department: z.string(),
    assignee: RecordedBy.nullable(),
    previous: RecordedBy.nullable(),
    reason: z.string(),
    ...recorded,
  }),
});

export const ReviewEvent = z.discriminatedUnion('type', [
  ReviewOpened,
  ReviewStepPassed,
  ReviewStepReturned,
  JointOpinionAnswered,
  CoHandlerConsentDeemed,
  JointOpinionsConsolidated,
  SpecialProcedureStarted,
  SpecialProcedureEnded,
  ExtensionApproved,
  ReviewDecided,
  ApprovalDeemed,
  ReviewForwardedUp,
  ReviewClosedOnWithdrawal,
  TaskAssigned,
]);
export type ReviewEvent = z.infer<typeof ReviewEvent>;
export type ReviewEventType = ReviewEvent['type'];
/** One event of the review by its type tag. */
export type ReviewEventOf<T extends ReviewEventType> = Extract<ReviewEvent, { type: T }>;

export const reviewStreamName = (caseNo: string): string => `review-${caseNo}`;
