/**
 * Test fixtures for the review specs (not exported from the package index): a calendar in which every
 * minute is working time, two service items, the people of four departments, and builders for
 * commands and for the events a history is given as. Pure data and functions: it imports no test runner,
 * so it compiles with the package even though only the specs use it.
 */
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ServiceItemVersion } from '../catalogue/service-item';
import { type Actor, systemActor } from '../shared/actor';
import { type RecordedBy, recordedBy } from '../shared/recorded-by';
import type { Instant, TimeLimit } from '../shared/time';
import type { ReviewCommandOf, ReviewCommandType } from './commands';
import { createReviewDecider } from './decide';
import type { ReviewEvent, ReviewEventOf } from './events';
import type { ReviewDeciderContext } from './rules';
import type { OpenReviewState } from './state';

const DAY = 86_400_000;

/** Every minute counts (a working day is 1440 minutes), so expected deadlines are plain date arithmetic. */
export const allWorkingTimeCalendar: WorkingCalendar = {
  timeZone: 'UTC',
  minutesPerWorkingDay: 1440,
  loadedYears: [2026],
  isWorkingDay: () => true,
  localDate: (instant) => new Date(instant).toISOString().slice(0, 10),
  addWorkingDays: (date, n) => new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10),
  deadline: (start: Instant, limit: TimeLimit) => plusDays(start, limit.value),
  workingDaysBetween: (from, to) => (Date.parse(to) - Date.parse(from)) / DAY,
  addWorkingMinutes: (instant, minutes) => new Date(Date.parse(instant) + minutes * 60_000).toISOString(),
};

export const reviewDecider = (context: Partial<ReviewDeciderContext> = {}) =>
  createReviewDecider({ calendar: allWorkingTimeCalendar, ...context });

export const T0 = '2026-03-02T01:00:00.000Z';
export const plusDays = (instant: Instant, days: number): Instant =>
  new Date(Date.parse(instant) + days * DAY).toISOString();
/** T0 plus some hours: the moments of a test's story. */
export const at = (hours: number): Instant => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });

export const promisedItem: ServiceItemVersion = {
  code: '11110000MB0001-001',
  name: '食品经营许可',
  department: 'D-MARKET',
  legalBasis: '《食品安全法》第三十五条',
  category: 'promised',
  statutoryLimit: days(20),
  promisedLimit: days(10),
  materials: [],
  fee: { kind: 'free' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(4) },
    { kind: 'review', name: '审核', role: 'reviewer', limit: days(3) },
    { kind: 'approve', name: '批准', role: 'head', limit: days(3) },
  ],
  deemedApprovalOnTimeout: true,
  coHandlerSilenceIsConsent: false,
  correctionLimit: days(5),
  version: 3,
};

export const jointItem: ServiceItemVersion = {
  ...promisedItem,
  code: '11110000MB0002-001',
  name: '建设工程规划许可',
  department: 'D-PLAN',
  category: 'joint',
  statutoryLimit: days(45),
  promisedLimit: days(30),
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(10) },
    { kind: 'approve', name: '批准', role: 'reviewer', limit: days(5) },
  ],
  joint: {
    leadDepartment: 'D-PLAN',
    coHandlers: [
      { department: 'D-FIRE', limit: days(5) },
      { department: 'D-ENV', limit: days(7) },
    ],
  },
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: true,
  version: 1,
};

const person = (id: string, department: string, ...roles: Actor['roles']): Actor => ({
  id,
  name: `name of ${id}`,
  roles,
  department,
});
export const intake = systemActor('intake');
export const monitoring = systemActor('monitoring');
export const officer = person('u-officer', 'D-MARKET', 'officer');
export const officer2 = person('u-officer2', 'D-MARKET', 'officer');
export const reviewer = person('u-reviewer', 'D-MARKET', 'reviewer');
export const head = person('u-head', 'D-MARKET', 'head');
export const clerk = person('u-clerk', 'D-MARKET', 'clerk');
export const planOfficer = person('u-plan-officer', 'D-PLAN', 'officer');
export const planReviewer = person('u-plan-reviewer', 'D-PLAN', 'reviewer');
export const planHead = person('u-plan-head', 'D-PLAN', 'head');
export const fireOfficer = person('u-fire-officer', 'D-FIRE', 'officer');
export const envReviewer = person('u-env-reviewer', 'D-ENV', 'reviewer');
/** 本级人民政府负责人 (行政许可法 Art. 42): approves a joint case's extension. D-GOV stands for the government. */
export const governmentHead = person('u-gov-head', 'D-GOV', 'government_head');
/** The government of every fixture department (the decider's `governmentOf`). */
export const fixtureGovernmentOf = (department: string): string | undefined =>
  ['D-MARKET', 'D-PLAN', 'D-FIRE', 'D-ENV', 'D-GOV'].includes(department) ? 'D-GOV' : undefined;

export const recorded = (actor: Actor): RecordedBy => recordedBy(actor);

/** The fixtures' people as the directory the decider looks assignees up in (分派). */
export const staffDirectory = (userId: string): Actor | undefined =>
  [
    officer,
    officer2,
    reviewer,
    head,
    clerk,
    planOfficer,
    planReviewer,
    planHead,
    fireOfficer,
    envReviewer,
  ].find((person) => person.id === userId);

