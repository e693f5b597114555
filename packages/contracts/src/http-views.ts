/*
 * The read-side answers as the gateway sends them over HTTP, as schemas: the OpenAPI document is
 * generated from them (services/gateway/src/routes/table.ts), and the end-to-end suites check real
 * answers against them field for field. JSON, so bigints (revisions) are decimal strings and fields
 * that are undefined are absent; masked personal data is still a string. Objects whose fields are known
 * are strict, so an undocumented field fails the check; large domain states are described, not pinned.
 */
import {
  AccountabilityMeasure,
  CalendarYearShape,
  Channel,
  ComplaintChannel,
  ComplaintType,
  HandlingCategory,
  IdType,
  Instant,
  JointHandling,
  Material,
  ProcedureStep,
  Retention,
  ServiceItemVersion,
  SupervisionIssuerRole,
  TimeLimit,
} from '@docket/domain';
import { z } from 'zod';
import { CaseStatus, ComplaintStatus, SupervisionOrderStatus } from './statuses';

/** An instant as the read models keep it (UTC, ISO-8601). */
const At = Instant;
const Revision = z
  .string()
  .regex(/^[0-9]+$/)
  .describe('the stream revision (also the ETag)');

// 事项目录: the catalogue item as its read model holds it, every level closed.
const TimeLimitView = TimeLimit.strict();
const FeeView = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free') }),
  z.strictObject({
    kind: z.literal('fixed'),
    amountFen: z.number().int().positive().describe('in fen (1/100 yuan)'),
    basis: z.string().describe('收费依据'),
  }),
]);
const ServiceItemVersionView = ServiceItemVersion.extend({
  statutoryLimit: TimeLimitView.describe('法定时限'),
  promisedLimit: TimeLimitView.describe('承诺时限'),
  correctionLimit: TimeLimitView.describe('补正期限'),
  materials: z.array(Material.strict()).describe('申报材料'),
  fee: FeeView.describe('收费标准'),
  steps: z.array(ProcedureStep.extend({ limit: TimeLimitView }).strict()).describe('承办 → 审核 → 批准'),
  joint: JointHandling.extend({
    coHandlers: z.array(z.strictObject({ department: z.string(), limit: TimeLimitView })),
  })
    .strict()
    .optional()
    .describe('联办件: the lead department (牵头部门) and the co-handlers (协办部门)'),
  statutoryOverride: z.strictObject({ basis: z.string() }).optional().describe('法律另有规定'),
  retention: Retention.optional().describe(
    '保管期限 of the case files and the personal data in them, after the case closes; absent: 定期30年 (DEFAULT_RETENTION)',
  ),
}).strict();

export const CatalogueItemViewSchema = z
  .strictObject({
    code: z.string().describe('实施编码'),
    status: z.enum(['active', 'withdrawn']),
    current: ServiceItemVersionView.describe('the version new applications are submitted under'),
    versions: z.array(z.number().int().min(1)).describe('every version published, oldest first'),
    withdrawnAt: At.nullable(),
    withdrawalReason: z.string().nullable(),
  })
  .describe('办事指南: one service item with the five disclosures');
export const CatalogueListSchema = z
  .array(CatalogueItemViewSchema)
  .describe('the items open for applications');

// 办件: the case list's document, the applicant masked for the reader.
const AgentView = z.strictObject({
  name: z.string(),
  idType: IdType,
  idNumber: z.string().describe('masked by role'),
  phone: z.string().describe('masked by role'),
});
const ApplicantView = z
  .strictObject({
    type: z.enum(['person', 'company']),
    name: z.string(),
    idType: IdType,
    idNumber: z.string().describe('masked by role (a 统一社会信用代码 never is)'),
    agent: AgentView.optional().describe('代理人'),
    phone: z.string().describe('masked by role'),
    address: z.string().optional().describe("a person's address is masked by role"),
  })
  .describe('申请人, ID and phone numbers and address masked unless the reader may see them');

