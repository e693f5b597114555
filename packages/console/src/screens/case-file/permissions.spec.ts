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
});