/** A command as the service handler would pass it. */
export function command<T extends ReviewCommandType>(
  type: T,
  data: ReviewCommandOf<T>['data'],
  actor: Actor,
  now: Instant,
): ReviewCommandOf<T> {
  return { type, data, metadata: { now, actor } } as ReviewCommandOf<T>;
}

/** The active step passed with a plain opinion. */
export const pass = (stepIndex: number, actor = officer, now = at(1)) =>
  command('CompleteStep', { stepIndex, outcome: 'pass', opinion: '同意' }, actor, now);

/** The head approves at the final step, issuing the food business licence. */
export const approve = (actor = head, now = at(3)) =>
  command(
    'Decide',
    {
      outcome: 'approved',
      opinion: '准予许可',
      certificate: { name: '食品经营许可证', number: 'JY2026-0001' },
    },
    actor,
    now,
  );

/** State after OpenReview, for assertions on its fields. */
export const opened = (state: unknown) => state as OpenReviewState;

type Data<T extends ReviewEvent['type']> = ReviewEventOf<T>['data'];
const event = <T extends ReviewEvent['type']>(type: T, data: Data<T>): ReviewEvent =>
  ({ type, data }) as ReviewEvent;

/** Events, as a history is given. */
export const given = {
  promisedOpened: (): ReviewEvent =>
    event('ReviewOpened', {
      caseNo: 'C-2026-0001',
      item: promisedItem,
      category: 'promised',
      acceptingUnit: 'W-WINDOW',
      acceptedAt: T0,
      deadlines: { promised: plusDays(T0, 10), statutory: plusDays(T0, 20) },
      tasks: [{ taskId: 'main', kind: 'main', department: 'D-MARKET' }],
      causationEventId: 'evt-accepted-1',
      at: T0,
      by: recorded(intake),
    }),
  jointOpened: (): ReviewEvent =>
    event('ReviewOpened', {
      caseNo: 'C-2026-0002',
      item: jointItem,
      category: 'joint',
      acceptingUnit: 'W-WINDOW',
      acceptedAt: T0,
      deadlines: { promised: plusDays(T0, 30), statutory: plusDays(T0, 45) },
      tasks: [
        { taskId: 'main', kind: 'main', department: 'D-PLAN' },
        {
          taskId: 'co:D-FIRE',
          kind: 'co_handler',
          department: 'D-FIRE',
          limit: days(5),
          deadline: plusDays(T0, 5),
        },
        {
          taskId: 'co:D-ENV',
          kind: 'co_handler',
          department: 'D-ENV',
          limit: days(7),
          deadline: plusDays(T0, 7),
        },
      ],
      causationEventId: 'evt-accepted-2',
      at: T0,
      by: recorded(intake),
    }),
  passed: (stepIndex: number, actor: Actor, when: Instant): ReviewEvent =>
    event('ReviewStepPassed', {
      stepIndex,
      nextStep: stepIndex + 1,
      opinion: '同意',
      at: when,
      by: recorded(actor),
    }),
  returned: (stepIndex: number, returnToStep: number, actor: Actor, when: Instant): ReviewEvent =>
    event('ReviewStepReturned', {
      stepIndex,
      returnToStep,
      opinion: '材料不全',
      at: when,
      by: recorded(actor),
    }),
  answered: (
    actor: Actor,
    answer: 'agree' | 'disagree' | 'agree_forward_up',
    when: Instant,
    reason?: string,
  ) =>
    event('JointOpinionAnswered', {
      department: actor.department ?? '',
      answer,
      ...(reason ? { reason } : {}),
      at: when,
      by: recorded(actor),
    }),
  consolidated: (actor: Actor, when: Instant): ReviewEvent =>
    event('JointOpinionsConsolidated', {
      summary: '各部门均同意',
      opinion: '拟同意',
      disagreeing: [],
      forwardUpSuggested: [],
      at: when,
      by: recorded(actor),
    }),
  specialStarted: (actor: Actor, when: Instant): ReviewEvent =>
    event('SpecialProcedureStarted', {
      kind: 'hearing',
      reason: '申请人要求听证',
      at: when,
      by: recorded(actor),
    }),
  decided: (actor: Actor, stepIndex: number, when: Instant): ReviewEvent =>
    event('ReviewDecided', {
      outcome: 'approved',
      stepIndex,
      opinion: '准予许可',
      at: when,
      by: recorded(actor),
    }),
  assigned: (
    taskId: string,
    assignee: Actor | null,
    previous: Actor | null,
    actor: Actor,
    when: Instant,
    reason = '分派',
  ): ReviewEvent =>
    event('TaskAssigned', {
      taskId,
      department: actor.department ?? '',
      assignee: assignee === null ? null : recorded(assignee),
      previous: previous === null ? null : recorded(previous),
      reason,
      at: when,
      by: recorded(actor),
    }),
  extended: (
    actor: Actor,
    workingDays: number,
    when: Instant,
    deadlines: { promised: Instant; statutory: Instant },
  ) =>
    event('ExtensionApproved', { workingDays, reason: '情况复杂', deadlines, at: when, by: recorded(actor) }),
};

/** The promised case with steps 0 and 1 passed: the decision is due. */
export const promisedAtFinalStep = (): ReviewEvent[] => [
  given.promisedOpened(),
  given.passed(0, officer, at(1)),
  given.passed(1, reviewer, at(2)),
];