export const CaseDocumentSchema = z
  .strictObject({
    id: z.string().describe('the read model key: the case number'),
    caseNo: z.string().describe('办件编号'),
    itemCode: z.string(),
    itemName: z.string(),
    itemVersion: z.number().int().min(1).describe('the item version the case was submitted under'),
    category: HandlingCategory.describe('即办件 / 承诺件 / 联办件'),
    department: z.string().describe('the item’s department; for a joint case the lead (牵头部门)'),
    acceptingUnit: z.string().nullable().describe('受理单位'),
    coHandlers: z.array(z.string()).describe('协办部门 of a joint case'),
    status: CaseStatus,
    applicantType: z.enum(['person', 'company']),
    applicantName: z.string(),
    applicant: ApplicantView,
    applicantUserId: z.string().nullable().describe('the applicant’s account, when they applied online'),
    channel: Channel,
    submittedAt: At,
    acceptedAt: At.nullable(),
    promisedDeadline: At.nullable().describe('承诺时限 deadline'),
    statutoryDeadline: At.nullable().describe('法定时限 deadline'),
    decidedAt: At.nullable(),
    outcome: z.string().nullable().describe('the review outcome, or intake’s result code'),
    resultReadyAt: At.nullable().describe('出件: the window may hand the result over'),
    deliveredAt: At.nullable().describe('送达'),
    currentStep: z
      .strictObject({ index: z.number().int().min(0), name: z.string(), role: z.string() })
      .nullable()
      .describe('the active review step'),
    steps: z.array(z.strictObject({ name: z.string(), role: z.string() })).describe('the item’s steps'),
    statusReason: z
      .string()
      .optional()
      .describe(
        'why the system put the case where it stands: the supplement deadline passed (逾期未补正), or ' +
          'accepted by operation of law (行政许可法 Art. 32)',
      ),
  })
  .describe('办件: one case as the back offices list it');

export const CasePageSchema = z.strictObject({
  total: z.number().int().min(0).describe('every match, beyond this page, counted up to 10,000'),
  totalCapped: z
    .boolean()
    .describe('the count stopped at 10,000: more cases match, and pages go no deeper (narrow the search)'),
  items: z.array(CaseDocumentSchema).describe('newest submissions first'),
});

// 待办: one open piece of work.
export const InboxItemSchema = z
  .strictObject({
    id: z.string().describe('`<caseNo>:<task>`'),
    caseNo: z.string(),
    task: z.string().describe('`main`, a co-handler’s `co:<department>`, or `consolidation`'),
    kind: z.enum(['step', 'joint_answer', 'consolidation']).describe('承办/审核/批准, 协办意见, 牵头汇总'),
    itemCode: z.string(),
    itemName: z.string(),
    department: z.string(),
    role: z.string().describe('the role the work needs first'),
    roles: z.array(z.string()).describe('every role that may do it'),
    stepIndex: z.number().int().min(0).nullable(),
    stepName: z.string().nullable(),
    activeSince: At,
    deadline: At.describe('the co-handler’s own limit, else the promised deadline'),
    promisedDeadline: At,
    state: z.literal('open').describe('the inbox lists open work only'),
    onHold: z.boolean().describe('a special procedure (特别程序) pauses the case'),
    assignee: z
      .string()
      .nullable()
      .describe('分派: the user id the task is assigned to; null: the department’s'),
    assignedAt: At.nullable().describe('when it was assigned'),
    steps: z
      .array(z.strictObject({ name: z.string(), role: z.string() }))
      .optional()
      .describe('main task only: the item’s steps'),
    awaiting: z
      .array(z.strictObject({ department: z.string(), taskId: z.string() }))
      .optional()
      .describe('consolidation only: the co-handlers still to answer'),
  })
  .describe('待办');
export const InboxPageSchema = z.strictObject({
  total: z.number().int().min(0).describe('every match, beyond this page'),
  items: z.array(InboxItemSchema).describe('most urgent deadline first'),
});

// 办件审查: the review, straight from its stream.
export const ReviewViewSchema = z.strictObject({
  caseNo: z.string(),
  revision: Revision.nullable(),
  review: z
    .looseObject({
      status: z.enum(['open', 'closed']),
      caseNo: z.string(),
      category: HandlingCategory,
    })
    .describe(
      'the review state: item, deadlines, main task with its steps and every completion, co-handler tasks, ' +
        'consolidation, special procedures (特别程序), extension, opinions (审批意见), outcome',
    ),
});

