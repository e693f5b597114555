/**
 * Test fixtures for the clock specs (not exported from the package index): builders for commands as the
 * monitoring service sends them, on the review's all-working-time calendar (a working day is 1440
 * minutes, so expected instants are plain date arithmetic), and a history builder that runs commands
 * through the decider. Pure data and functions: it imports no test runner.
 */
import { allWorkingTimeCalendar, monitoring, plusDays, promisedItem, T0 } from '../review/fixtures';
import type { Actor } from '../shared/actor';
import type { Instant, TimeLimit } from '../shared/time';
import type { ClockCommand, ClockCommandOf, ClockCommandType } from './commands';
import { type ClockDecider, createClockDecider } from './decide';
import type { ClockEvent } from './events';
import type { ClockDeciderContext } from './rules';
import type { StartedClockState } from './state';

export { monitoring, plusDays, T0 };

export const clockDecider = (context: Partial<ClockDeciderContext> = {}) =>
  createClockDecider({ calendar: allWorkingTimeCalendar, ...context });

/** T0 plus a number of (working = natural) days, fractions allowed. */
export const day = (days: number): Instant => plusDays(T0, days);
/** One minute later: warnings fire once `now` is past their instant. */
export const justAfter = (instant: Instant): Instant => new Date(Date.parse(instant) + 60_000).toISOString();
export const MINUTES_PER_DAY = 1440;

export const workingDays = (value: number): TimeLimit => ({ value, unit: 'working_days' });

/** A command as the monitoring service's handler would pass it. */
export function command<T extends ClockCommandType>(
  type: T,
  data: ClockCommandOf<T>['data'],
  now: Instant,
  actor: Actor = monitoring,
): ClockCommandOf<T> {
  return { type, data, metadata: { now, actor } } as ClockCommandOf<T>;
}

type StartData = ClockCommandOf<'StartClock'>['data'];

/** The food business licence (promised 10, statutory 20; 承办 4 → 审核 3 → 批准 3), opened at T0. */
export const startData = (overrides: Partial<StartData> = {}): StartData => ({
  caseNo: 'C-2026-0001',
  itemCode: promisedItem.code,
  itemName: promisedItem.name,
  department: 'D-MARKET',
  acceptingUnit: 'W-WINDOW',
  category: 'promised',
  startedAt: T0,
  promisedDeadline: day(10),
  statutoryDeadline: day(20),
  deemedApprovalOnTimeout: true,
  deemedApprovalDeadline: 'statutory',
  coHandlers: [],
  steps: promisedItem.steps.map((s, index) => ({ index, name: s.name, limit: s.limit })),
  causationEventId: 'evt-review-opened-1',
  ...overrides,
});

/** One step with a 30-day limit: its warnings stay out of the way of the case's. */
export const longStep = [{ index: 0, name: '承办', limit: workingDays(30) }];

export const startClock = (overrides: Partial<StartData> = {}, now: Instant = T0) =>
  command('StartClock', startData(overrides), now);
export const startStep = (stepIndex: number, spentWorkingMinutes: number, now: Instant) =>
  command('StartStep', { stepIndex, spentWorkingMinutes, causationEventId: `evt-step-${now}` }, now);
export const answer = (department: string, now: Instant) =>
  command('AnswerCoHandler', { department, causationEventId: `evt-answer-${department}` }, now);
export const pause = (now: Instant) =>
  command('PauseClock', { kind: 'hearing', causationEventId: 'evt-hearing-started' }, now);
export const resume = (
  now: Instant,
  deadlines: { promised: Instant; statutory: Instant },
  coHandlerDeadlines: Record<string, Instant> = {},
) => command('ResumeClock', { deadlines, coHandlerDeadlines, causationEventId: 'evt-hearing-ended' }, now);
export const move = (now: Instant, deadlines: { promised: Instant; statutory: Instant }) =>
  command('MoveDeadlines', { deadlines, causationEventId: 'evt-extension-approved' }, now);
export const stop = (now: Instant, outcome: ClockCommandOf<'StopClock'>['data']['outcome'] = 'decided') =>
  command('StopClock', { outcome, causationEventId: 'evt-review-decided' }, now);
export const evaluate = (now: Instant) => command('EvaluateTimers', {}, now);

/** The events a sequence of commands records, each decided on the state the previous ones left. */
export function historyOf(decider: ClockDecider, commands: readonly ClockCommand[]): ClockEvent[] {
  let state = decider.initialState();
  const events: ClockEvent[] = [];
  for (const c of commands) {
    for (const event of decider.decide(c, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return events;
}

/** State after StartClock, for assertions on its fields. */
export const started = (state: unknown) => state as StartedClockState;

/** Type and the fields that say what a warning is about, for compact assertions on an evaluation. */
export const summary = (events: readonly ClockEvent[]) =>
  events.map((e) => {
    const d = e.data as Record<string, unknown>;
    const about =
      d.which ?? d.department ?? (d.stepIndex === undefined ? d.scope : `${d.scope}:${d.stepIndex}`);
    return `${e.type} ${String(about)} due ${String(d.dueAt)}`;
  });
