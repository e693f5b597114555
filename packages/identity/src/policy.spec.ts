import { type Actor, Role, systemActor } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import type { Target } from './authorise';
import { authorise } from './authorise';
import { demoDirectory, demoUsers as u } from './demo';
import { Forbidden } from './errors';
import {
  auditCaseRule,
  auditLedgerRule,
  authoriseCommand,
  commandPolicy,
  departmentStaffRule,
  disclosureRule,
  mayViewCase,
  type PolicyCommand,
} from './policy';

const { tree } = demoDirectory();
const market: Target = { department: 'huangpu-market', applicantUserId: 'u-applicant-liu' };
const planning: Target = { department: 'huangpu-planning' };
const streetAdmin: Actor = {
  id: 'u-admin-waitan',
  name: '外滩管理',
  roles: ['admin'],
  department: 'huangpu-waitan',
};

interface Row {
  command: PolicyCommand;
  allowed: Actor;
  forbidden: Actor;
  target?: Target;
  /** What the refusal must name. */
  because: RegExp;
}

/** One allowed and one forbidden actor per command; the forbidden one is the nearest miss. */
const rows: Row[] = [
  { command: 'SubmitApplication', allowed: u.clerk, forbidden: u.officer, because: /needs role clerk/ },
  {
    command: 'RequestCorrection',
    allowed: u.clerk,
    forbidden: u.streetClerk,
    because: /outside huangpu-nanjingdong/,
  },
  { command: 'SupplementMaterials', allowed: u.applicant, forbidden: u.otherApplicant, because: /own case/ },
  { command: 'AcceptApplication', allowed: u.clerk, forbidden: u.streetClerk, because: /outside/ },
  { command: 'DeclineApplication', allowed: u.clerk, forbidden: u.officer, because: /needs role clerk/ },
  { command: 'WithdrawApplication', allowed: u.applicant, forbidden: u.otherApplicant, because: /own case/ },
  { command: 'DeliverResult', allowed: u.clerk, forbidden: u.head, because: /needs role clerk/ },
  { command: 'ExpireCorrection', allowed: systemActor('monitoring'), forbidden: u.clerk, because: /system/ },
  {
    command: 'RemindCorrectionWindow',
    allowed: systemActor('intake'),
    forbidden: u.clerk,
    because: /system/,
  },
  { command: 'AcceptOnReceipt', allowed: systemActor('intake'), forbidden: u.clerk, because: /system/ },
  { command: 'RecordDecision', allowed: systemActor('intake'), forbidden: u.head, because: /system/ },
  { command: 'OpenReview', allowed: systemActor('review'), forbidden: u.admin, because: /system/ },
  {
    command: 'CompleteStep',
    allowed: u.officer,
    forbidden: u.planningOfficer,
    because: /outside huangpu-planning/,
  },
  {
    command: 'AnswerJointOpinion',
    allowed: u.planningOfficer,
    forbidden: u.officer,
    target: planning,
    because: /huangpu-planning is outside huangpu-market/,
  },
  {
    command: 'DeemCoHandlerConsent',
    allowed: systemActor('monitoring'),
    forbidden: u.planningHead,
    because: /system/,
  },
  {
    command: 'ConsolidateJointOpinions',
    allowed: u.reviewer,
    forbidden: u.officer,
    because: /reviewer or head/,
  },
  {
    command: 'StartSpecialProcedure',
    allowed: u.officer,
    forbidden: u.fireOfficer,
    because: /outside huangpu-fire/,
  },
  {
    command: 'EndSpecialProcedure',
    allowed: u.reviewer,
    forbidden: u.clerk,
    because: /officer or reviewer or head/,
  },
  { command: 'ApproveExtension', allowed: u.head, forbidden: u.reviewer, because: /needs role head/ },
  { command: 'Decide', allowed: u.head, forbidden: u.officer, because: /needs role reviewer or head/ },
  { command: 'DeemApproval', allowed: systemActor('monitoring'), forbidden: u.head, because: /system/ },
  { command: 'ForwardUp', allowed: u.head, forbidden: u.planningHead, because: /outside huangpu-planning/ },
  { command: 'CloseOnWithdrawal', allowed: systemActor('review'), forbidden: u.applicant, because: /system/ },
  { command: 'AssignTask', allowed: u.head, forbidden: u.planningHead, because: /outside huangpu-planning/ },
  { command: 'DefineServiceItem', allowed: u.admin, forbidden: u.head, because: /needs role admin/ },
  { command: 'ReviseServiceItem', allowed: u.admin, forbidden: u.clerk, because: /needs role admin/ },
  {
    command: 'WithdrawServiceItem',
    allowed: u.admin,
    forbidden: streetAdmin,
    because: /outside huangpu-waitan/,
  },
  // Supervision: monitors and supervisors act; the target is the department concerned.
  {
    command: 'SubmitComplaint',
    allowed: u.applicant,
    forbidden: u.auditor,
    because: /read-only role auditor/,
  },
  {
    command: 'AcceptComplaint',
    allowed: u.supervisor,
    forbidden: u.monitor,
    because: /needs role supervisor/,
  },
  { command: 'DeclineComplaint', allowed: u.supervisor, forbidden: u.head, because: /needs role supervisor/ },
  {
    command: 'RecordInvestigation',
    allowed: u.supervisor,
    forbidden: u.officer,
    because: /needs role supervisor/,
  },
  { command: 'RecordFinding', allowed: u.supervisor, forbidden: u.clerk, because: /needs role supervisor/ },
  {
    command: 'DecideAccountability',
    allowed: u.supervisor,
    forbidden: u.admin,
    because: /needs role supervisor/,
  },
  {
    command: 'ReplyToComplainant',
    allowed: u.supervisor,
    forbidden: u.reviewer,
    because: /needs role supervisor/,
  },
  {
    command: 'FlagComplaintOverdue',
    allowed: systemActor('supervision'),
    forbidden: u.supervisor,
    because: /system/,
  },
  {
    command: 'IssueSupervisionOrder',
    allowed: u.monitor,
    forbidden: u.head,
    because: /monitor or supervisor/,
  },
  {
    command: 'AnswerSupervisionOrder',
    allowed: u.head,
    forbidden: u.planningHead,
    because: /outside huangpu-planning/,
  },
  {
    command: 'CloseSupervisionOrder',
    allowed: u.supervisor,
    forbidden: u.officer,
    because: /monitor or supervisor/,
  },
  {
    command: 'FlagSupervisionOrderOverdue',
    allowed: systemActor('supervision'),
    forbidden: u.monitor,
    because: /system/,
  },
  {
    command: 'RateService',
    allowed: u.applicant,
    forbidden: u.officer,
    target: { department: 'huangpu-market', applicantUserId: 'u-applicant-liu' },
    because: /scope self|needs role clerk/,
  },
  { command: 'RecordCallBack', allowed: u.head, forbidden: u.officer, because: /supervisor or head/ },
  {
    command: 'RecordRectification',
    allowed: u.officer,
    forbidden: u.fireOfficer,
    because: /outside huangpu-fire/,
  },
  {
    command: 'AppealRating',
    allowed: u.reviewer,
    forbidden: u.supervisor,
    because: /officer or reviewer or head/,
  },
  {
    command: 'DecideRatingAppeal',
    allowed: u.supervisor,
    forbidden: u.head,
    because: /needs role supervisor/,
  },
  {
    command: 'FlagRectificationOverdue',
    allowed: systemActor('supervision'),
    forbidden: u.supervisor,
    because: /system/,
  },
  {
    command: 'LockMonthlyScore',
    allowed: u.supervisor,
    forbidden: u.auditor,
    because: /read-only role auditor/,
  },
  // 删除个人信息 (PIPL Art. 47): the centre's administrators; auditors see it recorded, they do not order it.
  ...(['OrderErasure', 'RecordErasure'] as const).map((command) => ({
    command,
    allowed: u.admin,
    forbidden: u.auditor,
    target: { department: 'huangpu' },
    because: /read-only role auditor/,
  })),
  // Audit: a checkpoint is signed by the centre's administrators (the root) or the audit service.
  {
    command: 'SignCheckpoint',
    allowed: u.admin,
    forbidden: u.auditor,
    target: { department: 'huangpu' },
    because: /read-only role auditor/,
  },
  // The clock is the monitoring service's alone: not even a monitor sends these.
  ...(
    [
      'StartClock',
      'StartStep',
      'AnswerCoHandler',
      'PauseClock',
      'ResumeClock',
      'MoveDeadlines',
      'StopClock',
      'EvaluateTimers',
      'RecordAnomaly',
    ] as const
  ).map((command) => ({
    command,
    allowed: systemActor('monitoring'),
    forbidden: u.monitor,
    because: /system/,
  })),
  // The calendar is the centre's: its target is the root of the department tree.
  ...(['DefineCalendarYear', 'ChangeCalendarDay', 'SetOfficeHours'] as const).map((command) => ({
    command,
    allowed: u.admin,
    forbidden: streetAdmin,
    target: { department: 'huangpu' },
    because: /outside huangpu-waitan/,
  })),
];

