import type {
  AccountabilityMeasure,
  ComplaintChannel,
  ComplaintType,
  IssuedSupervisionOrderState,
  LockedScoreCounts,
  LockedScoreRules,
  RatedState,
  RecordedBy,
  ScoreRefs,
  SubmittedComplaintState,
  SupervisionIssuerRole,
} from '@docket/domain';
import {
  AcceptComplaintData,
  AnswerSupervisionOrderData,
  AppealRatingData,
  CloseSupervisionOrderData,
  DecideAccountabilityData,
  DecideRatingAppealData,
  DeclineComplaintData,
  FlagComplaintOverdueData,
  FlagRectificationOverdueData,
  FlagSupervisionOrderOverdueData,
  IssueSupervisionOrderData,
  LockMonthlyScoreData,
  RateServiceData,
  RecordCallBackData,
  RecordFindingData,
  RecordInvestigationData,
  RecordRectificationData,
  ReplyToComplainantData,
  ScoreMonth,
  SubmitComplaintData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, type CommandReply, CommandReplySchema, onCase, PageRequest } from './common';
import { onComplaint, onRating, onSupervisionOrder } from './decided-on';
import { command, type Fields, query } from './endpoint';
import { CASE_PARAM, COMPLAINT_PARAM, commandOn, ORDER_PARAM, readAt } from './http-bindings';
import {
  ComplaintListQuery,
  listRequestOf,
  RatingListQuery,
  SupervisionItemReplySchema,
  SupervisionOrderListQuery,
} from './http-forms';
import {
  ComplaintPageSchema,
  ComplaintViewSchema,
  MonthlyScoreViewSchema,
  QuarterlyGradeViewSchema,
  RatingPageSchema,
  RatingViewSchema,
  SupervisionOrderPageSchema,
  SupervisionOrderViewSchema,
} from './http-views';
import { ComplaintStatus, SupervisionOrderStatus } from './statuses';

/**
 * 投诉编号 / 督办单编号, drawn by the supervision service (`TS-20261201-7K3QXM`, `DB-20261201-7K3QXM`). They
 * become part of stream names (`complaint-<id>`, `order-<id>`), so they are held to that alphabet here.
 */
export const SupervisionId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'an id: letters, digits and -');

const Department = z.string().min(1).max(64);

/** A command on one complaint or supervision order: which one, and the domain command's payload. */
export const onSupervisionItem = <Data extends z.ZodType>(data: Data) =>
  z.object({ id: SupervisionId, data });

/** 投诉: what the complainant (or the supervisor taking it down) hands in. The service draws the id. */
export const SubmitComplaintRequest = SubmitComplaintData.omit({ id: true });
export type SubmitComplaintRequest = z.infer<typeof SubmitComplaintRequest>;

/** 督办: what the monitor or supervisor issues. The service draws the id. */
export const IssueSupervisionOrderRequest = IssueSupervisionOrderData.omit({ id: true });

/** 评价: the level and comment; the case's department, closing and applicant come from intake. */
export const RateServiceRequest = RateServiceData.pick({ level: true, comment: true });

/** 考核锁定: which month of which department; the service counts what it deducts for. */
export const LockMonthlyScoreRequest = LockMonthlyScoreData.pick({
  department: true,
  month: true,
  note: true,
});

/** Answer of a submission or an issue: the command reply and the id drawn. */
export interface SupervisionItemReply extends CommandReply {
  id: string;
}

export const ComplaintListRequest = z.object({
  status: z.array(ComplaintStatus).min(1).max(4).optional(),
  /** A department of the viewer's reach: its subtree. */
  department: Department.optional(),
  page: PageRequest.default({ offset: 0, limit: 20 }),
});

export const SupervisionOrderListRequest = z.object({
  status: z.array(SupervisionOrderStatus).min(1).max(3).optional(),
  department: Department.optional(),
  page: PageRequest.default({ offset: 0, limit: 20 }),
});

export const RatingListRequest = z.object({
  department: Department.optional(),
  /** The local month the rating was given in. */
  month: ScoreMonth.optional(),
  /** Only ratings that count (or do not count) as dissatisfied in the monthly score. */
  dissatisfied: z.boolean().optional(),
  page: PageRequest.default({ offset: 0, limit: 20 }),
});

export const ScoreRequest = z.object({ department: Department, month: ScoreMonth });

