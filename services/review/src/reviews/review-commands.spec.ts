import {
  createReviewDecider,
  createWorkingCalendar,
  fold,
  nationalHolidaySchedules,
  type ReviewCommand,
  type ServiceItemVersion,
  systemActor,
} from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { reviewTarget } from './review-commands';

const steps: ServiceItemVersion['steps'] = [
  { kind: 'handle', name: '承办', role: 'officer', limit: { value: 4, unit: 'working_days' } },
  { kind: 'approve', name: '批准', role: 'head', limit: { value: 3, unit: 'working_days' } },
];

const jointItem: ServiceItemVersion = {
  code: 'PLAN-BP',
  version: 1,
  name: '建设工程规划许可',
  department: 'huangpu-planning',
  legalBasis: '《城乡规划法》第四十条',
  category: 'joint',
  statutoryLimit: { value: 45, unit: 'working_days' },
  promisedLimit: { value: 20, unit: 'working_days' },
  materials: [],
  fee: { kind: 'free' },
  steps,
  joint: {
    leadDepartment: 'huangpu-planning',
    coHandlers: [{ department: 'huangpu-fire', limit: { value: 5, unit: 'working_days' } }],
  },
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  correctionLimit: { value: 5, unit: 'working_days' },
};

const now = '2026-12-01T10:00:00+08:00';
const officer = { id: 'u-officer-xu', name: '徐磊', roles: ['officer' as const], department: 'huangpu-fire' };
const open: ReviewCommand = {
  type: 'OpenReview',
  data: {
    caseNo: '20261201-7K3QXM',
    item: jointItem,
    category: 'joint',
    acceptingUnit: 'huangpu-window',
    promisedDeadline: '2026-12-29T17:30:00+08:00',
    statutoryDeadline: '2027-02-05T17:30:00+08:00',
    acceptedAt: now,
    causationEventId: 'e-1',
  },
  metadata: { now, actor: systemActor('review') },
};

describe('which department a review command is authorised for', () => {
  const decider = createReviewDecider({ calendar: createWorkingCalendar(nationalHolidaySchedules) });
  const opened = fold(decider, decider.decide(open, decider.initialState()));

  it('opening: the lead department of a joint item (the item’s department otherwise)', () => {
    expect(reviewTarget(open, decider.initialState())).toBe('huangpu-planning');
  });

  it('a joint answer: the co-handling department it answers for, not the lead', () => {
    const answer: ReviewCommand = {
      type: 'AnswerJointOpinion',
      data: { department: 'huangpu-fire', answer: 'agree' },
      metadata: { now, actor: officer },
    };
    expect(reviewTarget(answer, opened)).toBe('huangpu-fire');
  });

  it('every other command: the main task’s department; before opening, none (the decider answers)', () => {
    const step: ReviewCommand = {
      type: 'CompleteStep',
      data: { stepIndex: 0, outcome: 'pass', opinion: '同意' },
      metadata: { now, actor: officer },
    };
    expect(reviewTarget(step, opened)).toBe('huangpu-planning');
    expect(reviewTarget(step, decider.initialState())).toBeUndefined();
  });

  it('an assignment (分派): the department of the task it is about', () => {
    const assign = (taskId: string): ReviewCommand => ({
      type: 'AssignTask',
      data: { taskId, assignee: null, reason: '退回部门' },
      metadata: { now, actor: officer },
    });
    expect(reviewTarget(assign('co:huangpu-fire'), opened)).toBe('huangpu-fire');
    expect(reviewTarget(assign('main'), opened)).toBe('huangpu-planning');
    // No such task: the main task's department, and the decider answers UnknownTask.
    expect(reviewTarget(assign('co:huangpu-market'), opened)).toBe('huangpu-planning');
  });
});
