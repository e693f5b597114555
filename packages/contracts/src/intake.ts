import {
  AcceptApplicationData,
  Applicant,
  Channel,
  DeclineApplicationData,
  DefineServiceItemData,
  DeliverResultData,
  ProvidedMaterials,
  RequestCorrectionData,
  ReviseServiceItemData,
  SupplementMaterialsData,
  WithdrawApplicationData,
  WithdrawServiceItemData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, type CommandReply, CommandReplySchema, ItemCode, onCase, PageRequest } from './common';
import { onApplication, onCatalogueItem } from './decided-on';
import { command, type Fields, query } from './endpoint';
import { CASE_PARAM, commandOn, ITEM_PARAM, readAt } from './http-bindings';
import { CaseSearchQuery, listRequestOf, SubmitReplySchema } from './http-forms';
import {
  CaseDocumentSchema,
  CasePageSchema,
  CatalogueItemViewSchema,
  CatalogueListSchema,
  CatalogueVersionsSchema,
  PublicStatusSchema,
} from './http-views';
import { CaseStatus } from './statuses';
import type { CaseFacts } from './views';

/** 申请: what an applicant or clerk hands in. Intake assigns the case number and the query code. */
export const SubmitRequest = z.object({
  itemCode: ItemCode,
  applicant: Applicant,
  channel: Channel,
  /** Each of the item's materials once; a code the item does not list is refused when decided (UnknownMaterial). */
  materials: ProvidedMaterials,
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

/** The submission's answer: the case number and, once, the query code for the public status lookup. */
export interface SubmitReply extends CommandReply {
  caseNo: string;
  queryCode: string;
}

/** 受理: the acceptance notice number is generated when the clerk gives none. */
export const AcceptRequest = AcceptApplicationData;

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
  queryCode: z.string().min(1).max(64).describe('as printed on the receipt, e.g. 7K3Q-XM2A'),
});

/** Every version of a service item as published (the catalogue editor's history). */
export type CatalogueVersions = z.infer<typeof CatalogueVersionsSchema>;