/** `yyyy-Qn`: the quarter whose three months are graded. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter, yyyy-Qn');
export const QuarterlyGradeRequest = z.object({ department: Department, quarter: Quarter });

/** One complaint in a list (a read model): the complainant's phone masked for who does not need it. */
export interface ComplaintItem {
  id: string;
  status: ComplaintStatus;
  channel: ComplaintChannel;
  type: ComplaintType;
  caseNo: string | null;
  /** The department complained about (null: the centre as a whole). */
  department: string | null;
  complainant: { name: string; phone: string | null; userId: string | null };
  content: string;
  takenDown: boolean;
  submittedAt: string;
  /** The local month of submission, yyyy-mm. */
  month: string;
  acceptBy: string;
  acceptanceOverdue: boolean;
  decidedAt: string | null;
  decisionLate: boolean | null;
  substantiated: boolean | null;
  accountability: AccountabilityMeasure | null;
  repliedAt: string | null;
}

/** One supervision order in a list (a read model). */
export interface SupervisionOrderItem {
  id: string;
  status: SupervisionOrderStatus;
  caseNo: string | null;
  department: string;
  requirement: string;
  replyWorkingDays: number;
  replyBy: string;
  issuerRole: SupervisionIssuerRole;
  issuedAt: string;
  issuedBy: RecordedBy;
  month: string;
  replyOverdue: boolean;
  answeredAt: string | null;
  answerLate: boolean | null;
  closedAt: string | null;
}