const refusalOf = (actor: Actor, command: string, target: Target): Forbidden | undefined => {
  try {
    authoriseCommand(actor, command, target, tree);
    return undefined;
  } catch (error) {
    if (error instanceof Forbidden) return error;
    throw error;
  }
};

describe('command policy', () => {
  it('has a row for every intake, review and catalogue command, and a test row for each', () => {
    expect(Object.keys(commandPolicy).sort()).toEqual(rows.map((r) => r.command).sort());
  });

  describe.each(rows)('$command', ({ command, allowed, forbidden, target = market, because }) => {
    it(`allows ${allowed.id}`, () => {
      expect(refusalOf(allowed, command, target)).toBeUndefined();
    });

    it(`refuses ${forbidden.id} with 403, naming the missing role or scope`, () => {
      const refusal = refusalOf(forbidden, command, target);
      expect(refusal).toBeInstanceOf(Forbidden);
      expect(refusal?.status).toBe(403);
      expect(refusal?.code).toBe('Forbidden');
      expect(refusal?.message).toMatch(because);
    });
  });

  it('refuses the auditor every write, even holding every other role', () => {
    const everything: Actor = {
      id: 'u-everything',
      name: '全能',
      roles: [...Role.options],
      department: 'huangpu',
    };
    // Without the rule's read-only roles the same actor passes every person's command: the refusal is
    // the watchers' (intake and review: auditors, monitors, supervisors; elsewhere auditors only).
    const own: Target = { department: 'huangpu-market', applicantUserId: 'u-everything' };
    for (const command of Object.keys(commandPolicy)) {
      const rule = commandPolicy[command as PolicyCommand];
      expect(refusalOf(everything, command, own)?.message, command).toMatch(/read-only role .*auditor/);
      const watcher = {
        ...everything,
        roles: everything.roles.filter((r) => !(rule.readOnlyRoles ?? []).includes(r)),
      };
      const systemOnly = rule.grants.every((g) => g.scope === 'system');
      if (!systemOnly) expect(refusalOf(watcher, command, own), command).toBeUndefined();
    }
  });

  it('refuses monitors and supervisors intake and review commands, even with a handling role', () => {
    const watchingOfficer: Actor = { ...u.officer, id: 'u-watch', roles: ['officer', 'monitor'] };
    const supervisingClerk: Actor = { ...u.clerk, id: 'u-sup', roles: ['clerk', 'supervisor'] };
    expect(refusalOf(watchingOfficer, 'CompleteStep', market)?.message).toMatch(/read-only role monitor/);
    expect(refusalOf(supervisingClerk, 'AcceptApplication', market)?.message).toMatch(
      /read-only role supervisor/,
    );
    expect(refusalOf(u.monitor, 'Decide', market)).toBeInstanceOf(Forbidden);
  });

  it('a district head reaches every department below the district', () => {
    const districtHead: Actor = {
      id: 'u-head-district',
      name: '区领导',
      roles: ['head'],
      department: 'huangpu',
    };
    expect(refusalOf(districtHead, 'Decide', market)).toBeUndefined();
    expect(refusalOf(districtHead, 'ForwardUp', { department: 'huangpu-waitan-jinling' })).toBeUndefined();
  });

  it('an extension (行政许可法 Art. 42): the people’s government head reaches the departments of its level', () => {
    // The decider tells a joint case (theirs) from a case of one department (its head's).
    expect(refusalOf(u.governmentHead, 'ApproveExtension', planning)).toBeUndefined();
    expect(refusalOf(u.governmentHead, 'ApproveExtension', market)).toBeUndefined();
    const streetGovernmentHead: Actor = {
      ...u.governmentHead,
      id: 'u-gov-street',
      department: 'huangpu-waitan',
    };
    expect(refusalOf(streetGovernmentHead, 'ApproveExtension', planning)?.message).toMatch(
      /outside huangpu-waitan/,
    );
    // It is the extension only: the departments decide their own cases.
    for (const command of ['Decide', 'CompleteStep', 'ForwardUp', 'ConsolidateJointOpinions', 'AssignTask'])
      expect(refusalOf(u.governmentHead, command, planning), command).toBeInstanceOf(Forbidden);
    // It sees the cases of its level (to approve their extensions), with personal data masked.
    expect(mayViewCase(u.governmentHead, { department: 'huangpu-planning' }, tree)).toBe(true);
  });

  it('a street window serves its own street and what lies below it', () => {
    expect(
      refusalOf(u.streetClerk, 'AcceptApplication', { department: 'huangpu-nanjingdong' }),
    ).toBeUndefined();
    expect(
      refusalOf(u.streetClerk, 'AcceptApplication', { department: 'huangpu-nanjingdong-guizhou' }),
    ).toBeUndefined();
    expect(refusalOf(u.streetClerk, 'AcceptApplication', { department: 'huangpu-waitan' })).toBeInstanceOf(
      Forbidden,
    );
  });

  it('denies a command without a policy row to everyone', () => {
    expect(refusalOf(systemActor('review'), 'DropTheLedger', market)?.message).toMatch(/no policy/);
    expect(refusalOf(u.admin, 'toString', market)?.message).toMatch(/no policy/);
  });
});

