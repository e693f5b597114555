import { type Actor, systemActor } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { authorise, createAuthoriser, isAllowed, isReadOnlyRole, rule } from './authorise';
import { demoDirectory, demoUsers as u } from './demo';
import { Forbidden } from './errors';
import { viewCaseRule } from './policy';

const { tree } = demoDirectory();
const decide = rule('Decide', ['reviewer', 'head'], 'own-department');

describe('authorise', () => {
  it('allows within the subtree and refuses a sibling department', () => {
    expect(() => authorise(u.reviewer, decide, { department: 'huangpu-market' }, tree)).not.toThrow();
    expect(() => authorise(u.planningReviewer, decide, { department: 'huangpu-market' }, tree)).toThrow(
      /huangpu-market is outside huangpu-planning/,
    );
  });

  it('allows from a parent department: a street officer acts on its community', () => {
    const handle = rule('CompleteStep', ['officer'], 'own-department');
    expect(isAllowed(u.streetOfficer, handle, { department: 'huangpu-nanjingdong-guizhou' }, tree)).toBe(
      true,
    );
    expect(isAllowed(u.streetOfficer, handle, { department: 'huangpu-nanjingdong' }, tree)).toBe(true);
    expect(isAllowed(u.streetOfficer, handle, { department: 'huangpu' }, tree)).toBe(false);
  });

  it('refuses an actor whose department is missing or unknown, and a target without a department', () => {
    const stray: Actor = { id: 'u-stray', name: '某人', roles: ['head'], department: 'pudong-market' };
    expect(() => authorise(stray, decide, { department: 'huangpu-market' }, tree)).toThrow(
      /no known department/,
    );
    expect(() =>
      authorise({ ...u.head, department: undefined }, decide, { department: 'huangpu-market' }, tree),
    ).toThrow(Forbidden);
    expect(() => authorise(u.head, decide, {}, tree)).toThrow(/names no department/);
  });

  it('self: only the applicant of the case', () => {
    const withdraw = rule('WithdrawApplication', ['applicant'], 'self');
    expect(isAllowed(u.applicant, withdraw, { applicantUserId: 'u-applicant-liu' }, tree)).toBe(true);
    expect(isAllowed(u.otherApplicant, withdraw, { applicantUserId: 'u-applicant-liu' }, tree)).toBe(false);
    expect(isAllowed(u.applicant, withdraw, {}, tree)).toBe(false);
  });

  it('system: system actors only, and a system actor holds no role', () => {
    const deem = rule('DeemApproval', [], 'system');
    expect(isAllowed(systemActor('monitoring'), deem, {}, tree)).toBe(true);
    expect(isAllowed(u.admin, deem, {}, tree)).toBe(false);
    expect(() => authorise(systemActor('review'), decide, { department: 'huangpu-market' }, tree)).toThrow(
      /system actor holds no role/,
    );
  });

  it('any: every holder of the role, anywhere', () => {
    const apply = rule('SubmitApplication', ['applicant'], 'any');
    expect(isAllowed(u.otherApplicant, apply, { department: 'huangpu-fire' }, tree)).toBe(true);
    expect(isAllowed(u.clerk, apply, {}, tree)).toBe(false);
  });

  it('a refusal lists why each grant failed', () => {
    const supplement = {
      action: 'SupplementMaterials',
      write: true,
      grants: [
        { roles: ['clerk'], scope: 'own-department' },
        { roles: ['applicant'], scope: 'self' },
      ],
    } as const;
    expect(() =>
      authorise(
        u.otherApplicant,
        supplement,
        { department: 'huangpu-market', applicantUserId: 'u-applicant-liu' },
        tree,
      ),
    ).toThrow(/needs role clerk; or scope self/);
  });

  it('auditors are read-only: refused writes, allowed reads', () => {
    expect(isReadOnlyRole('auditor')).toBe(true);
    expect(isReadOnlyRole('monitor')).toBe(false);
    const auditingHead: Actor = { ...u.head, roles: ['head', 'auditor'] };
    expect(() => authorise(auditingHead, decide, { department: 'huangpu-market' }, tree)).toThrow(
      /read-only role auditor/,
    );
    const readCase = rule('ViewCase', ['auditor'], 'any', { write: false });
    expect(isAllowed(u.auditor, readCase, { department: 'huangpu-fire' }, tree)).toBe(true);
  });

  it('createAuthoriser binds the tree', () => {
    const authoriser = createAuthoriser(tree);
    expect(authoriser.isAllowed(u.head, decide, { department: 'huangpu-market' })).toBe(true);
    expect(() => authoriser.authorise(u.fireHead, decide, { department: 'huangpu-market' })).toThrow(
      Forbidden,
    );
  });
});

describe('viewing a case', () => {
  const marketCase = { department: 'huangpu-market', applicantUserId: 'u-applicant-liu' };
  const streetCase = { department: 'huangpu-nanjingdong-guizhou' };

  it('auditors read everything; monitors and supervisors their own subtree', () => {
    expect(isAllowed(u.auditor, viewCaseRule, streetCase, tree)).toBe(true);
    expect(isAllowed(u.monitor, viewCaseRule, marketCase, tree)).toBe(true);
    expect(isAllowed(u.supervisor, viewCaseRule, streetCase, tree)).toBe(true);
    expect(isAllowed(u.streetMonitor, viewCaseRule, streetCase, tree)).toBe(true);
    expect(isAllowed(u.streetMonitor, viewCaseRule, marketCase, tree)).toBe(false);
  });

  it('applicants read their own case only', () => {
    expect(isAllowed(u.applicant, viewCaseRule, marketCase, tree)).toBe(true);
    expect(isAllowed(u.otherApplicant, viewCaseRule, marketCase, tree)).toBe(false);
  });
});