// 办件进度公开查询: no personal data.
export const PublicStatusSchema = z
  .strictObject({
    caseNo: z.string(),
    itemName: z.string(),
    status: CaseStatus,
    statusText: z.string().describe('the status in the public’s words, e.g. 审查中'),
    submittedAt: At,
    correctionDeadline: At.nullable().describe(
      '补正期限, while a correction is requested, and the one that passed when the correction expired',
    ),
    acceptedAt: At.nullable(),
    promisedDeadline: At.nullable(),
    decidedAt: At.nullable(),
    deliveredAt: At.nullable(),
    result: z
      .strictObject({
        outcome: z.string(),
        certificateName: z.string().nullable().describe('证照 of an approval'),
        certificateNumber: z.string().nullable(),
      })
      .nullable(),
    statusReason: z
      .string()
      .optional()
      .describe(
        'why the system put the case where it stands: the supplement deadline passed (逾期未补正), or ' +
          'accepted by operation of law (行政许可法 Art. 32); fixed wording',
      ),
  })
  .describe('办件进度: status, dates and result; no applicant, no opinions, no reasons of people');

// 电子监察: the dashboards.
const Count = z.number().int().min(0);
const Rate = z.number().min(0).max(1).nullable();
const RateShape = {
  onTimeRate: Rate.describe('办结率: closed on time / closed; null when none closed'),
  earlyRate: Rate.describe('提前办结率: closed a working day or more early / closed'),
  averageWorkingDays: z.number().min(0).nullable().describe('平均办理时间, working days'),
  averagePromisedWorkingDays: z
    .number()
    .min(0)
    .nullable()
    .describe('the promised limit on average, working days'),
};

export const DepartmentTileSchema = z
  .strictObject({
    department: z.string(),
    name: z.string(),
    received: Count.describe('in the period'),
    accepted: Count,
    closed: Count,
    reminders: Count.describe('提醒'),
    yellow: Count.describe('黄牌 raised'),
    red: Count.describe('红牌 raised'),
    complaints: Count.describe('投诉'),
    inProgress: Count.describe('now: open clocks (在办)'),
    overdue: Count.describe('now: open clocks past their promised deadline (超期)'),
    cardsUp: z.strictObject({ yellow: Count, red: Count }).describe('now'),
    ...RateShape,
  })
  .describe('实时监控: one department’s tile');
export const DepartmentTilesSchema = z
  .array(DepartmentTileSchema)
  .describe('one tile per department in reach');

export const ItemFiguresSchema = z.strictObject({
  itemCode: z.string(),
  department: z.string(),
  closed: Count,
  ...RateShape,
});
export const ItemFiguresListSchema = z.array(ItemFiguresSchema).describe('per service item over the period');

export const OpenWarningSchema = z
  .strictObject({
    id: z.string(),
    caseNo: z.string(),
    department: z.string().describe('the answerable department'),
    level: z
      .enum(['yellow', 'red'])
      .nullable()
      .describe('黄牌 (预警) or 红牌 (报警); null for a co-handler’s lapse, which is no card'),
    scope: z.enum(['case', 'step', 'co_handler']),
    stepIndex: z.number().int().min(0).nullable(),
    coHandler: z
      .string()
      .nullable()
      .describe('协办超期: the co-handling department whose answer is past its limit (scope co_handler)'),
    deadline: At,
    raisedAt: At,
  })
  .describe('a card up now, or a co-handler’s limit passed without its answer');
export const OpenWarningPageSchema = z.strictObject({
  total: Count.describe('every card up and co-handler lapse open in reach'),
  items: z.array(OpenWarningSchema).describe('newest first'),
});

export const FeedItemSchema = z
  .strictObject({
    position: z
      .string()
      .regex(/^[0-9]+$/)
      .describe('the ledger position: the SSE event id to resume after'),
    caseNo: z.string(),
    department: z.string().nullable().describe('the answerable department, if any'),
    kind: z.enum([
      'reminder',
      'yellow_card',
      'red_card',
      'card_withdrawn',
      'deadline_passed',
      'co_handler_limit_passed',
      'case_completed',
      'anomaly',
    ]),
    at: At,
    details: z.record(z.string(), z.unknown()).describe('the clock event’s data, as recorded'),
  })
  .describe('实时动态: one entry');
export const FeedSchema = z.array(FeedItemSchema).describe('in ledger order');

export const CaseClockSchema = z.strictObject({
  caseNo: z.string(),
  clock: z
    .looseObject({
      status: z.enum(['not_started', 'running', 'paused', 'stopped']),
      anomalies: z.array(z.unknown()).describe('异常: rules broken, with their evidence'),
    })
    .describe(
      'the clock state, from its stream: deadlines, promised and statutory timers, steps, pauses, ' +
        'reminders, cards (黄牌 / 红牌) and their withdrawal, the stop',
    ),
});