/** One rating in a list (a read model). */
export interface RatingItem {
  caseNo: string;
  level: number;
  comment: string | null;
  department: string;
  closedAt: string;
  enteredBy: 'applicant' | 'clerk';
  ratedAt: string;
  ratedBy: RecordedBy;
  month: string;
  bad: boolean;
  countsAsDissatisfied: boolean;
  rectifyBy: string | null;
  rectifiedAt: string | null;
  rectificationLate: boolean | null;
  rectificationOverdue: boolean;
  callBacks: number;
  appeal: 'none' | 'pending' | 'upheld' | 'dismissed';
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** A complaint as its stream has it (always current; the revision is the ETag for If-Match). */
export interface ComplaintView {
  id: string;
  revision: bigint | null;
  complaint: SubmittedComplaintState;
}

export interface SupervisionOrderView {
  id: string;
  revision: bigint | null;
  order: IssuedSupervisionOrderState;
}

export interface RatingView {
  caseNo: string;
  revision: bigint | null;
  rating: RatedState;
}

/** A month's score: provisional (computed now from the counts so far) or locked (as the event says). */
export interface MonthlyScoreView {
  department: string;
  month: string;
  status: 'provisional' | 'locked';
  /** A month locked before complaints and deemed approvals were scored has neither (as it was locked). */
  counts: LockedScoreCounts;
  deductions: LockedScoreCounts;
  totalDeduction: number;
  score: number;
  rules: LockedScoreRules;
  /** The complaint ids and case numbers the itemised deductions are for (null: locked before them). */
  refs: ScoreRefs | null;
  note: string | null;
  lockedAt: string | null;
  lockedBy: RecordedBy | null;
}

/** 季度考核: the grade of the three locked months of a quarter. */
export interface QuarterlyGradeView {
  department: string;
  quarter: string;
  months: { month: string; score: number }[];
  grade: 'excellent' | 'good' | 'pass' | 'fail';
}

const item = onSupervisionItem;

/** The supervision service's contract (督办 / 效能监察). Command subjects carry the domain command's name. */
export const supervision = {
  // 投诉 (complaints)
  submitComplaint: command('supervision.cmd.submitComplaint', SubmitComplaintRequest, {
    reply: SupervisionItemReplySchema,
    does: 'SubmitComplaint',
    decidedOn: onComplaint,
    http: {
      operationId: 'submitComplaint',
      method: 'POST',
      path: '/api/supervision/complaints',
      tag: 'supervision',
      summary:
        '投诉: an applicant online in their own name, or a supervisor or monitor taking one down (phone, visit, letter)',
      description:
        'Answers with the complaint id. A complaint about a case that names no department is filed against the case’s department.',
      access: 'bearer',
      binds: 'spread',
      success: 201,
      location: (_: Fields, reply: Fields) =>
        `/api/supervision/complaints/${encodeURIComponent(String(reply.id))}`,
      problems: [400, 401, 403, 404, 409, 422],
    },
  }),
  acceptComplaint: command('supervision.cmd.acceptComplaint', item(AcceptComplaintData), {
    reply: CommandReplySchema,
    does: 'AcceptComplaint',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'acceptComplaint',
      path: '/api/supervision/complaints/{id}/acceptance',
      tag: 'supervision',
      summary: '受理: a supervisor accepts the complaint, with a reason (late after 5 working days)',
    }),
  }),
  declineComplaint: command('supervision.cmd.declineComplaint', item(DeclineComplaintData), {
    reply: CommandReplySchema,
    does: 'DeclineComplaint',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'declineComplaint',
      path: '/api/supervision/complaints/{id}/decline',
      tag: 'supervision',
      summary: '不予受理: a supervisor declines, with the reason the complainant is told',
    }),
  }),
  /** System only (the service's own timer). */
  flagComplaintOverdue: command('supervision.cmd.flagComplaintOverdue', item(FlagComplaintOverdueData), {
    reply: CommandReplySchema,
    does: 'FlagComplaintOverdue',
    decidedOn: onComplaint,
    internal: true,
  }),
  recordInvestigation: command('supervision.cmd.recordInvestigation', item(RecordInvestigationData), {
    reply: CommandReplySchema,
    does: 'RecordInvestigation',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'recordInvestigation',
      path: '/api/supervision/complaints/{id}/investigations',
      tag: 'supervision',
      summary: '调查核实: the notes of one investigation step',
    }),
  }),
  recordFinding: command('supervision.cmd.recordFinding', item(RecordFindingData), {
    reply: CommandReplySchema,
    does: 'RecordFinding',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'recordFinding',
      path: '/api/supervision/complaints/{id}/finding',
      tag: 'supervision',
      summary: '调查结论: substantiated or not, with the finding',
    }),
  }),
  decideAccountability: command('supervision.cmd.decideAccountability', item(DecideAccountabilityData), {
    reply: CommandReplySchema,
    does: 'DecideAccountability',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'decideAccountability',
      path: '/api/supervision/complaints/{id}/accountability',
      tag: 'supervision',
      summary: '责任追究: the measure against the department or one of its officers (substantiated only)',
    }),
  }),
  replyToComplainant: command('supervision.cmd.replyToComplainant', item(ReplyToComplainantData), {
    reply: CommandReplySchema,
    does: 'ReplyToComplainant',
    decidedOn: onComplaint,
    http: commandOn(COMPLAINT_PARAM, {
      operationId: 'replyToComplainant',
      path: '/api/supervision/complaints/{id}/reply',
      tag: 'supervision',
      summary: '答复: the reply to the complainant; closes the complaint',
    }),
  }),
  // 督办单 (supervision orders)
  issueSupervisionOrder: command('supervision.cmd.issueSupervisionOrder', IssueSupervisionOrderRequest, {
    reply: SupervisionItemReplySchema,
    does: 'IssueSupervisionOrder',
    decidedOn: onSupervisionOrder,
    http: {
      operationId: 'issueSupervisionOrder',
      method: 'POST',
      path: '/api/supervision/orders',
      tag: 'supervision',
      summary: '督办: a monitor or supervisor orders a department to act, with a reply limit in working days',
      access: 'bearer',
      binds: 'spread',
      success: 201,
      location: (_: Fields, reply: Fields) =>
        `/api/supervision/orders/${encodeURIComponent(String(reply.id))}`,
      problems: [400, 401, 403, 404, 409, 422],
    },
  }),
  answerSupervisionOrder: command(
    'supervision.cmd.answerSupervisionOrder',
    item(AnswerSupervisionOrderData),
    {
      reply: CommandReplySchema,
      does: 'AnswerSupervisionOrder',
      decidedOn: onSupervisionOrder,
      http: {
        operationId: 'answerSupervisionOrder',
        method: 'POST',
        path: '/api/supervision/orders/{id}/answer',
        tag: 'supervision',
        summary: "办理情况反馈: the department's answer (late after the reply limit)",
        access: 'bearer',
        params: ORDER_PARAM,
        binds: 'data',
        success: 200,
        conditional: true,
        problems: [400, 401, 403, 404, 409, 422],
      },
    },
  ),
  /** System only (the service's own timer). */
  flagSupervisionOrderOverdue: command(
    'supervision.cmd.flagSupervisionOrderOverdue',
    item(FlagSupervisionOrderOverdueData),
    {
      reply: CommandReplySchema,
      does: 'FlagSupervisionOrderOverdue',
      decidedOn: onSupervisionOrder,
      internal: true,
    },
  ),
  closeSupervisionOrder: command('supervision.cmd.closeSupervisionOrder', item(CloseSupervisionOrderData), {
    reply: CommandReplySchema,
    does: 'CloseSupervisionOrder',
    decidedOn: onSupervisionOrder,
    http: commandOn(ORDER_PARAM, {
      operationId: 'closeSupervisionOrder',
      path: '/api/supervision/orders/{id}/closure',
      tag: 'supervision',
      summary: "办结: the issuing side's conclusion on the answer",
    }),
  }),
  // 好差评 (ratings), one per case
  rateService: command('supervision.cmd.rateService', onCase(RateServiceRequest), {
    reply: CommandReplySchema,
    does: 'RateService',
    decidedOn: onRating,
    http: {
      operationId: 'rateService',
      method: 'POST',
      path: '/api/supervision/ratings/{caseNo}',
      tag: 'supervision',
      summary:
        '好差评: the applicant who applied online rates their closed case (1 very satisfied … 5 very dissatisfied); a clerk keys in a paper rating',
      access: 'bearer',
      params: CASE_PARAM,
      binds: 'data',
      success: 201,
      location: (request: Fields) => `/api/supervision/ratings/${encodeURIComponent(String(request.caseNo))}`,
      problems: [400, 401, 403, 404, 409, 422],
    },
  }),
  recordCallBack: command('supervision.cmd.recordCallBack', onCase(RecordCallBackData), {
    reply: CommandReplySchema,
    does: 'RecordCallBack',
    decidedOn: onRating,
    http: commandOn(CASE_PARAM, {
      operationId: 'recordCallBack',
      path: '/api/supervision/ratings/{caseNo}/call-backs',
      tag: 'supervision',
      summary:
        '回访: a call-back to the applicant after a bad rating (a supervisor, or the head of the department)',
    }),
  }),
  recordRectification: command('supervision.cmd.recordRectification', onCase(RecordRectificationData), {
    reply: CommandReplySchema,
    does: 'RecordRectification',
    decidedOn: onRating,
    http: commandOn(CASE_PARAM, {
      operationId: 'recordRectification',
      path: '/api/supervision/ratings/{caseNo}/rectification',
      tag: 'supervision',
      summary: "整改: the department's measures after a bad rating (late after 5 working days)",
    }),
  }),
  /** System only (the service's own timer). */
  flagRectificationOverdue: command(
    'supervision.cmd.flagRectificationOverdue',
    onCase(FlagRectificationOverdueData),
    { reply: CommandReplySchema, does: 'FlagRectificationOverdue', decidedOn: onRating, internal: true },
  ),
  appealRating: command('supervision.cmd.appealRating', onCase(AppealRatingData), {
    reply: CommandReplySchema,
    does: 'AppealRating',
    decidedOn: onRating,
    http: commandOn(CASE_PARAM, {
      operationId: 'appealRating',
      path: '/api/supervision/ratings/{caseNo}/appeal',
      tag: 'supervision',
      summary: '申诉: the department disputes a bad rating, with a reason',
    }),
  }),
  decideRatingAppeal: command('supervision.cmd.decideRatingAppeal', onCase(DecideRatingAppealData), {
    reply: CommandReplySchema,
    does: 'DecideRatingAppeal',
    decidedOn: onRating,
    http: commandOn(CASE_PARAM, {
      operationId: 'decideRatingAppeal',
      path: '/api/supervision/ratings/{caseNo}/appeal/decision',
      tag: 'supervision',
      summary: 'A supervisor decides the appeal; upheld, the rating no longer counts as dissatisfied',
    }),
  }),
  // 月度考核 (monthly score)
  lockMonthlyScore: command('supervision.cmd.lockMonthlyScore', LockMonthlyScoreRequest, {
    reply: CommandReplySchema,
    does: 'LockMonthlyScore',
    http: {
      operationId: 'lockMonthlyScore',
      method: 'POST',
      path: '/api/supervision/scores/{department}/{month}/lock',
      tag: 'supervision',
      summary:
        "考核锁定: a supervisor locks an ended month's score; the counts are the service's, the locked value final " +
        '(503 ScoreCountsBehind with Retry-After while a read model it counts from is behind the ledger)',
      access: 'bearer',
      params: {
        department: 'the department scored, e.g. huangpu-market',
        month: 'the local month, yyyy-mm',
      },
      binds: 'spread',
      success: 201,
      location: ({ department, month }: Fields) =>
        `/api/supervision/scores/${encodeURIComponent(String(department))}/${encodeURIComponent(String(month))}`,
      problems: [400, 401, 403, 409, 422],
    },
  }),
  // Queries
  complaints: query('supervision.qry.complaints', ComplaintListRequest, {
    reply: ComplaintPageSchema,
    http: readAt({
      operationId: 'listComplaints',
      path: '/api/supervision/complaints',
      tag: 'supervision',
      summary:
        "投诉台账: the complaints the viewer may see, newest first (the complainant's phone masked by role)",
      query: ComplaintListQuery,
      fromQuery: listRequestOf,
      problems: [400, 401, 403],
    }),
  }),
  complaint: query('supervision.qry.complaint', z.object({ id: SupervisionId }), {
    reply: ComplaintViewSchema,
    http: readAt({
      operationId: 'getComplaint',
      path: '/api/supervision/complaints/{id}',
      tag: 'supervision',
      summary: 'One complaint with its decision, investigations, finding, accountability and reply',
      params: COMPLAINT_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  orders: query('supervision.qry.orders', SupervisionOrderListRequest, {
    reply: SupervisionOrderPageSchema,
    http: readAt({
      operationId: 'listSupervisionOrders',
      path: '/api/supervision/orders',
      tag: 'supervision',
      summary: '督办台账: the supervision orders the viewer may see, newest first',
      query: SupervisionOrderListQuery,
      fromQuery: listRequestOf,
      problems: [400, 401, 403],
    }),
  }),
  order: query('supervision.qry.order', z.object({ id: SupervisionId }), {
    reply: SupervisionOrderViewSchema,
    http: readAt({
      operationId: 'getSupervisionOrder',
      path: '/api/supervision/orders/{id}',
      tag: 'supervision',
      summary: 'One supervision order with its answer, overdue flag and closure',
      params: ORDER_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  ratings: query('supervision.qry.ratings', RatingListRequest, {
    reply: RatingPageSchema,
    http: readAt({
      operationId: 'listRatings',
      path: '/api/supervision/ratings',
      tag: 'supervision',
      summary: '评价台账: the ratings the viewer may see, newest first',
      query: RatingListQuery,
      fromQuery: listRequestOf,
      problems: [400, 401, 403],
    }),
  }),
  rating: query('supervision.qry.rating', z.object({ caseNo: CaseNo }), {
    reply: RatingViewSchema,
    http: readAt({
      operationId: 'getRating',
      path: '/api/supervision/ratings/{caseNo}',
      tag: 'supervision',
      summary: "A case's rating with its call-backs, rectification and appeal",
      params: CASE_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  score: query('supervision.qry.score', ScoreRequest, {
    reply: MonthlyScoreViewSchema,
    http: readAt({
      operationId: 'monthlyScore',
      path: '/api/supervision/scores/{department}/{month}',
      tag: 'supervision',
      summary:
        "月度考核: a department's score for a month, with its counts and deductions: provisional until locked",
      params: {
        department: 'the department scored, e.g. huangpu-market',
        month: 'the local month, yyyy-mm',
      },
      problems: [400, 401, 403, 404],
    }),
  }),
  quarterlyGrade: query('supervision.qry.quarterlyGrade', QuarterlyGradeRequest, {
    reply: QuarterlyGradeViewSchema,
    http: readAt({
      operationId: 'quarterlyGrade',
      path: '/api/supervision/grades/{department}/{quarter}',
      tag: 'supervision',
      summary: '季度考核: the grade of a quarter from its three locked months (excellent, good, pass, fail)',
      params: { department: 'the department graded', quarter: 'the quarter, yyyy-Qn, e.g. 2026-Q4' },
      problems: [400, 401, 403, 404, 422],
    }),
  }),
} as const;