const refusalBy = (actor: Actor, rule: Parameters<typeof authorise>[1], target: Target) => {
  try {
    authorise(actor, rule, target, tree);
    return undefined;
  } catch (error) {
    if (error instanceof Forbidden) return error;
    throw error;
  }
};

describe('audit rules', () => {
  it("erasing personal data (PIPL Art. 47): the centre's administrators, and the system (retention)", () => {
    const root: Target = { department: 'huangpu' };
    for (const command of ['OrderErasure', 'RecordErasure'] as const) {
      expect(refusalOf(u.admin, command, root)).toBeUndefined();
      expect(refusalOf(streetAdmin, command, root)?.message).toMatch(/outside huangpu-waitan/);
      expect(refusalOf(u.auditor, command, root)?.message).toMatch(/read-only role auditor/);
      expect(refusalOf(u.supervisor, command, root)?.message).toMatch(/needs role admin/);
      // At the end of a retention period; the decider refuses the system any other basis.
      expect(refusalOf(systemActor('audit'), command, root)).toBeUndefined();
    }
  });

  it('a signed checkpoint: administrators of the root and the system, not a street administrator', () => {
    const root: Target = { department: 'huangpu' };
    expect(refusalOf(systemActor('audit'), 'SignCheckpoint', root)).toBeUndefined();
    expect(refusalOf(streetAdmin, 'SignCheckpoint', root)?.message).toMatch(/outside huangpu-waitan/);
    expect(refusalOf(u.monitor, 'SignCheckpoint', root)?.message).toMatch(/needs role admin/);
  });

  it("a case's audit trail: auditors anywhere, monitors and supervisors in their subtree, the applicant their own", () => {
    expect(refusalBy(u.auditor, auditCaseRule, market)).toBeUndefined();
    expect(refusalBy(u.monitor, auditCaseRule, market)).toBeUndefined();
    expect(refusalBy(u.supervisor, auditCaseRule, market)).toBeUndefined();
    expect(refusalBy(u.applicant, auditCaseRule, market)).toBeUndefined();
    expect(refusalBy(systemActor('audit'), auditCaseRule, market)).toBeUndefined();
    expect(refusalBy(u.otherApplicant, auditCaseRule, market)?.status).toBe(403);
    // A street monitor watches only its street.
    expect(refusalBy(u.streetMonitor, auditCaseRule, market)?.message).toMatch(/outside/);
    expect(refusalBy(u.streetMonitor, auditCaseRule, { department: 'huangpu-nanjingdong' })).toBeUndefined();
    // The case's staff and administrators read the case views, not the audit trail.
    for (const staff of [u.clerk, u.officer, u.head, u.admin])
      expect(refusalBy(staff, auditCaseRule, market), staff.id).toBeInstanceOf(Forbidden);
  });

  it('the ledger as a whole: auditors, administrators of the centre and the services', () => {
    const root: Target = { department: 'huangpu' };
    expect(refusalBy(u.auditor, auditLedgerRule, root)).toBeUndefined();
    expect(refusalBy(u.admin, auditLedgerRule, root)).toBeUndefined();
    expect(refusalBy(systemActor('audit'), auditLedgerRule, root)).toBeUndefined();
    expect(refusalBy(streetAdmin, auditLedgerRule, root)).toBeInstanceOf(Forbidden);
    for (const other of [u.monitor, u.supervisor, u.clerk, u.applicant])
      expect(refusalBy(other, auditLedgerRule, root), other.id).toBeInstanceOf(Forbidden);
  });

  it('disclosing personal data: the auditor alone, although it writes (an audited event)', () => {
    expect(refusalBy(u.auditor, disclosureRule, market)).toBeUndefined();
    for (const other of [u.monitor, u.supervisor, u.admin, u.clerk, u.applicant])
      expect(refusalBy(other, disclosureRule, market)?.message, other.id).toMatch(/needs role auditor/);
  });
});

