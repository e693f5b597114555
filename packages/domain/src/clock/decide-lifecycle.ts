import { InvalidCommand } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ValidClockCommand } from './commands';
import {
  ClockAlreadyStarted,
  CoHandlerAlreadyAnswered,
  StepAlreadyActive,
  UnknownCoHandler,
  UnknownStep,
} from './errors';
import type { ClockEvent } from './events';
import { requireNotStopped, requireRunning } from './guards';
import { isAfter } from './instants';
import type { ClockContext } from './rules';
import { stamped } from './stamp';
import { type ClockState, cardsUp } from './state';
import {
  cardTimers,
  coHandlerTimers,
  limitWorkingMinutes,
  stepDeadline,
  stepTimers,
  workingMinutesBetween,
} from './timers';

/**
 * Reaction to the review's opening: the case's deadlines and their warnings, step 0's timers (the review
 * opens with step 0 active) and each co-handler's.
 */
export function startClock(
  command: ValidClockCommand<'StartClock'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  if (state.status !== 'not_started')
    throw new ClockAlreadyStarted(state.caseNo, state.startedBy.causationEventId);
  const { data, metadata } = command;
  const { now } = metadata;
  const { calendar } = context;
  const steps = data.steps.map((s) => ({
    index: s.index,
    name: s.name,
    limit: s.limit,
    limitWorkingMinutes: limitWorkingMinutes(calendar, s.limit, now),
  }));
  const [first] = steps;
  if (!first) throw new InvalidCommand(['steps: a case has at least one step']);
  return stamped(state, [
    {
      type: 'ClockStarted',
      data: {
        caseNo: data.caseNo,
        itemCode: data.itemCode,
        itemName: data.itemName,
        department: data.department,
        acceptingUnit: data.acceptingUnit,
        category: data.category,
        startedAt: data.startedAt,
        deadlines: { promised: data.promisedDeadline, statutory: data.statutoryDeadline },
        promised: cardTimers(context, data.promisedDeadline, data.startedAt),
        deemedApprovalOnTimeout: data.deemedApprovalOnTimeout,
        deemedApprovalDeadline: data.deemedApprovalDeadline,
        coHandlers: data.coHandlers.map((c) => ({
          ...coHandlerTimers(context, c.department, c.deadline, now),
          silenceIsConsent: c.silenceIsConsent,
        })),
        steps,
        activeStep: stepTimers(context, 0, stepDeadline(calendar, now, first.limitWorkingMinutes), now),
        rules: { ...context.rules },
        causationEventId: data.causationEventId,
        nextDueAt: null,
        at: now,
        by: recordedBy(metadata.actor),
      },
    },
  ]);
}

/**
 * A step passed or returned: the step the review made active starts its turn with its limit less what it
 * already spent (time accumulates across returns); the previous step's timers stop.
 */
export function startStep(
  command: ValidClockCommand<'StartStep'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  const clock = requireRunning(state);
  const { data, metadata } = command;
  const step = clock.steps[data.stepIndex];
  if (!step) throw new UnknownStep(data.stepIndex, clock.steps.length);
  if (clock.activeStep?.stepIndex === step.index) throw new StepAlreadyActive(step.index);
  const remaining = step.limitWorkingMinutes - data.spentWorkingMinutes;
  const deadline = stepDeadline(context.calendar, metadata.now, remaining);
  return stamped(state, [
    {
      type: 'StepStarted',
      data: {
        ...stepTimers(context, step.index, deadline, metadata.now),
        previousStep: clock.activeStep?.stepIndex ?? null,
        spentWorkingMinutes: data.spentWorkingMinutes,
        causationEventId: data.causationEventId,
        nextDueAt: null,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ]);
}

/** A co-handler answered (or was deemed to consent): its reminder and limit no longer fire. */
export function answerCoHandler(
  command: ValidClockCommand<'AnswerCoHandler'>,
  state: ClockState,
): ClockEvent[] {
  const clock = requireRunning(state);
  const { data, metadata } = command;
  const co = clock.coHandlers.find((c) => c.department === data.department);
  if (!co) throw new UnknownCoHandler(data.department);
  if (co.status === 'answered') throw new CoHandlerAlreadyAnswered(co.department, co.answeredAt ?? '');
  return stamped(state, [
    {
      type: 'CoHandlerAnswered',
      data: {
        department: co.department,
        causationEventId: data.causationEventId,
        nextDueAt: null,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ]);
}

/** The case is completed: the clock stops and every card still up is withdrawn (摘牌). */
export function stopClock(
  command: ValidClockCommand<'StopClock'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  const clock = requireNotStopped(state);
  const { data, metadata } = command;
  const recorded = { at: metadata.now, by: recordedBy(metadata.actor) };
  const { calendar } = context;
  // Time in special procedures does not count (Art. 45): neither in what the case took nor in what the
  // promised limit allowed, which the pauses moved later by the same working time.
  const paused =
    clock.pauses.reduce(
      (sum, p) =>
        sum + (p.pausedWorkingMinutes ?? workingMinutesBetween(calendar, p.from, p.to ?? metadata.now)),
      0,
    ) / calendar.minutesPerWorkingDay;
  const round = (days: number) => Math.round(days * 100) / 100;
  return stamped(state, [
    {
      type: 'ClockStopped',
      data: {
        outcome: data.outcome,
        department: clock.department,
        itemCode: clock.itemCode,
        usedWorkingDays: round(
          Math.max(0, calendar.workingDaysBetween(clock.startedAt, metadata.now) - paused),
        ),
        availableWorkingDays: round(
          Math.max(0, calendar.workingDaysBetween(clock.startedAt, clock.deadlines.promised) - paused),
        ),
        onTime: !isAfter(metadata.now, clock.deadlines.promised),
        causationEventId: data.causationEventId,
        nextDueAt: null,
        ...recorded,
      },
    },
    ...cardsUp(clock).map(
      (card): ClockEvent => ({
        type: 'CardWithdrawn',
        data: {
          scope: card.scope,
          ...(card.stepIndex === undefined ? {} : { stepIndex: card.stepIndex }),
          level: card.level,
          deadline: card.deadline,
          reason: 'case_completed',
          answerableDepartment: clock.department,
          nextDueAt: null,
          ...recorded,
        },
      }),
    ),
  ]);
}
