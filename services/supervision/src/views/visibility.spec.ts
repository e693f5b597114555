import { systemActor } from '@docket/domain';
import { demoDirectory, demoUsers, rootOf } from '@docket/identity';
import { describe, expect, it } from 'vitest';
import { canRead, canSeeComplainantPhone, departmentsFor, phoneFor, reachOf } from './visibility';

const { tree } = demoDirectory();
type Item = { department: string | undefined; userId: string | undefined };
const market: Item = { department: 'huangpu-market', userId: undefined };
const liuAboutMarket: Item = { department: 'huangpu-market', userId: 'u-applicant-liu' };
const aboutTheCentre: Item = { department: undefined, userId: 'u-applicant-liu' };
const onTheStreet: Item = { department: 'huangpu-nanjingdong-guizhou', userId: undefined };

describe('who reads supervision', () => {
  it('auditors and the services everything; supervisors and monitors their subtree; staff their department; applicants their own', () => {
    expect(reachOf(demoUsers.auditor, 'orders', tree)).toEqual({ kind: 'all' });
    expect(reachOf(systemActor('supervision'), 'complaints', tree)).toEqual({ kind: 'all' });
    expect(reachOf(demoUsers.supervisor, 'complaints', tree)).toMatchObject({ kind: 'departments' });
    const street = reachOf(demoUsers.streetMonitor, 'orders', tree);
    expect(street).toEqual({
      kind: 'departments',
      departments: ['huangpu-nanjingdong', 'huangpu-nanjingdong-window', 'huangpu-nanjingdong-guizhou'],
    });
    expect(reachOf(demoUsers.head, 'ratings', tree)).toEqual({
      kind: 'department',
      department: 'huangpu-market',
    });
    expect(reachOf(demoUsers.officer, 'orders', tree)).toEqual({
      kind: 'department',
      department: 'huangpu-market',
    });
    expect(reachOf(demoUsers.applicant, 'complaints', tree)).toEqual({
      kind: 'own',
      userId: 'u-applicant-liu',
    });
  });

  it('refuses those with no part in it: clerks, administrators, and applicants for orders and scores', () => {
    expect(() => reachOf(demoUsers.clerk, 'complaints', tree)).toThrow(/not for u-clerk-wang/);
    expect(() => reachOf(demoUsers.admin, 'ratings', tree)).toThrow(/Forbidden|not allowed/);
    expect(() => reachOf(demoUsers.applicant, 'orders', tree)).toThrow(/not allowed/);
    expect(() => reachOf(demoUsers.applicant, 'scores', tree)).toThrow(/not allowed/);
  });

  it('lets one item be read within the reach only', () => {
    const supervisor = reachOf(demoUsers.supervisor, 'complaints', tree);
    const streetMonitor = reachOf(demoUsers.streetMonitor, 'complaints', tree);
    const head = reachOf(demoUsers.head, 'complaints', tree);
    const liu = reachOf(demoUsers.applicant, 'complaints', tree);
    const yang = reachOf(demoUsers.otherApplicant, 'complaints', tree);
    expect([market, aboutTheCentre, onTheStreet].map((item) => canRead(supervisor, item, tree))).toEqual([
      true,
      true,
      true,
    ]);
    // A complaint about the centre as a whole belongs to the root: not a street's.
    expect([market, aboutTheCentre, onTheStreet].map((item) => canRead(streetMonitor, item, tree))).toEqual([
      false,
      false,
      true,
    ]);
    expect([market, onTheStreet].map((item) => canRead(head, item, tree))).toEqual([true, false]);
    expect([liuAboutMarket, market].map((item) => canRead(liu, item, tree))).toEqual([true, false]);
    expect(canRead(yang, liuAboutMarket, tree)).toBe(false);
    expect(rootOf(tree)).toBe('huangpu');
  });

  it('narrows a list to a department of the reach, and refuses one outside it', () => {
    const streetMonitor = reachOf(demoUsers.streetMonitor, 'orders', tree);
    expect(departmentsFor(streetMonitor, 'huangpu-nanjingdong-guizhou', tree, 'List')).toEqual([
      'huangpu-nanjingdong-guizhou',
    ]);
    expect(() => departmentsFor(streetMonitor, 'huangpu-market', tree, 'List')).toThrow(
      /huangpu-market is outside/,
    );
    const head = reachOf(demoUsers.head, 'orders', tree);
    expect(departmentsFor(head, undefined, tree, 'List')).toEqual(['huangpu-market']);
    expect(() => departmentsFor(head, 'huangpu-fire', tree, 'List')).toThrow(/outside/);
    expect(departmentsFor({ kind: 'all' }, undefined, tree, 'List')).toBeUndefined();
    expect(departmentsFor({ kind: 'all' }, 'huangpu-waitan', tree, 'List')).toEqual([
      'huangpu-waitan',
      'huangpu-waitan-jinling',
    ]);
  });
});

describe("the complainant's phone (PIPL)", () => {
  it('is shown to the complainant and to the supervisors who handle the complaint, and masked for everyone else', () => {
    const sees = (actor: Parameters<typeof canSeeComplainantPhone>[0], item = liuAboutMarket) =>
      canSeeComplainantPhone(actor, item, tree);
    expect(sees(demoUsers.applicant)).toBe(true);
    expect(sees(demoUsers.supervisor)).toBe(true);
    expect(sees(demoUsers.supervisor, aboutTheCentre)).toBe(true);
    expect(sees(systemActor('supervision'))).toBe(true);
    expect(sees(demoUsers.monitor)).toBe(false);
    expect(sees(demoUsers.auditor)).toBe(false);
    // The department complained about does not get the number.
    expect(sees(demoUsers.head)).toBe(false);
    expect(sees(demoUsers.officer)).toBe(false);
    expect(sees(demoUsers.otherApplicant)).toBe(false);
  });

  it('is masked as @docket/identity masks phones', () => {
    expect(phoneFor('13912345678', false)).toBe('139****5678');
    expect(phoneFor('13912345678', true)).toBe('13912345678');
    expect(phoneFor(null, false)).toBeNull();
    expect(phoneFor(undefined, false)).toBeUndefined();
  });
});
