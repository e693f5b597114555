import type { Actor, OpenReviewState } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { availableActions } from './permissions';

const officer: Actor = { id: 'u-officer-li', name: '李强', roles: ['officer'], department: 'huangpu-market' };
const reviewer: Actor = {
  id: 'u-reviewer-chen',
  name: '陈静',
  roles: ['reviewer'],
  department: 'huangpu-market',
};
const head: Actor = { id: 'u-head-zhou', name: '周伟', roles: ['head'], department: 'huangpu-market' };
const elsewhere: Actor = {
  id: 'u-head-guo',
  name: '郭建国',
  roles: ['head'],
  department: 'huangpu-planning',
};

const at = '2026-12-07T10:00:00+08:00';
const step = (index: number, role: 'officer' | 'reviewer' | 'head', name: string) => ({
  index,
  kind: (['handle', 'review', 'approve'] as const)[index] ?? 'handle',
  name,
  role,
  limit: { value: 3, unit: 'working_days' as const },
  intervals: [],
  completions: [] as OpenReviewState['main']['steps'][number]['completions'],
});

function reviewAt(activeStep: number): OpenReviewState {
  const steps = [step(0, 'officer', '承办'), step(1, 'reviewer', '审核'), step(2, 'head', '批准')];
  if (activeStep > 0) steps[0]!.completions.push({ outcome: 'pass', opinion: '同意', at, by: officer });
  if (activeStep > 1) steps[1]!.completions.push({ outcome: 'pass', opinion: '同意', at, by: reviewer });
  return {
    status: 'open',
    caseNo: 'C-1',
    item: {} as OpenReviewState['item'],
    category: 'promised',
    acceptingUnit: 'huangpu-window',
    acceptedAt: at,
    openedAt: at,
    openedBy: { causationEventId: 'e' },
    deadlines: { promised: at, statutory: at },
    main: { taskId: 'main', department: 'huangpu-market', status: 'open', activeStep, steps },
    coHandlers: [],
    specialProcedures: [],
    opinions: [],
  };
}

describe('the actions offered on a case', () => {
  it('offers 承办 to the officer, 审核 to the reviewer and the decision to the head, each at their step', () => {
    expect(availableActions(officer, reviewAt(0))).toContain('pass');
    expect(availableActions(reviewer, reviewAt(0))).not.toContain('pass');
    expect(availableActions(reviewer, reviewAt(1))).toEqual(expect.arrayContaining(['pass', 'return']));
    expect(availableActions(head, reviewAt(2))).toEqual(
      expect.arrayContaining(['decide', 'return', 'extend', 'forwardUp']),
    );
  });

  it('shows no decide button to the officer on the head’s step, nor anything to another department', () => {
    expect(availableActions(officer, reviewAt(2))).not.toContain('decide');
    expect(availableActions(officer, reviewAt(2))).not.toContain('pass');
    expect(availableActions(elsewhere, reviewAt(2))).toEqual([]);
  });

  it('offers nothing once the case is decided, and only the end of a running special procedure', () => {
    const decided = { ...reviewAt(2), outcome: { result: 'approved' as const, at, by: head } };
    expect(availableActions(head, decided)).toEqual([]);
    const paused = reviewAt(1);
    paused.specialProcedures.push({
      kind: 'hearing',
      reason: '听证',
      interval: { from: at },
      startedBy: reviewer,
    });
    expect(availableActions(reviewer, paused)).toEqual(['endProcedure']);
  });

  describe('延长 (行政许可法 Art. 42)', () => {
    const governmentHead: Actor = {
      id: 'u-gov-deputy-feng',
      name: '冯志远',
      roles: ['government_head'],
      department: 'huangpu',
    };
    const planningHead: Actor = elsewhere;
    const joint = (): OpenReviewState => ({
      ...reviewAt(0),
      category: 'joint',
      main: { ...reviewAt(0).main, department: 'huangpu-planning' },
    });
    const withStatutory = (state: OpenReviewState, statutory: string): OpenReviewState => ({
      ...state,
      deadlines: { promised: statutory, statutory },
    });
    const before = '2026-12-07T09:00:00+08:00';
    const after = '2026-12-07T11:00:00+08:00';

    it('a joint case: offered to the people’s government head, not to the lead department’s head', () => {
      expect(availableActions(governmentHead, joint())).toEqual(['extend']);
      expect(availableActions(planningHead, joint())).not.toContain('extend');
      expect(availableActions(planningHead, joint())).toContain('forwardUp');
    });

    it('a case of one department: offered to its head, not to the government head', () => {
      expect(availableActions(head, reviewAt(0))).toContain('extend');
      expect(availableActions(governmentHead, reviewAt(0))).toEqual([]);
    });

    it('offered only while the statutory limit runs, and once', () => {
      expect(availableActions(head, withStatutory(reviewAt(0), at), before)).toContain('extend');
      expect(availableActions(head, withStatutory(reviewAt(0), at), at)).toContain('extend');
      expect(availableActions(head, withStatutory(reviewAt(0), at), after)).not.toContain('extend');
      expect(availableActions(governmentHead, withStatutory(joint(), at), after)).toEqual([]);
      // A pause that began before the deadline freezes the time left (Art. 45).
      const paused = withStatutory(reviewAt(0), at);
      paused.specialProcedures.push({
        kind: 'hearing',
        reason: '听证',
        interval: { from: before },
        startedBy: head,
      });
      expect(availableActions(head, paused, after)).toContain('extend');
      const extended = {
        ...reviewAt(0),
        extension: { workingDays: 5, reason: '情况复杂', at, by: head },
      };
      expect(availableActions(head, extended, before)).not.toContain('extend');
    });
  });
});