describe('read rules', () => {
  it("a department's staff list: its own people and those above it, auditors anywhere; not a sibling or applicant", () => {
    expect(refusalBy(u.head, departmentStaffRule, market)).toBeUndefined();
    expect(refusalBy(u.officer, departmentStaffRule, market)).toBeUndefined();
    expect(refusalBy(u.admin, departmentStaffRule, market)).toBeUndefined();
    expect(refusalBy(u.auditor, departmentStaffRule, market)).toBeUndefined();
    expect(refusalBy(u.planningHead, departmentStaffRule, market)?.message).toMatch(
      /outside huangpu-planning/,
    );
    expect(refusalBy(u.streetOfficer, departmentStaffRule, market)?.message).toMatch(/outside/);
    expect(refusalBy(u.applicant, departmentStaffRule, market)).toBeInstanceOf(Forbidden);
  });

  it('a case: any of its departments (its own, a co-handler) or its applicant; nobody outside them', () => {
    const joint = { department: 'huangpu-planning', coHandlers: ['huangpu-fire'] };
    expect(mayViewCase(u.planningHead, joint, tree)).toBe(true);
    expect(mayViewCase(u.fireOfficer, joint, tree)).toBe(true);
    expect(mayViewCase(u.monitor, joint, tree)).toBe(true);
    expect(mayViewCase(u.auditor, joint, tree)).toBe(true);
    expect(mayViewCase(u.officer, joint, tree)).toBe(false);
    expect(mayViewCase(u.streetMonitor, joint, tree)).toBe(false);
    expect(
      mayViewCase(u.applicant, { department: 'huangpu-market', applicantUserId: u.applicant.id }, tree),
    ).toBe(true);
    expect(
      mayViewCase(u.otherApplicant, { department: 'huangpu-market', applicantUserId: u.applicant.id }, tree),
    ).toBe(false);
  });
});
