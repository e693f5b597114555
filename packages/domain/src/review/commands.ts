import { z } from 'zod';
import { HandlingCategory, ServiceItemVersion } from '../catalogue/service-item';
import { TypedCertificate } from '../shared/certificate';
import type { Command } from '../shared/command';
import { multiLine, singleLine } from '../shared/text';
import { Instant } from '../shared/time';
import { JointAnswer, SpecialProcedureKind } from './events';

/** Opinions, reasons and results are typed by officers: the text rule (shared/text.ts), over lines. */
const text = (max: number) => multiLine({ max });
const department = z.string().min(1).max(64);

/** Reaction to the application's acceptance (system): creates the department task(s). */
export const OpenReviewData = z
  .object({
    caseNo: z.string().min(1).max(64),
    item: ServiceItemVersion,
    category: HandlingCategory,
    /** The department of the accepting window: answerable for a deemed approval. */
    acceptingUnit: department,
    promisedDeadline: Instant,
    statutoryDeadline: Instant,
    acceptedAt: Instant,
    causationEventId: z.string().min(1).max(128),
  })
  .refine((d) => d.category !== 'joint' || d.item.joint !== undefined, {
    message: 'a joint case needs an item with joint handling (lead and co-handling departments)',
    path: ['item', 'joint'],
  });

/** Pass the active step on, or return the case to an earlier step (with an opinion). */
export const CompleteStepData = z.object({
  stepIndex: z.number().int().min(0),
  outcome: z.enum(['pass', 'return']),
  /** For a return: the earlier step to go back to; the previous step when absent. */
  returnToStep: z.number().int().min(0).optional(),
  opinion: text(4000).optional(),
});

export const AnswerJointOpinionData = z.object({
  department,
  answer: JointAnswer,
  reason: text(4000).optional(),
});

export const DeemCoHandlerConsentData = z.object({
  department,
  causationEventId: z.string().min(1).max(128),
});

export const ConsolidateJointOpinionsData = z.object({
  summary: multiLine({ max: 4000, required: true }),
  opinion: text(4000),
  /** Required when any co-handler disagreed. */
  reason: text(4000).optional(),
});

export const StartSpecialProcedureData = z.object({
  kind: SpecialProcedureKind,
  reason: text(4000).optional(),
  expectedEnd: Instant.optional(),
});

export const EndSpecialProcedureData = z.object({ result: multiLine({ max: 4000, required: true }) });

export const ApproveExtensionData = z.object({
  workingDays: z.number().int().min(1).max(365),
  reason: text(4000).optional(),
});

export const DecideData = z
  .object({
    outcome: z.enum(['approved', 'refused']),
    opinion: text(4000),
    reason: text(4000).optional(),
    certificate: TypedCertificate.optional(),
  })
  .refine((d) => d.outcome === 'approved' || d.certificate === undefined, {
    message: 'a refusal carries no certificate',
    path: ['certificate'],
  });

export const DeemApprovalData = z.object({ causationEventId: z.string().min(1).max(128) });

/** 上报: the higher authority, by name (one line). */
export const ForwardUpData = z.object({ authority: singleLine({ max: 200 }), reason: text(4000).optional() });

export const CloseOnWithdrawalData = z.object({ causationEventId: z.string().min(1).max(128) });

/**
 * 分派 / 认领 / 退回部门: give an open task (`main`, or a co-handler's `co:<department>`) to a named member
 * of its department, or release it back to the department (`assignee: null`), always with a reason.
 */
export const AssignTaskData = z.object({
  taskId: z.string().min(1).max(80),
  /** The user id of the staff member the task goes to; null releases it to the department. */
  assignee: z.string().min(1).max(128).nullable(),
  reason: text(4000),
});

/** Every command's payload schema, by its type tag: decide validates against these. */
export const reviewCommandSchemas = {
  OpenReview: OpenReviewData,
  CompleteStep: CompleteStepData,
  AnswerJointOpinion: AnswerJointOpinionData,
  DeemCoHandlerConsent: DeemCoHandlerConsentData,
  ConsolidateJointOpinions: ConsolidateJointOpinionsData,
  StartSpecialProcedure: StartSpecialProcedureData,
  EndSpecialProcedure: EndSpecialProcedureData,
  ApproveExtension: ApproveExtensionData,
  Decide: DecideData,
  DeemApproval: DeemApprovalData,
  ForwardUp: ForwardUpData,
  CloseOnWithdrawal: CloseOnWithdrawalData,
  AssignTask: AssignTaskData,
} as const;

type Schemas = typeof reviewCommandSchemas;
export type ReviewCommandType = keyof Schemas;
/** One review command by its type tag, with the payload as callers write it. */
export type ReviewCommandOf<T extends ReviewCommandType> = Command<T, z.input<Schemas[T]>>;
export type ReviewCommand = { [T in ReviewCommandType]: ReviewCommandOf<T> }[ReviewCommandType];
/** A command after validation: what the per-command deciders receive. */
export type ValidReviewCommand<T extends ReviewCommandType> = Command<T, z.output<Schemas[T]>>;
