import type { CaseDocument, CasePage, PublicStatusView } from '@docket/case-views';
import {
  AcceptApplicationData,
  Applicant,
  Channel,
  DeclineApplicationData,
  DefineServiceItemData,
  DeliverResultData,
  ProvidedMaterial,
  RequestCorrectionData,
  ReviseServiceItemData,
  SupplementMaterialsData,
  WithdrawApplicationData,
  WithdrawServiceItemData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, type CommandReply, ItemCode, onCase, PageRequest } from './common';
import { command, query, replies } from './endpoint';
import type { CaseFacts, CatalogueItemView, OpenReviewInput } from './views';

/** Where a case stands (as the case list has it: packages/case-views, case-status.ts). */
export const CaseStatus = z.enum([
  'submitted',
  'correction_requested',
  'supplemented',
  'correction_expired',
  'accepted',
  'in_review',
  'special_procedure',
  'decided',
  'delivered',
  'declined',
  'withdrawn',
]);

/** 申请: what an applicant or clerk hands in. Intake assigns the case number and the query code. */
export const SubmitRequest = z.object({
  itemCode: ItemCode,
  applicant: Applicant,
  channel: Channel,
  materials: z.array(ProvidedMaterial).max(200),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

/** The submission's answer: the case number and, once, the query code for the public status lookup. */
export interface SubmitReply extends CommandReply {
  caseNo: string;
  queryCode: string;
}

/** 受理: the acceptance notice number is generated when the clerk gives none. */
export const AcceptRequest = AcceptApplicationData.partial({ acceptanceDocumentNo: true });

export const CaseSearchRequest = z.object({
  /** Narrow to one department's subtree; always within what the viewer may see. */
  department: z.string().min(1).max(64).optional(),
  status: z.array(CaseStatus).max(20).optional(),
  itemCode: ItemCode.optional(),
  applicantNamePrefix: z.string().min(1).max(200).optional(),
  submittedFrom: z.iso.datetime({ offset: true }).optional(),
  submittedBefore: z.iso.datetime({ offset: true }).optional(),
  /** Only running cases past their promised deadline now. */
  overdue: z.boolean().optional(),
  page: PageRequest.default({ offset: 0, limit: 20 }),
});
export type CaseSearchRequest = z.infer<typeof CaseSearchRequest>;

export const PublicStatusRequest = z.object({
  caseNo: z.string().min(1).max(64),
  queryCode: z.string().min(1).max(64),
});

/** The intake service's contract (窗口受理 and 事项目录). */
export const intake = {
  submit: command('intake.cmd.submit', SubmitRequest, replies<SubmitReply>()),
  requestCorrection: command(
    'intake.cmd.requestCorrection',
    onCase(RequestCorrectionData),
    replies<CommandReply>(),
  ),
  supplement: command('intake.cmd.supplement', onCase(SupplementMaterialsData), replies<CommandReply>()),
  accept: command('intake.cmd.accept', onCase(AcceptRequest), replies<CommandReply>()),
  decline: command('intake.cmd.decline', onCase(DeclineApplicationData), replies<CommandReply>()),
  withdraw: command('intake.cmd.withdraw', onCase(WithdrawApplicationData), replies<CommandReply>()),
  deliver: command('intake.cmd.deliver', onCase(DeliverResultData), replies<CommandReply>()),
  defineItem: command('intake.cmd.defineItem', DefineServiceItemData, replies<CommandReply>()),
  reviseItem: command('intake.cmd.reviseItem', ReviseServiceItemData, replies<CommandReply>()),
  withdrawItem: command('intake.cmd.withdrawItem', WithdrawServiceItemData, replies<CommandReply>()),
  items: query('intake.qry.items', z.object({}), replies<CatalogueItemView[]>()),
  item: query('intake.qry.item', z.object({ code: ItemCode }), replies<CatalogueItemView>()),
  cases: query('intake.qry.cases', CaseSearchRequest, replies<CasePage>()),
  case: query('intake.qry.case', z.object({ caseNo: CaseNo }), replies<CaseDocument>()),
  status: query('intake.qry.status', PublicStatusRequest, replies<PublicStatusView>()),
  /** For the review service's reaction to an acceptance: what it opens the review with. System only. */
  acceptedCase: query('intake.qry.acceptedCase', z.object({ caseNo: CaseNo }), replies<OpenReviewInput>()),
  /** For supervision (ratings, complaints about a case): the case's department, applicant, closing. System only. */
  caseFacts: query('intake.qry.caseFacts', z.object({ caseNo: CaseNo }), replies<CaseFacts>()),
} as const;
