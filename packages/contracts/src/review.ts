import type { InboxItem } from '@docket/case-views';
import {
  AnswerJointOpinionData,
  ApproveExtensionData,
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
import { CaseNo, type CommandReply, onCase } from './common';
import { command, query, replies } from './endpoint';
import type { ReviewView } from './views';

export const InboxRequest = z.object({
  /** Only work this role may do (default: every role the viewer holds). */
  role: z.enum(['officer', 'reviewer', 'head']).optional(),
  /** One department of the viewer's subtree (default: the whole subtree). */
  department: z.string().min(1).max(64).optional(),
});
export type InboxRequest = z.infer<typeof InboxRequest>;

/** The review service's contract (办件审查). Command subjects carry the domain command's name. */
export const review = {
  completeStep: command('review.cmd.completeStep', onCase(CompleteStepData), replies<CommandReply>()),
  answerJointOpinion: command(
    'review.cmd.answerJointOpinion',
    onCase(AnswerJointOpinionData),
    replies<CommandReply>(),
  ),
  consolidateJointOpinions: command(
    'review.cmd.consolidateJointOpinions',
    onCase(ConsolidateJointOpinionsData),
    replies<CommandReply>(),
  ),
  startSpecialProcedure: command(
    'review.cmd.startSpecialProcedure',
    onCase(StartSpecialProcedureData),
    replies<CommandReply>(),
  ),
  endSpecialProcedure: command(
    'review.cmd.endSpecialProcedure',
    onCase(EndSpecialProcedureData),
    replies<CommandReply>(),
  ),
  approveExtension: command(
    'review.cmd.approveExtension',
    onCase(ApproveExtensionData),
    replies<CommandReply>(),
  ),
  decide: command('review.cmd.decide', onCase(DecideData), replies<CommandReply>()),
  forwardUp: command('review.cmd.forwardUp', onCase(ForwardUpData), replies<CommandReply>()),
  /** 超时默认, sent by monitoring (system) when a deadline passes. */
  deemApproval: command('review.cmd.deemApproval', onCase(DeemApprovalData), replies<CommandReply>()),
  /** 超时默许, sent by monitoring (system) when a co-handler's limit passes. */
  deemCoHandlerConsent: command(
    'review.cmd.deemCoHandlerConsent',
    onCase(DeemCoHandlerConsentData),
    replies<CommandReply>(),
  ),
  inbox: query('review.qry.inbox', InboxRequest, replies<InboxItem[]>()),
  review: query('review.qry.review', z.object({ caseNo: CaseNo }), replies<ReviewView>()),
} as const;

/** Which domain command each review command subject carries. */
export const reviewCommandTypes = {
  completeStep: 'CompleteStep',
  answerJointOpinion: 'AnswerJointOpinion',
  consolidateJointOpinions: 'ConsolidateJointOpinions',
  startSpecialProcedure: 'StartSpecialProcedure',
  endSpecialProcedure: 'EndSpecialProcedure',
  approveExtension: 'ApproveExtension',
  decide: 'Decide',
  forwardUp: 'ForwardUp',
  deemApproval: 'DeemApproval',
  deemCoHandlerConsent: 'DeemCoHandlerConsent',
} as const;
