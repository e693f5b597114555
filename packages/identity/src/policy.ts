import type { Actor, Role } from '@docket/domain';
import { authorise, type Grant, isAllowed, type Rule, type Target } from './authorise';
import type { DepartmentTree } from './departments';
import { Forbidden } from './errors';
import type { CaseScope } from './masking';

/** Monitors (电子监察) and supervisors (效能监察) watch intake and review; they act through their own commands. */
const WATCHERS: readonly Role[] = ['auditor', 'monitor', 'supervisor'];

const inDepartment = (...roles: Role[]): Grant => ({ roles, scope: 'own-department' });
const ownCase: Grant = { roles: ['applicant'], scope: 'self' };
const system: Grant = { roles: [], scope: 'system' };

const write = (action: string, grants: Grant[], readOnlyRoles: readonly Role[] = WATCHERS): Rule => ({
  action,
  grants,
  write: true,
  readOnlyRoles,
});

const DEPARTMENT_STAFF = ['officer', 'reviewer', 'head'] as const;

/**
 * Who may send each intake, review and catalogue command, and where (docs: packages/domain/docs/*.md).
 * `target.department` is the case's department for intake and the main task (the item's department or the
 * lead department) for review, except AnswerJointOpinion (the co-handling department it answers for) and
 * the catalogue commands (the item's department). The deciders check roles again, and departments exactly.
 */
