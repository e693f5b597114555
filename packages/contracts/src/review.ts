import {
  AnswerJointOpinionData,
  ApproveExtensionData,
  AssignTaskData,
  CompleteStepData,
  ConsolidateJointOpinionsData,
  DecideData,
  DeemApprovalData,
  DeemCoHandlerConsentData,
  EndSpecialProcedureData,
  ForwardUpData,
  StartSpecialProcedureData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, CommandReplySchema, ItemCode, onCase, PageRequest } from './common';
import { onReview } from './decided-on';
import { command, query } from './endpoint';
import { CASE_PARAM, commandOn, readAt } from './http-bindings';
import { InboxQuery, listRequestOf } from './http-forms';
import { InboxPageSchema, ReviewViewSchema } from './http-views';

export const InboxRequest = z.object({
  /** Only work this role may do (default: every role the viewer holds). */
  role: z.enum(['officer', 'reviewer', 'head']).optional(),
  /** One department of the viewer's subtree (default: the whole subtree). */
  department: z.string().min(1).max(64).optional(),
  /** Whose work: `mine` (the viewer's), `unassigned` (the department's pool), or a user id. */
  assignee: z.string().min(1).max(128).optional(),
  /** Only work on cases of this service item. */
  itemCode: ItemCode.optional(),
  /** Deadline at or after this instant (the console turns a deadline's colour into a range). */
  deadlineFrom: z.iso.datetime({ offset: true }).optional(),
  /** Deadline before this instant. */
  deadlineBefore: z.iso.datetime({ offset: true }).optional(),
  page: PageRequest.default({ offset: 0, limit: 50 }),
});
export type InboxRequest = z.infer<typeof InboxRequest>;

/** The review service's contract (办件审查). Command subjects carry the domain command's name. */
export const review = {
  completeStep: command('review.cmd.completeStep', onCase(CompleteStepData), {
    reply: CommandReplySchema,
    does: 'CompleteStep',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'completeStep',
      path: '/api/reviews/{caseNo}/step-completions',
      tag: 'review',
      summary: '承办 / 审核: pass the active step on, or return the case to an earlier step with an opinion',
    }),
  }),
  answerJointOpinion: command('review.cmd.answerJointOpinion', onCase(AnswerJointOpinionData), {
    reply: CommandReplySchema,
    does: 'AnswerJointOpinion',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'answerJointOpinion',
      path: '/api/reviews/{caseNo}/joint-answers',
      tag: 'review',
      summary:
        '协办意见: a co-handling department agrees, disagrees (with a reason) or suggests forwarding up',
    }),
  }),
  consolidateJointOpinions: command(
    'review.cmd.consolidateJointOpinions',
    onCase(ConsolidateJointOpinionsData),
    {
      reply: CommandReplySchema,
      does: 'ConsolidateJointOpinions',
      decidedOn: onReview,
      http: {
        operationId: 'consolidateJointOpinions',
        method: 'POST',
        path: '/api/reviews/{caseNo}/consolidation',
        tag: 'review',
        summary: "牵头汇总: the lead department consolidates the co-handlers' answers",
        access: 'bearer',
        params: CASE_PARAM,
        binds: 'data',
        success: 200,
        conditional: true,
        problems: [400, 401, 403, 404, 409, 422],
      },
    },
  ),
  startSpecialProcedure: command('review.cmd.startSpecialProcedure', onCase(StartSpecialProcedureData), {
    reply: CommandReplySchema,
    does: 'StartSpecialProcedure',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'startSpecialProcedure',
      path: '/api/reviews/{caseNo}/special-procedures',
      tag: 'review',
      summary: '特别程序: hearing, expert review, testing, site survey or suspension; the clock pauses',
    }),
  }),
  endSpecialProcedure: command('review.cmd.endSpecialProcedure', onCase(EndSpecialProcedureData), {
    reply: CommandReplySchema,
    does: 'EndSpecialProcedure',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'endSpecialProcedure',
      path: '/api/reviews/{caseNo}/special-procedures/current/end',
      tag: 'review',
      summary: 'End the running special procedure; the deadlines move by the paused working time',
    }),
  }),
  approveExtension: command('review.cmd.approveExtension', onCase(ApproveExtensionData), {
    reply: CommandReplySchema,
    does: 'ApproveExtension',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'approveExtension',
      path: '/api/reviews/{caseNo}/extensions',
      tag: 'review',
      summary:
        '延长 (行政许可法 Art. 42): within the statutory limit only (after it: 422 ExtensionAfterDeadline); up to 10 working days by the department head, or, for a joint case, up to 15 by the head of the people’s government at that level (government_head; anyone else: 403)',
    }),
  }),
  decide: command('review.cmd.decide', onCase(DecideData), {
    reply: CommandReplySchema,
    does: 'Decide',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'decide',
      path: '/api/reviews/{caseNo}/decision',
      tag: 'review',
      summary: '批准 / 不予许可: approve (with the certificate) or refuse (a written reason is required)',
    }),
  }),
  forwardUp: command('review.cmd.forwardUp', onCase(ForwardUpData), {
    reply: CommandReplySchema,
    does: 'ForwardUp',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'forwardUp',
      path: '/api/reviews/{caseNo}/forward-up',
      tag: 'review',
      summary: '上报: forward the case to a higher authority',
    }),
  }),
  assignTask: command('review.cmd.assignTask', onCase(AssignTaskData), {
    reply: CommandReplySchema,
    does: 'AssignTask',
    decidedOn: onReview,
    http: commandOn(CASE_PARAM, {
      operationId: 'assignTask',
      path: '/api/reviews/{caseNo}/assignments',
      tag: 'review',
      summary:
        '分派 / 认领 / 退回部门: give a task to a member of its department, claim it, or release it, with a reason',
    }),
  }),
  /** 超时默认, sent by monitoring (system) when a deadline passes. */
  deemApproval: command('review.cmd.deemApproval', onCase(DeemApprovalData), {
    reply: CommandReplySchema,
    does: 'DeemApproval',
    decidedOn: onReview,
    internal: true,
  }),
  /** 超时默许, sent by monitoring (system) when a co-handler's limit passes. */
  deemCoHandlerConsent: command('review.cmd.deemCoHandlerConsent', onCase(DeemCoHandlerConsentData), {
    reply: CommandReplySchema,
    does: 'DeemCoHandlerConsent',
    decidedOn: onReview,
    internal: true,
  }),
  inbox: query('review.qry.inbox', InboxRequest, {
    reply: InboxPageSchema,
    http: readAt({
      operationId: 'inbox',
      path: '/api/inbox',
      tag: 'review',
      summary:
        "待办: the open work of the viewer's departments that their roles may do, most urgent first, a page at a time",
      query: InboxQuery,
      fromQuery: (query: Record<string, string | undefined>) => listRequestOf(query, 50),
      problems: [400, 401, 403],
    }),
  }),
  review: query('review.qry.review', z.object({ caseNo: CaseNo }), {
    reply: ReviewViewSchema,
    http: readAt({
      operationId: 'getReview',
      path: '/api/reviews/{caseNo}',
      tag: 'review',
      summary: "A case's review: tasks, steps with every completion, opinions, special procedures, outcome",
      params: CASE_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
} as const;
