import type { Actor, RatedState, SubmittedComplaintState } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { complaintActions, localMonth, mayLockScore, orderActions, ratingActions } from './permissions';
import { ranked } from './scores-load';

const supervisor: Actor = { id: 'u-s', name: '钱正', roles: ['supervisor'], department: 'huangpu' };
const head: Actor = { id: 'u-h', name: '周伟', roles: ['head'], department: 'huangpu-market' };
const officer: Actor = { id: 'u-o', name: '李强', roles: ['officer'], department: 'huangpu-market' };
const otherHead: Actor = { id: 'u-g', name: '郭建国', roles: ['head'], department: 'huangpu-planning' };
const monitor: Actor = { id: 'u-m', name: '孙海', roles: ['monitor'], department: 'huangpu' };
const by = { id: 'u-s', name: '钱正' };
const at = '2026-12-01T09:00:00+08:00';

const complaint = (over: Partial<SubmittedComplaintState> = {}): SubmittedComplaintState => ({
  status: 'submitted',
  id: 'TS-1',
  channel: 'online',
  type: 'delay',
  subject: { department: 'huangpu-market' },
  complainant: { name: '刘洋' },
  content: '拖延',
  takenDown: false,
  submittedAt: at,
  submittedBy: by,
  acceptWorkingDays: 5,
  acceptBy: at,
  investigations: [],
  ...over,
});

describe('complaint actions: only the next allowed ones, only for a supervisor', () => {
  const accepted = {
    status: 'accepted' as const,
    decision: { outcome: 'accepted' as const, reason: 'r', late: false, at, by },
  };
  it('accept or decline while undecided', () => {
    expect(complaintActions(supervisor, complaint())).toEqual(['accept', 'decline']);
    expect(complaintActions(head, complaint())).toEqual([]);
  });
  it('investigate first, then the finding', () => {
    expect(complaintActions(supervisor, complaint(accepted))).toEqual(['investigate']);
    const investigated = complaint({ ...accepted, investigations: [{ notes: 'n', at, by }] });
    expect(complaintActions(supervisor, investigated)).toEqual(['investigate', 'finding']);
  });
  it('accountability after a substantiated finding, then the reply; the reply at once when not substantiated', () => {
    const found = (substantiated: boolean) =>
      complaint({
        ...accepted,
        investigations: [{ notes: 'n', at, by }],
        finding: { substantiated, finding: 'f', at, by },
      });
    expect(complaintActions(supervisor, found(true))).toEqual(['accountability']);
    expect(complaintActions(supervisor, found(false))).toEqual(['reply']);
    expect(
      complaintActions(supervisor, {
        ...found(true),
        accountability: {
          against: { department: 'huangpu-market' },
          measure: 'criticism',
          reason: 'r',
          at,
          by,
        },
      }),
    ).toEqual(['reply']);
  });
  it('nothing on a declined or closed complaint', () => {
    expect(complaintActions(supervisor, complaint({ status: 'declined' }))).toEqual([]);
    expect(complaintActions(supervisor, complaint({ status: 'closed' }))).toEqual([]);
  });
});

describe('order actions', () => {
  const order = {
    status: 'issued' as const,
    id: 'DB-1',
    subject: { department: 'huangpu-market' },
    requirement: 'r',
    replyWorkingDays: 5,
    replyBy: at,
    issuerRole: 'monitor' as const,
    issuedAt: at,
    issuedBy: by,
  };
  it('the department answers; others do not', () => {
    expect(orderActions(officer, order)).toEqual(['answer']);
    expect(orderActions(otherHead, order)).toEqual([]);
    expect(orderActions(monitor, order)).toEqual([]);
  });
  it('the issuing role closes an answered order', () => {
    const answered = { ...order, status: 'answered' as const, answer: { answer: 'a', late: false, at, by } };
    expect(orderActions(monitor, answered)).toEqual(['close']);
    expect(orderActions(supervisor, answered)).toEqual([]);
    expect(orderActions(monitor, { ...answered, closure: { conclusion: 'c', at, by } })).toEqual([]);
  });
});

describe('rating actions', () => {
  const bad: RatedState = {
    status: 'rated',
    caseNo: '20261201-AAAAAA',
    level: 5,
    department: 'huangpu-market',
    closedAt: at,
    enteredBy: 'applicant',
    bad: true,
    countsAsDissatisfied: true,
    rectifyWorkingDays: 5,
    rectifyBy: at,
    ratedAt: at,
    ratedBy: by,
    callBacks: [],
  };
  it('a supervisor calls back and decides appeals; the head calls back, rectifies and appeals', () => {
    expect(ratingActions(supervisor, bad)).toEqual(['callBack']);
    expect(ratingActions(head, bad)).toEqual(['callBack', 'rectify', 'appeal']);
    expect(ratingActions(officer, bad)).toEqual(['rectify', 'appeal']);
    expect(ratingActions(otherHead, bad)).toEqual([]);
    const appealed = { ...bad, appeal: { reason: 'r', at, by } };
    expect(ratingActions(supervisor, appealed)).toEqual(['callBack', 'decideAppeal']);
    expect(ratingActions(officer, appealed)).toEqual(['rectify']);
  });
  it('nothing to follow up on a good rating', () => {
    expect(ratingActions(supervisor, { ...bad, level: 1, bad: false, countsAsDissatisfied: false })).toEqual(
      [],
    );
  });
});

describe('scores', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  it('a supervisor locks a provisional score once its month has ended in Shanghai', () => {
    expect(localMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(mayLockScore(supervisor, 'provisional', '2026-11', now)).toBe(true);
    expect(mayLockScore(supervisor, 'provisional', '2026-12', now)).toBe(false);
    expect(mayLockScore(supervisor, 'locked', '2026-11', now)).toBe(false);
    expect(mayLockScore(head, 'provisional', '2026-11', now)).toBe(false);
  });
  it('ranks equal scores together', () => {
    const line = (id: string, score: number) =>
      ({ department: { id, name: id, kind: 'functional' }, score: { score }, grade: undefined }) as never;
    expect(
      ranked([line('a', 98), line('b', 100), line('c', 98), line('d', 97)]).map((l) => [
        l.department.id,
        l.rank,
      ]),
    ).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