// 督办 / 效能监察: complaints, supervision orders, ratings, scores.
const RecordedByView = z
  .strictObject({ id: z.string(), name: z.string(), department: z.string().optional() })
  .describe('who did it, as the event records them');
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('the local month, yyyy-mm');
const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.strictObject({
    total: Count.describe('every match, beyond this page'),
    items: z.array(item).describe('newest first'),
  });

export const ComplaintItemSchema = z
  .strictObject({
    id: z.string().describe('投诉编号, TS-…'),
    status: ComplaintStatus,
    channel: ComplaintChannel,
    type: ComplaintType.describe('不作为 / 乱作为 / 慢作为 / other'),
    caseNo: z.string().nullable(),
    department: z.string().nullable().describe('the department complained about; null: the centre'),
    complainant: z.strictObject({
      name: z.string(),
      phone: z.string().nullable().describe('masked for who does not need it'),
      userId: z.string().nullable(),
    }),
    content: z.string(),
    takenDown: z.boolean().describe('taken down by a supervisor or monitor (phone, visit, letter)'),
    submittedAt: At,
    month: Month,
    acceptBy: At.describe('受理期限'),
    acceptanceOverdue: z.boolean(),
    decidedAt: At.nullable().describe('accepted or declined'),
    decisionLate: z.boolean().nullable(),
    substantiated: z.boolean().nullable().describe('调查结论'),
    accountability: AccountabilityMeasure.nullable().describe('责任追究'),
    repliedAt: At.nullable().describe('答复: closes the complaint'),
  })
  .describe('投诉台账: one complaint');
export const ComplaintPageSchema = pageOf(ComplaintItemSchema);

export const ComplaintViewSchema = z.strictObject({
  id: z.string(),
  revision: Revision.nullable(),
  complaint: z
    .looseObject({ status: ComplaintStatus, id: z.string() })
    .describe(
      'the complaint state, from its stream: subject, complainant (phone masked for who does not need it), ' +
        'content, acceptance or decline, investigation, finding, accountability (责任追究), reply (答复)',
    ),
});

export const SupervisionOrderItemSchema = z
  .strictObject({
    id: z.string().describe('督办单编号, DB-…'),
    status: SupervisionOrderStatus,
    caseNo: z.string().nullable(),
    department: z.string().describe('the department ordered to act'),
    requirement: z.string(),
    replyWorkingDays: z.number().int().min(1),
    replyBy: At.describe('反馈期限'),
    issuerRole: SupervisionIssuerRole,
    issuedAt: At,
    issuedBy: RecordedByView,
    month: Month,
    replyOverdue: z.boolean(),
    answeredAt: At.nullable(),
    answerLate: z.boolean().nullable(),
    closedAt: At.nullable().describe('办结'),
  })
  .describe('督办台账: one order');
export const SupervisionOrderPageSchema = pageOf(SupervisionOrderItemSchema);

export const SupervisionOrderViewSchema = z.strictObject({
  id: z.string(),
  revision: Revision.nullable(),
  order: z
    .looseObject({ status: SupervisionOrderStatus, id: z.string() })
    .describe(
      'the order state, from its stream: subject, requirement, reply limit, answer (办理情况反馈), closure',
    ),
});

export const RatingItemSchema = z
  .strictObject({
    caseNo: z.string(),
    level: z.number().int().min(1).max(5).describe('1 very satisfied … 5 very dissatisfied'),
    comment: z.string().nullable(),
    department: z.string(),
    closedAt: At,
    enteredBy: z.enum(['applicant', 'clerk']).describe('online by the applicant, or a paper rating keyed in'),
    ratedAt: At,
    ratedBy: RecordedByView,
    month: Month,
    bad: z.boolean().describe('差评: level 4 or 5'),
    countsAsDissatisfied: z.boolean().describe('in the monthly score (until an appeal is upheld)'),
    rectifyBy: At.nullable().describe('整改期限 of a bad rating'),
    rectifiedAt: At.nullable(),
    rectificationLate: z.boolean().nullable(),
    rectificationOverdue: z.boolean(),
    callBacks: Count.describe('回访'),
    appeal: z.enum(['none', 'pending', 'upheld', 'dismissed']).describe('申诉'),
  })
  .describe('评价台账: one rating');
export const RatingPageSchema = pageOf(RatingItemSchema);