export const commandPolicy = {
  // 办件受理 (application). Online submission by the applicant is for any item; the channel rule is the decider's.
  SubmitApplication: write('SubmitApplication', [
    inDepartment('clerk'),
    { roles: ['applicant'], scope: 'any' },
  ]),
  RequestCorrection: write('RequestCorrection', [inDepartment('clerk')]),
  SupplementMaterials: write('SupplementMaterials', [inDepartment('clerk'), ownCase]),
  AcceptApplication: write('AcceptApplication', [inDepartment('clerk')]),
  DeclineApplication: write('DeclineApplication', [inDepartment('clerk')]),
  WithdrawApplication: write('WithdrawApplication', [inDepartment('clerk'), ownCase]),
  DeliverResult: write('DeliverResult', [inDepartment('clerk')]),
  ExpireCorrection: write('ExpireCorrection', [system]),
  // 行政许可法 Art. 32: the reminder before the correction window closes, and 视为受理 when it closed untouched.
  RemindCorrectionWindow: write('RemindCorrectionWindow', [system]),
  AcceptOnReceipt: write('AcceptOnReceipt', [system]),
  RecordDecision: write('RecordDecision', [system]),
  // 办件审查 (review).
  OpenReview: write('OpenReview', [system]),
  CompleteStep: write('CompleteStep', [inDepartment(...DEPARTMENT_STAFF)]),
  AnswerJointOpinion: write('AnswerJointOpinion', [inDepartment(...DEPARTMENT_STAFF)]),
  DeemCoHandlerConsent: write('DeemCoHandlerConsent', [system]),
  ConsolidateJointOpinions: write('ConsolidateJointOpinions', [inDepartment('reviewer', 'head')]),
  StartSpecialProcedure: write('StartSpecialProcedure', [inDepartment(...DEPARTMENT_STAFF)]),
  EndSpecialProcedure: write('EndSpecialProcedure', [inDepartment(...DEPARTMENT_STAFF)]),
  // 延长 (行政许可法 Art. 42): a department's head for its own case; for a joint case the head of the people's
  // government at that level (本级人民政府负责人, sitting at the district above the lead department). The decider
  // tells the two cases apart and checks the government's level exactly.
  ApproveExtension: write('ApproveExtension', [inDepartment('head', 'government_head')]),
  Decide: write('Decide', [inDepartment('reviewer', 'head')]),
  DeemApproval: write('DeemApproval', [system]),
  ForwardUp: write('ForwardUp', [inDepartment('head')]),
  CloseOnWithdrawal: write('CloseOnWithdrawal', [system]),
  // 分派 / 认领: staff claim a free task and give back their own; giving one to another is a head's (decider).
  AssignTask: write('AssignTask', [inDepartment(...DEPARTMENT_STAFF)]),
  // 督办 / 效能监察 (supervision). Target: the complaint's, order's or rating's department; a complaint
  // without one (about the centre as a whole) targets the root. Monitors and supervisors act here.
  SubmitComplaint: write(
    'SubmitComplaint',
    [{ roles: ['applicant'], scope: 'any' }, inDepartment('supervisor', 'monitor')],
    ['auditor'],
  ),
  AcceptComplaint: write('AcceptComplaint', [inDepartment('supervisor')], ['auditor']),
  DeclineComplaint: write('DeclineComplaint', [inDepartment('supervisor')], ['auditor']),
  RecordInvestigation: write('RecordInvestigation', [inDepartment('supervisor')], ['auditor']),
  RecordFinding: write('RecordFinding', [inDepartment('supervisor')], ['auditor']),
  DecideAccountability: write('DecideAccountability', [inDepartment('supervisor')], ['auditor']),
  ReplyToComplainant: write('ReplyToComplainant', [inDepartment('supervisor')], ['auditor']),
  FlagComplaintOverdue: write('FlagComplaintOverdue', [system], ['auditor']),
  IssueSupervisionOrder: write('IssueSupervisionOrder', [inDepartment('monitor', 'supervisor')], ['auditor']),
  AnswerSupervisionOrder: write('AnswerSupervisionOrder', [inDepartment(...DEPARTMENT_STAFF)], ['auditor']),
  CloseSupervisionOrder: write('CloseSupervisionOrder', [inDepartment('monitor', 'supervisor')], ['auditor']),
  FlagSupervisionOrderOverdue: write('FlagSupervisionOrderOverdue', [system], ['auditor']),
  RateService: write('RateService', [ownCase, inDepartment('clerk')], ['auditor']),
  RecordCallBack: write('RecordCallBack', [inDepartment('supervisor', 'head')], ['auditor']),
  RecordRectification: write('RecordRectification', [inDepartment(...DEPARTMENT_STAFF)], ['auditor']),
  AppealRating: write('AppealRating', [inDepartment(...DEPARTMENT_STAFF)], ['auditor']),
  DecideRatingAppeal: write('DecideRatingAppeal', [inDepartment('supervisor')], ['auditor']),
  FlagRectificationOverdue: write('FlagRectificationOverdue', [system], ['auditor']),
  LockMonthlyScore: write('LockMonthlyScore', [inDepartment('supervisor')], ['auditor']),
  // 电子监察 (the clock per case): the monitoring service alone, in reaction to events and on its timers.
  StartClock: write('StartClock', [system], ['auditor']),
  StartStep: write('StartStep', [system], ['auditor']),
  AnswerCoHandler: write('AnswerCoHandler', [system], ['auditor']),
  PauseClock: write('PauseClock', [system], ['auditor']),
  ResumeClock: write('ResumeClock', [system], ['auditor']),
  MoveDeadlines: write('MoveDeadlines', [system], ['auditor']),
  StopClock: write('StopClock', [system], ['auditor']),
  EvaluateTimers: write('EvaluateTimers', [system], ['auditor']),
  RecordAnomaly: write('RecordAnomaly', [system], ['auditor']),
  // 工作日历 (the working-day calendar) is the centre's: administrators at its root (the target is the root).
  DefineCalendarYear: write('DefineCalendarYear', [inDepartment('admin')], ['auditor']),
  ChangeCalendarDay: write('ChangeCalendarDay', [inDepartment('admin')], ['auditor']),
  SetOfficeHours: write('SetOfficeHours', [inDepartment('admin')], ['auditor']),
  // 事项目录 (catalogue): administrators of the item's department or above.
  DefineServiceItem: write('DefineServiceItem', [inDepartment('admin')], ['auditor']),
  ReviseServiceItem: write('ReviseServiceItem', [inDepartment('admin')], ['auditor']),
  WithdrawServiceItem: write('WithdrawServiceItem', [inDepartment('admin')], ['auditor']),
  // 审计 (audit). A signed checkpoint fixes the ledger's head: the centre's administrators (target: the
  // root) and the audit service's own signer. Auditors check checkpoints; they do not make them.
  SignCheckpoint: write('SignCheckpoint', [inDepartment('admin'), system], ['auditor']),
  // 删除个人信息 (PIPL Art. 47): the centre's administrators (target: the root), as the personal-information
  // handler's (个人信息处理者) act. Destroys keys, so no one else: auditors see it recorded, they do not order it.
  // The system too, when a retention period ends (the decider allows it that basis only).
  OrderErasure: write('OrderErasure', [inDepartment('admin'), system], ['auditor']),
  RecordErasure: write('RecordErasure', [inDepartment('admin'), system], ['auditor']),
} as const satisfies Record<string, Rule>;

