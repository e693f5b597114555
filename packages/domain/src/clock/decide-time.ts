import { recordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import type { ValidClockCommand } from './commands';
import { ClockAlreadyPaused, ClockNotPaused, UnknownCoHandler } from './errors';
import type { CardScope, CardTimers, ClockEvent, ClockEventOf } from './events';
import { applyEvent } from './evolve';
import { requireNotStopped } from './guards';
import { isAfter, sameInstant } from './instants';
import type { ClockContext } from './rules';
import { stamped } from './stamp';
import { type ClockState, cardsUp, runningPause, type StartedClockState } from './state';
import { cardTimers, coHandlerTimers, stepTimers, workingMinutesBetween } from './timers';

/** 特别程序 started: no timer fires until the clock resumes. */
export function pauseClock(command: ValidClockCommand<'PauseClock'>, state: ClockState): ClockEvent[] {
  const clock = requireNotStopped(state);
  const running = runningPause(clock);
  if (running) throw new ClockAlreadyPaused(running.kind);
  const { data, metadata } = command;
  return stamped(state, [
    {
      type: 'ClockPaused',
      data: {
        kind: data.kind,
        causationEventId: data.causationEventId,
        nextDueAt: null,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ]);
}

/**
 * 特别程序 ended. The case and co-handler deadlines are the review's (it recorded them; the clock takes
 * them as given). The active step's deadline moves later by the working time of the pause: the review
 * does not count a special procedure against the step either.
 */
export function resumeClock(
  command: ValidClockCommand<'ResumeClock'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  const clock = requireNotStopped(state);
  const pause = runningPause(clock);
  if (!pause) throw new ClockNotPaused();
  const { data, metadata } = command;
  const { now } = metadata;
  for (const department of Object.keys(data.coHandlerDeadlines)) {
    if (!clock.coHandlers.some((c) => c.department === department)) throw new UnknownCoHandler(department);
  }
  const { calendar } = context;
  const minutes = workingMinutesBetween(calendar, pause.from, now);
  const step = clock.activeStep;
  const stepDeadlineMoved =
    step && minutes > 0 ? calendar.addWorkingMinutes(step.deadline, minutes) : step?.deadline;
  const resumed: ClockEventOf<'ClockResumed'> = {
    type: 'ClockResumed',
    data: {
      kind: pause.kind,
      pausedWorkingMinutes: minutes,
      deadlines: data.deadlines,
      promised: cardTimers(context, data.deadlines.promised, clock.promised.since),
      coHandlers: clock.coHandlers
        .filter((c) => c.status === 'waiting')
        .map((c) =>
          coHandlerTimers(
            context,
            c.department,
            data.coHandlerDeadlines[c.department] ?? c.deadline,
            c.since,
          ),
        ),
      activeStep:
        step && stepDeadlineMoved ? stepTimers(context, step.stepIndex, stepDeadlineMoved, step.since) : null,
      causationEventId: data.causationEventId,
      nextDueAt: null,
      at: now,
      by: recordedBy(metadata.actor),
    },
  };
  return stamped(state, [resumed, ...undeservedCards(clock, resumed, now, ['case', 'step'])]);
}

/**
 * 延长 approved: the deadlines move and the promised deadline's warnings are owed afresh. A card raised
 * for the old deadline stays in the history; if the case is no longer that far overdue under the new
 * deadline, the card is withdrawn (`deadline_moved`), otherwise it stays up (and is not raised twice).
 */
export function moveDeadlines(
  command: ValidClockCommand<'MoveDeadlines'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  const clock = requireNotStopped(state);
  const { data, metadata } = command;
  const { now } = metadata;
  const same = sameInstant(data.deadlines.promised, clock.promised.deadline);
  const moved: ClockEventOf<'DeadlinesMoved'> = {
    type: 'DeadlinesMoved',
    data: {
      deadlines: data.deadlines,
      // A new deadline's timers count from now (a reminder already past is none); the same one keeps its own.
      promised: cardTimers(context, data.deadlines.promised, same ? clock.promised.since : now),
      causationEventId: data.causationEventId,
      nextDueAt: null,
      at: now,
      by: recordedBy(metadata.actor),
    },
  };
  return stamped(state, [moved, ...undeservedCards(clock, moved, now, ['case'])]);
}

const LEVEL = { none: 0, yellow: 1, red: 2 } as const;

/** The card a set of timers deserves at `now`. */
const deserved = (timers: CardTimers, now: Instant): keyof typeof LEVEL =>
  isAfter(now, timers.redAt) ? 'red' : isAfter(now, timers.yellowAt) ? 'yellow' : 'none';

/** Cards up that the moved deadlines no longer justify at `now`: withdrawn with reason `deadline_moved`. */
function undeservedCards(
  clock: StartedClockState,
  move: ClockEventOf<'DeadlinesMoved' | 'ClockResumed'>,
  now: Instant,
  moved: readonly CardScope[],
): ClockEvent[] {
  const after = applyEvent(clock, move);
  if (after.status === 'not_started') return [];
  return cardsUp(after).flatMap((card): ClockEvent[] => {
    if (!moved.includes(card.scope)) return [];
    const timers =
      card.scope === 'case'
        ? after.promised
        : after.activeStep?.stepIndex === card.stepIndex
          ? after.activeStep
          : undefined;
    if (!timers || LEVEL[deserved(timers, now)] >= LEVEL[card.level]) return [];
    return [
      {
        type: 'CardWithdrawn',
        data: {
          scope: card.scope,
          ...(card.stepIndex === undefined ? {} : { stepIndex: card.stepIndex }),
          level: card.level,
          deadline: card.deadline,
          reason: 'deadline_moved',
          answerableDepartment: after.department,
          nextDueAt: null,
          at: now,
          by: move.data.by,
        },
      },
    ];
  });
}