export const RatingViewSchema = z.strictObject({
  caseNo: z.string(),
  revision: Revision.nullable(),
  rating: z
    .looseObject({ status: z.literal('rated'), caseNo: z.string() })
    .describe(
      'the rating state, from its stream: level, comment, call-backs (回访), rectification (整改), appeal (申诉)',
    ),
});

const Points = z.number().min(0);
const perKind = (value: z.ZodNumber) =>
  z.strictObject({
    yellow: value.describe('黄牌'),
    red: value.describe('红牌'),
    refusalWithoutReason: value.describe('refusals without a written reason'),
    supervisionOrders: value.describe('督办单'),
    dissatisfiedRatings: value.describe('差评 that count'),
    substantiatedComplaints: value
      .optional()
      .describe(
        '投诉属实: complaints about the department found substantiated (absent: locked before it was scored)',
      ),
    deemedApprovals: value
      .optional()
      .describe('超时默认: its cases deemed approved on timeout (absent: locked before it was scored)'),
  });
const ScoreCountsView = perKind(Count);
const ScorePointsView = perKind(Points);
const ScoreRefsView = z
  .strictObject({
    substantiatedComplaints: z.array(z.string()).describe('the complaint ids (TS-…) found substantiated'),
    deemedApprovals: z.array(z.string()).describe('the case numbers deemed approved'),
  })
  .nullable()
  .describe('what the itemised deductions were for (null: a month locked before they were scored)');

export const MonthlyScoreViewSchema = z
  .strictObject({
    department: z.string(),
    month: Month,
    status: z.enum(['provisional', 'locked']).describe('provisional until a supervisor locks the month'),
    counts: ScoreCountsView.describe('what the month is scored on'),
    deductions: ScorePointsView.describe('points deducted, per kind'),
    totalDeduction: Points,
    score: Points,
    rules: z.strictObject({ base: Points, perCount: ScorePointsView.describe('points per one counted') }),
    refs: ScoreRefsView,
    note: z.string().nullable(),
    lockedAt: At.nullable(),
    lockedBy: RecordedByView.nullable(),
  })
  .describe('月度考核');

export const QuarterlyGradeViewSchema = z
  .strictObject({
    department: z.string(),
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
    months: z.array(z.strictObject({ month: Month, score: Points })).describe('the three locked months'),
    grade: z.enum(['excellent', 'good', 'pass', 'fail']),
  })
  .describe('季度考核');

// 工作日历: a year as in force.
export const CalendarViewSchema = z
  .strictObject({
    year: z.number().int(),
    source: z
      .enum(['published', 'national', 'provisional'])
      .describe(
        'published by an administrator, the schedule docket ships, or provisional: a year whose schedule ' +
          'nobody published, computed from the statutory holidays of 《全国年节及纪念日放假办法》 Art. 2 ' +
          '(no 调休), which deadlines reaching into that year count on until the schedule is published',
      ),
    provisional: z
      .boolean()
      .describe(
        'true when source is provisional: show it marked as such (暂定), never as the official schedule',
      ),
    version: z
      .number()
      .int()
      .nullable()
      .describe('how many times it was published or changed (null: as shipped)'),
    calendar: CalendarYearShape.strict().describe(
      'office hours, holidays (法定节假日), make-up working days (调休)',
    ),
  })
  .describe('CalendarView');

// 事项目录: every version of one item as published, for the catalogue editor's history and its diffs.
export const CatalogueVersionsSchema = z
  .array(
    z.strictObject({
      item: ServiceItemVersionView,
      note: z.string().nullable().describe('修订说明: what changed and why (null for the first version)'),
      at: At.describe('when this version was published'),
      by: RecordedByView,
    }),
  )
  .describe('every version of the item, oldest first (a case keeps the version it was submitted under)');

// 工作日历: the open cases a change of one day would touch.
export const CalendarAffectedSchema = z
  .strictObject({
    date: z.iso.date(),
    total: Count.describe('every open case whose deadline falls on or after the date'),
    cases: z
      .array(
        z.strictObject({
          caseNo: z.string(),
          department: z.string(),
          itemName: z.string(),
          status: z.enum(['running', 'paused']),
          promisedDeadline: At,
          statutoryDeadline: At,
        }),
      )
      .describe('the nearest promised deadlines first, at most 200'),
  })
  .describe('在办件 whose deadlines a change of this day may move when they are computed again');