export type PolicyCommand = keyof typeof commandPolicy;

/**
 * Reading a case record: auditors everywhere (审计 replays any case); monitors, supervisors and staff within
 * their subtree (a monitor or supervisor sees their own subtree); the head of the people's government the
 * cases of its level (an extension of a joint case is theirs to approve); the applicant their own case.
 */
export const viewCaseRule: Rule = {
  action: 'ViewCase',
  write: false,
  grants: [
    { roles: ['auditor'], scope: 'any' },
    inDepartment('monitor', 'supervisor', 'clerk', 'officer', 'reviewer', 'head', 'government_head', 'admin'),
    ownCase,
  ],
};

/**
 * May this person read anything of this case (the case, its review, its clock, a notice that it moved):
 * `viewCaseRule` for any department the case has (its own, a co-handler's) or its applicant. Every query
 * that answers with a case's data asks this, so that none of them reveals more than the case does.
 */
export const mayViewCase = (actor: Actor, scope: CaseScope, tree: DepartmentTree): boolean => {
  const applicant = scope.applicantUserId === undefined ? {} : { applicantUserId: scope.applicantUserId };
  return [scope.department, ...(scope.coHandlers ?? [])].some((department) =>
    isAllowed(actor, viewCaseRule, { department, ...applicant }, tree),
  );
};

/**
 * A department's staff (分派's choice of assignee): the staff, heads and administrators of that department
 * or a department above it, and its monitors and supervisors; auditors everywhere. Never applicants.
 */
export const departmentStaffRule: Rule = {
  action: 'ListDepartmentStaff',
  write: false,
  grants: [
    { roles: ['auditor'], scope: 'any' },
    inDepartment('officer', 'reviewer', 'head', 'admin', 'monitor', 'supervisor'),
  ],
};

/**
 * 办件全过程 and 时间回溯 (the audit service's history, state as of a moment and export of one case):
 * auditors everywhere; monitors and supervisors within their subtree; the applicant their own case. The
 * case's own staff read the case through the case views, not its audit trail.
 */
export const auditCaseRule: Rule = {
  action: 'AuditCase',
  write: false,
  grants: [{ roles: ['auditor'], scope: 'any' }, inDepartment('monitor', 'supervisor'), ownCase, system],
};

/**
 * The ledger as a whole (verify, the list of signed checkpoints): auditors, administrators of the centre
 * (target: the root) and the services.
 */
export const auditLedgerRule: Rule = {
  action: 'AuditLedger',
  write: false,
  grants: [{ roles: ['auditor'], scope: 'any' }, inDepartment('admin'), system],
};

/**
 * 个人信息披露: an auditor has one case's personal data shown unmasked, giving a reason. It appends an event
 * to `disclosure-<caseNo>` (the disclosure is itself audited) and changes nothing of the case: the one
 * write an auditor makes, so it is not among the commands every one of which auditors are refused.
 */
export const disclosureRule: Rule = {
  action: 'DisclosePersonalData',
  write: true,
  readOnlyRoles: [],
  grants: [{ roles: ['auditor'], scope: 'any' }],
};

export const ruleFor = (commandType: string): Rule | undefined =>
  Object.hasOwn(commandPolicy, commandType) ? commandPolicy[commandType as PolicyCommand] : undefined;

/** Deny by default: a command type without a policy row is Forbidden for everyone. */
export function authoriseCommand(
  actor: Actor,
  commandType: string,
  target: Target,
  tree: DepartmentTree,
): void {
  const found = ruleFor(commandType);
  if (!found) throw new Forbidden(commandType, 'no policy allows this command', { missing: 'policy' });
  authorise(actor, found, target, tree);
}