/** The intake service's contract (窗口受理 and 事项目录). */
export const intake = {
  submit: command('intake.cmd.submit', SubmitRequest, {
    reply: SubmitReplySchema,
    does: 'SubmitApplication',
    decidedOn: onApplication,
    http: {
      operationId: 'submitApplication',
      method: 'POST',
      path: '/api/applications',
      tag: 'applications',
      summary: '申请: submit an application (a clerk at the window or by post; the applicant online)',
      description:
        'Answers with the case number and the query code; only the hash of the query code is stored.',
      access: 'bearer',
      binds: 'spread',
      success: 201,
      location: (_: Fields, reply: Fields) => `/api/cases/${reply.caseNo}`,
      problems: [400, 401, 403, 404, 409, 422],
    },
  }),
  requestCorrection: command('intake.cmd.requestCorrection', onCase(RequestCorrectionData), {
    reply: CommandReplySchema,
    does: 'RequestCorrection',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'requestCorrection',
      path: '/api/applications/{caseNo}/correction-request',
      tag: 'applications',
      summary: '一次性告知: one notice listing every missing and deficient material',
    }),
  }),
  supplement: command('intake.cmd.supplement', onCase(SupplementMaterialsData), {
    reply: CommandReplySchema,
    does: 'SupplementMaterials',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'supplementMaterials',
      path: '/api/applications/{caseNo}/supplements',
      tag: 'applications',
      summary: '补正: hand in the materials the notice asked for',
      description:
        'Until the notice’s supplement deadline (补正期限, `correctionDeadline` of the status lookup). After it ' +
        'the application has ended (逾期未补正: the system records `CorrectionExpired` when the deadline ' +
        'passes) and a supplement is refused with 422 `SupplementDeadlinePassed` naming the deadline.',
    }),
  }),
  accept: command('intake.cmd.accept', onCase(AcceptRequest), {
    reply: CommandReplySchema,
    does: 'AcceptApplication',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'acceptApplication',
      path: '/api/applications/{caseNo}/acceptance',
      tag: 'applications',
      summary: '受理: accept; the promised and statutory deadlines are set from the working-day calendar',
      description:
        '行政许可法 Art. 32: when five working days (DOCKET_CORRECTION_NOTICE_WORKING_DAYS) pass after the ' +
        'submission with no acceptance, decline or correction notice, the system records the acceptance by ' +
        'operation of law itself (`byOperationOfLaw`, the window unit answerable), the deadlines running ' +
        'from the submission; the window unit is reminded a working day before.',
    }),
  }),
  decline: command('intake.cmd.decline', onCase(DeclineApplicationData), {
    reply: CommandReplySchema,
    does: 'DeclineApplication',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'declineApplication',
      path: '/api/applications/{caseNo}/decline',
      tag: 'applications',
      summary: '不予受理: decline, with a written reason and the legal basis',
    }),
  }),
  withdraw: command('intake.cmd.withdraw', onCase(WithdrawApplicationData), {
    reply: CommandReplySchema,
    does: 'WithdrawApplication',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'withdrawApplication',
      path: '/api/applications/{caseNo}/withdrawal',
      tag: 'applications',
      summary: '撤回: the applicant withdraws (before a decision)',
    }),
  }),
  deliver: command('intake.cmd.deliver', onCase(DeliverResultData), {
    reply: CommandReplySchema,
    does: 'DeliverResult',
    decidedOn: onApplication,
    http: commandOn(CASE_PARAM, {
      operationId: 'deliverResult',
      path: '/api/applications/{caseNo}/delivery',
      tag: 'applications',
      summary: '送达: hand the result over (window, post, electronic)',
    }),
  }),
  defineItem: command('intake.cmd.defineItem', DefineServiceItemData, {
    reply: CommandReplySchema,
    does: 'DefineServiceItem',
    decidedOn: onCatalogueItem,
    http: {
      operationId: 'defineItem',
      method: 'POST',
      path: '/api/catalogue/items',
      tag: 'catalogue',
      summary: 'Define a service item (administrator of its department)',
      access: 'bearer',
      binds: 'spread',
      success: 201,
      location: (request: Fields) =>
        `/api/catalogue/items/${encodeURIComponent(String((request.item as { code: string }).code))}`,
      problems: [400, 401, 403, 409, 422],
    },
  }),
  reviseItem: command(
    'intake.cmd.reviseItem',
    // The item's code is in the path; the decider refuses a body that names another (CodeMismatch).
    z.object({ code: ItemCode, data: ReviseServiceItemData }),
    {
      reply: CommandReplySchema,
      does: 'ReviseServiceItem',
      decidedOn: onCatalogueItem,
      http: {
        operationId: 'reviseItem',
        method: 'PUT',
        path: '/api/catalogue/items/{code}',
        tag: 'catalogue',
        summary: 'Publish a new version of a service item (open cases keep theirs)',
        access: 'bearer',
        params: ITEM_PARAM,
        binds: 'data',
        success: 200,
        conditional: true,
        problems: [400, 401, 403, 404, 409, 422],
      },
    },
  ),
  withdrawItem: command('intake.cmd.withdrawItem', WithdrawServiceItemData, {
    reply: CommandReplySchema,
    does: 'WithdrawServiceItem',
    decidedOn: onCatalogueItem,
    http: {
      operationId: 'withdrawItem',
      method: 'POST',
      path: '/api/catalogue/items/{code}/withdrawal',
      tag: 'catalogue',
      summary: 'Withdraw a service item: no new applications; open cases go on',
      access: 'bearer',
      params: ITEM_PARAM,
      binds: 'spread',
      success: 200,
      conditional: true,
      problems: [400, 401, 403, 404, 409, 422],
    },
  }),
  items: query('intake.qry.items', z.object({}), {
    reply: CatalogueListSchema,
    http: {
      operationId: 'listItems',
      method: 'GET',
      path: '/api/catalogue/items',
      tag: 'catalogue',
      summary: '办事指南: every service item open for applications (the five disclosures)',
      access: 'public',
      binds: 'none',
      success: 200,
      problems: [],
    },
  }),
  item: query('intake.qry.item', z.object({ code: ItemCode }), {
    reply: CatalogueItemViewSchema,
    http: {
      operationId: 'getItem',
      method: 'GET',
      path: '/api/catalogue/items/{code}',
      tag: 'catalogue',
      summary: 'One service item with its version history',
      access: 'public',
      params: ITEM_PARAM,
      binds: 'none',
      success: 200,
      problems: [400, 404],
    },
  }),
  itemVersions: query('intake.qry.itemVersions', z.object({ code: ItemCode }), {
    reply: CatalogueVersionsSchema,
    http: {
      operationId: 'getItemVersions',
      method: 'GET',
      path: '/api/catalogue/items/{code}/versions',
      tag: 'catalogue',
      summary: 'Every version of a service item as published, with its revision note (from its stream)',
      access: 'bearer',
      params: ITEM_PARAM,
      binds: 'none',
      success: 200,
      problems: [400, 401, 404],
    },
  }),
  cases: query('intake.qry.cases', CaseSearchRequest, {
    reply: CasePageSchema,
    http: readAt({
      operationId: 'searchCases',
      path: '/api/cases',
      tag: 'cases',
      summary: '办件查询: search the cases the viewer may see, newest first (personal data masked by role)',
      query: CaseSearchQuery,
      fromQuery: listRequestOf,
      problems: [400, 401, 403],
    }),
  }),
  case: query('intake.qry.case', z.object({ caseNo: CaseNo }), {
    reply: CaseDocumentSchema,
    http: readAt({
      operationId: 'getCase',
      path: '/api/cases/{caseNo}',
      tag: 'cases',
      summary: 'One case as its department, its co-handlers, its applicant, watchers and auditors may see it',
      params: CASE_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  status: query('intake.qry.status', PublicStatusRequest, {
    reply: PublicStatusSchema,
    http: {
      operationId: 'publicStatus',
      method: 'POST',
      path: '/api/public/status-lookup',
      tag: 'public',
      summary:
        '办件进度查询: the public status of a case, by case number and query code (no login; rate limited)',
      description: 'POST so that the query code never appears in a URL or an access log.',
      access: 'public',
      rateLimited: true,
      binds: 'spread',
      success: 200,
      problems: [400, 404, 429],
    },
  }),
  /** For supervision (ratings, complaints about a case): the case's department, applicant, closing. System only. */
  caseFacts: query('intake.qry.caseFacts', z.object({ caseNo: CaseNo }), {
    reply: z.custom<CaseFacts>(),
    internal: true,
  }),
} as const;
