import type {
  AccountabilityMeasure,
  ComplaintChannel,
  ComplaintType,
  IssuedSupervisionOrderState,
  RatedState,
  RecordedBy,
  ScoreCounts,
  ScoreRules,
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
import { CaseNo, type CommandReply, onCase, PageRequest } from './common';
import { command, query, replies } from './endpoint';

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

export const ComplaintStatus = z.enum(['submitted', 'accepted', 'declined', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;
export const SupervisionOrderStatus = z.enum(['issued', 'answered', 'closed']);
export type SupervisionOrderStatus = z.infer<typeof SupervisionOrderStatus>;

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
  counts: ScoreCounts;
  deductions: ScoreCounts;
  totalDeduction: number;
  score: number;
  rules: ScoreRules;
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
  submitComplaint: command(
    'supervision.cmd.submitComplaint',
    SubmitComplaintRequest,
    replies<SupervisionItemReply>(),
  ),
  acceptComplaint: command(
    'supervision.cmd.acceptComplaint',
    item(AcceptComplaintData),
    replies<CommandReply>(),
  ),
  declineComplaint: command(
    'supervision.cmd.declineComplaint',
    item(DeclineComplaintData),
    replies<CommandReply>(),
  ),
  /** System only (the service's own timer). */
  flagComplaintOverdue: command(
    'supervision.cmd.flagComplaintOverdue',
    item(FlagComplaintOverdueData),
    replies<CommandReply>(),
  ),
  recordInvestigation: command(
    'supervision.cmd.recordInvestigation',
    item(RecordInvestigationData),
    replies<CommandReply>(),
  ),
  recordFinding: command('supervision.cmd.recordFinding', item(RecordFindingData), replies<CommandReply>()),
  decideAccountability: command(
    'supervision.cmd.decideAccountability',
    item(DecideAccountabilityData),
    replies<CommandReply>(),
  ),
  replyToComplainant: command(
    'supervision.cmd.replyToComplainant',
    item(ReplyToComplainantData),
    replies<CommandReply>(),
  ),
  // 督办单 (supervision orders)
  issueSupervisionOrder: command(
    'supervision.cmd.issueSupervisionOrder',
    IssueSupervisionOrderRequest,
    replies<SupervisionItemReply>(),
  ),
  answerSupervisionOrder: command(
    'supervision.cmd.answerSupervisionOrder',
    item(AnswerSupervisionOrderData),
    replies<CommandReply>(),
  ),
  /** System only (the service's own timer). */
  flagSupervisionOrderOverdue: command(
    'supervision.cmd.flagSupervisionOrderOverdue',
    item(FlagSupervisionOrderOverdueData),
    replies<CommandReply>(),
  ),
  closeSupervisionOrder: command(
    'supervision.cmd.closeSupervisionOrder',
    item(CloseSupervisionOrderData),
    replies<CommandReply>(),
  ),
  // 好差评 (ratings), one per case
  rateService: command('supervision.cmd.rateService', onCase(RateServiceRequest), replies<CommandReply>()),
  recordCallBack: command(
    'supervision.cmd.recordCallBack',
    onCase(RecordCallBackData),
    replies<CommandReply>(),
  ),
  recordRectification: command(
    'supervision.cmd.recordRectification',
    onCase(RecordRectificationData),
    replies<CommandReply>(),
  ),
  /** System only (the service's own timer). */
  flagRectificationOverdue: command(
    'supervision.cmd.flagRectificationOverdue',
    onCase(FlagRectificationOverdueData),
    replies<CommandReply>(),
  ),
  appealRating: command('supervision.cmd.appealRating', onCase(AppealRatingData), replies<CommandReply>()),
  decideRatingAppeal: command(
    'supervision.cmd.decideRatingAppeal',
    onCase(DecideRatingAppealData),
    replies<CommandReply>(),
  ),
  // 月度考核 (monthly score)
  lockMonthlyScore: command(
    'supervision.cmd.lockMonthlyScore',
    LockMonthlyScoreRequest,
    replies<CommandReply>(),
  ),
  // Queries
  complaints: query('supervision.qry.complaints', ComplaintListRequest, replies<Page<ComplaintItem>>()),
  complaint: query('supervision.qry.complaint', z.object({ id: SupervisionId }), replies<ComplaintView>()),
  orders: query('supervision.qry.orders', SupervisionOrderListRequest, replies<Page<SupervisionOrderItem>>()),
  order: query('supervision.qry.order', z.object({ id: SupervisionId }), replies<SupervisionOrderView>()),
  ratings: query('supervision.qry.ratings', RatingListRequest, replies<Page<RatingItem>>()),
  rating: query('supervision.qry.rating', z.object({ caseNo: CaseNo }), replies<RatingView>()),
  score: query('supervision.qry.score', ScoreRequest, replies<MonthlyScoreView>()),
  quarterlyGrade: query(
    'supervision.qry.quarterlyGrade',
    QuarterlyGradeRequest,
    replies<QuarterlyGradeView>(),
  ),
} as const;

/** Which domain command each supervision command subject carries. */
export const supervisionCommandTypes = {
  submitComplaint: 'SubmitComplaint',
  acceptComplaint: 'AcceptComplaint',
  declineComplaint: 'DeclineComplaint',
  flagComplaintOverdue: 'FlagComplaintOverdue',
  recordInvestigation: 'RecordInvestigation',
  recordFinding: 'RecordFinding',
  decideAccountability: 'DecideAccountability',
  replyToComplainant: 'ReplyToComplainant',
  issueSupervisionOrder: 'IssueSupervisionOrder',
  answerSupervisionOrder: 'AnswerSupervisionOrder',
  flagSupervisionOrderOverdue: 'FlagSupervisionOrderOverdue',
  closeSupervisionOrder: 'CloseSupervisionOrder',
  rateService: 'RateService',
  recordCallBack: 'RecordCallBack',
  recordRectification: 'RecordRectification',
  flagRectificationOverdue: 'FlagRectificationOverdue',
  appealRating: 'AppealRating',
  decideRatingAppeal: 'DecideRatingAppeal',
  lockMonthlyScore: 'LockMonthlyScore',
} as const satisfies Partial<Record<keyof typeof supervision, string>>;
