import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { promisedItem, recorded } from '../review/fixtures';
import {
  ClockAlreadyPaused,
  ClockAlreadyStarted,
  ClockNotPaused,
  CoHandlerAlreadyAnswered,
  StepAlreadyActive,
  UnknownCoHandler,
  UnknownStep,
} from './errors';
import { clockStreamName } from './events';
import {
  answer,
  clockDecider,
  day,
  evaluate,
  historyOf,
  justAfter,
  longStep,
  MINUTES_PER_DAY,
  monitoring,
  move,
  pause,
  resume,
  startClock,
  started,
  startStep,
  stop,
  summary,
  T0,
  workingDays,
} from './fixtures';
import { DEFAULT_CLOCK_RULES } from './rules';
import { cardsUp } from './state';

const decider = clockDecider();
const spec = deciderSpec(decider);
const by = recorded(monitoring);

describe('starting the clock (reaction to the review’s opening)', () => {
  it('records the deadlines, every warning instant, and step 0’s timers', () => {
    expect(clockStreamName('C-2026-0001')).toBe('clock-C-2026-0001');
    spec
      .given([])
      .when(startClock())
      .then([
        {
          type: 'ClockStarted',
          data: {
            caseNo: 'C-2026-0001',
            itemCode: promisedItem.code,
            itemName: promisedItem.name,
            department: 'D-MARKET',
            acceptingUnit: 'W-WINDOW',
            category: 'promised',
            startedAt: T0,
            deadlines: { promised: day(10), statutory: day(20) },
            promised: { deadline: day(10), reminderAt: day(9), yellowAt: day(11), redAt: day(12) },
            deemedApprovalOnTimeout: true,
            deemedApprovalDeadline: 'statutory',
            coHandlers: [],
            steps: [
              { index: 0, name: '承办', limit: workingDays(4), limitWorkingMinutes: 4 * MINUTES_PER_DAY },
              { index: 1, name: '审核', limit: workingDays(3), limitWorkingMinutes: 3 * MINUTES_PER_DAY },
              { index: 2, name: '批准', limit: workingDays(3), limitWorkingMinutes: 3 * MINUTES_PER_DAY },
            ],
            activeStep: {
              stepIndex: 0,
              deadline: day(4),
              reminderAt: day(3),
              yellowAt: day(5),
              redAt: day(6),
            },
            rules: { ...DEFAULT_CLOCK_RULES },
            causationEventId: 'evt-review-opened-1',
            nextDueAt: day(3),
            at: T0,
            by,
          },
        },
      ]);
  });

  it('counts the case’s reminder from the clock’s start, and gives none to a limit shorter than its lead', () => {
    // an instant case (即办件): the deadline is the same day, so "one working day before" is already past
    spec
      .given([])
      .when(
        startClock({ category: 'instant', promisedDeadline: day(0.3), statutoryDeadline: day(20) }, day(0.1)),
      )
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({
          promised: { deadline: day(0.3), reminderAt: null, yellowAt: day(1.3), redAt: day(2.3) },
        }),
      );
  });

  it('converts a step limit in natural days to working time once, and records it', () => {
    spec
      .given([])
      .when(startClock({ steps: [{ index: 0, name: '承办', limit: { value: 7, unit: 'natural_days' } }] }))
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({
          steps: [{ limitWorkingMinutes: 7 * MINUTES_PER_DAY }],
          activeStep: { deadline: day(7) },
        }),
      );
  });

  it('starts once; a redelivered reaction recognises its own duplicate', () => {
    spec
      .given(historyOf(decider, [startClock()]))
      .when(startClock({ causationEventId: 'evt-review-opened-again' }))
      .thenThrows(ClockAlreadyStarted, (e) => e.details.causationEventId === 'evt-review-opened-1');
  });
});

describe('step timers (a pass or a return moves the active step)', () => {
  it('starts the next step with its own limit; the previous step’s timers stop', () => {
    const history = historyOf(decider, [startClock()]);
    spec
      .given(history)
      .when(startStep(1, 0, day(2)))
      .then([
        {
          type: 'StepStarted',
          data: {
            stepIndex: 1,
            deadline: day(5),
            reminderAt: day(4),
            yellowAt: day(6),
            redAt: day(7),
            previousStep: 0,
            spentWorkingMinutes: 0,
            causationEventId: `evt-step-${day(2)}`,
            nextDueAt: day(4),
            at: day(2),
            by,
          },
        },
      ]);
    // step 0 would have had its yellow card after day 5: it is no longer active
    spec
      .given(historyOf(decider, [startClock(), startStep(1, 0, day(2))]))
      .when(evaluate(justAfter(day(5))))
      .thenMatches((events) => expect(summary(events)).toEqual([`ReminderIssued step:1 due ${day(4)}`]));
  });

  it('accumulates a step’s time across returns: the new turn has the limit less what was spent', () => {
    // 承办 (4 days) ran 3 days, 审核 returned it on day 4: one day left, so it is due on day 5
    spec
      .given(historyOf(decider, [startClock(), startStep(1, 0, day(3))]))
      .when(startStep(0, 3 * MINUTES_PER_DAY, day(4)))
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({
          stepIndex: 0,
          previousStep: 1,
          spentWorkingMinutes: 3 * MINUTES_PER_DAY,
          deadline: day(5),
          reminderAt: day(4),
          yellowAt: day(6),
          redAt: day(7),
        }),
      );
  });

  it('gives a step that already overran its limit a deadline in the past, so its card comes at once', () => {
    // 4-day limit, 5.5 days spent: overdue by 1.5 days on returning at day 10
    const history = historyOf(decider, [
      startClock({
        steps: [
          ...longStep.map((s) => ({ ...s, limit: workingDays(4) })),
          { index: 1, name: '审核', limit: workingDays(30) },
        ],
      }),
      startStep(1, 0, day(6)),
      startStep(0, 5.5 * MINUTES_PER_DAY, day(10)),
    ]);
    expect(history[2]?.data).toMatchObject({ deadline: day(8.5), reminderAt: null, yellowAt: day(9.5) });
    spec
      .given(history)
      .when(evaluate(justAfter(day(10))))
      .thenMatches((events) =>
        expect(summary(events).filter((s) => s.includes('step'))).toEqual([
          `YellowCardRaised step:0 due ${day(9.5)}`,
        ]),
      );
  });

  it('refuses a step the case does not have, or the step already active', () => {
    spec
      .given(historyOf(decider, [startClock()]))
      .when(startStep(3, 0, day(1)))
      .thenThrows(UnknownStep, (e) => e.details.steps === 3);
    spec
      .given(historyOf(decider, [startClock()]))
      .when(startStep(0, 0, day(1)))
      .thenThrows(StepAlreadyActive);
  });
});

describe('co-handlers answering', () => {
  const joint = startClock({
    category: 'joint',
    coHandlers: [{ department: 'D-FIRE', deadline: day(5), silenceIsConsent: true }],
  });

  it('records the answer; the co-handler’s timers stop', () => {
    spec
      .given(historyOf(decider, [joint]))
      .when(answer('D-FIRE', day(1)))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'CoHandlerAnswered',
            data: {
              department: 'D-FIRE',
              causationEventId: 'evt-answer-D-FIRE',
              nextDueAt: day(3),
              at: day(1),
              by,
            },
          },
        ]);
        expect(started(state).coHandlers[0]).toMatchObject({ status: 'answered', answeredAt: day(1) });
      });
  });

  it('refuses an unknown co-handler and a second answer', () => {
    spec
      .given(historyOf(decider, [joint]))
      .when(answer('D-ENV', day(1)))
      .thenThrows(UnknownCoHandler);
    spec
      .given(historyOf(decider, [joint, answer('D-FIRE', day(1))]))
      .when(answer('D-FIRE', day(2)))
      .thenThrows(CoHandlerAlreadyAnswered, (e) => e.details.answeredAt === day(1));
  });
});

describe('special procedures pause the clock (特别程序)', () => {
  const joint = startClock({
    category: 'joint',
    coHandlers: [
      { department: 'D-FIRE', deadline: day(5), silenceIsConsent: true },
      { department: 'D-ENV', deadline: day(7), silenceIsConsent: false },
    ],
  });

  it('resumes with the review’s deadlines, and moves the active step’s by the working time of the pause', () => {
    spec
      .given(historyOf(decider, [joint, pause(day(2))]))
      .when(resume(day(5), { promised: day(13), statutory: day(23) }, { 'D-FIRE': day(8) }))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ClockResumed',
            data: {
              kind: 'hearing',
              pausedWorkingMinutes: 3 * MINUTES_PER_DAY,
              deadlines: { promised: day(13), statutory: day(23) },
              promised: { deadline: day(13), reminderAt: day(12), yellowAt: day(14), redAt: day(15) },
              coHandlers: [
                { department: 'D-FIRE', deadline: day(8), reminderAt: day(7) },
                // left out by the review: keeps its deadline
                { department: 'D-ENV', deadline: day(7), reminderAt: day(6) },
              ],
              activeStep: {
                stepIndex: 0,
                deadline: day(7),
                reminderAt: day(6),
                yellowAt: day(8),
                redAt: day(9),
              },
              causationEventId: 'evt-hearing-ended',
              nextDueAt: day(6),
              at: day(5),
              by,
            },
          },
        ]);
        const clock = started(state);
        expect(clock.status).toBe('running');
        expect(clock.pauses).toEqual([
          {
            kind: 'hearing',
            from: day(2),
            to: day(5),
            pausedWorkingMinutes: 3 * MINUTES_PER_DAY,
            causationEventId: 'evt-hearing-started',
          },
        ]);
      });
  });

  it('does not repeat a warning issued before the pause: the moved limit is the same limit', () => {
    const history = historyOf(decider, [
      startClock(),
      evaluate(day(3.5)), // step 0's reminder
      pause(day(3.6)),
      resume(day(5.6), { promised: day(12), statutory: day(22) }),
    ]);
    expect(summary(history.slice(1, 2))).toEqual([`ReminderIssued step:0 due ${day(3)}`]);
    // the step's deadline moved from day 4 to day 6, its reminder instant to day 5: already said, not again
    expect(history[3]?.data).toMatchObject({ activeStep: { deadline: day(6), reminderAt: day(5) } });
    spec
      .given(history)
      .when(evaluate(day(6.5)))
      .then([]);
  });

  it('does not repeat the case’s reminder either; the moved deadline passing is new', () => {
    const history = historyOf(decider, [
      startClock({ steps: longStep }),
      evaluate(day(9.5)), // the case's reminder
      pause(day(9.6)),
      // the promised deadline was ahead when the hearing began: moved by its 0.4 days; the statutory too
      resume(day(10), { promised: day(10.4), statutory: day(20.4) }),
    ]);
    expect(summary(history.slice(1, 2))).toEqual([`ReminderIssued case due ${day(9)}`]);
    expect(history[3]?.data).toMatchObject({ promised: { deadline: day(10.4), reminderAt: day(9.4) } });
    spec
      .given(history)
      .when(evaluate(day(10.6)))
      .thenMatches((events) => expect(summary(events)).toEqual([`DeadlinePassed promised due ${day(10.4)}`]));
  });

  it('refuses a second pause, a resume while running, and steps or answers while paused', () => {
    const paused = historyOf(decider, [joint, pause(day(1))]);
    spec
      .given(paused)
      .when(pause(day(2)))
      .thenThrows(ClockAlreadyPaused, (e) => e.details.kind === 'hearing');
    spec
      .given(historyOf(decider, [joint]))
      .when(resume(day(2), { promised: day(10), statutory: day(20) }))
      .thenThrows(ClockNotPaused);
    spec
      .given(paused)
      .when(startStep(1, 0, day(2)))
      .thenThrows(ClockAlreadyPaused);
    spec
      .given(paused)
      .when(answer('D-FIRE', day(2)))
      .thenThrows(ClockAlreadyPaused);
    spec
      .given(paused)
      .when(resume(day(2), { promised: day(11), statutory: day(21) }, { 'D-WATER': day(9) }))
      .thenThrows(UnknownCoHandler, (e) => e.details.department === 'D-WATER');
  });

  it('accepts an extension while paused, and stays silent until resumed', () => {
    spec
      .given(historyOf(decider, [startClock(), pause(day(1))]))
      .when(move(day(2), { promised: day(20), statutory: day(30) }))
      .thenState((state, events) => {
        expect(events[0]?.data).toMatchObject({ deadlines: { promised: day(20) }, nextDueAt: null });
        expect(started(state).status).toBe('paused');
      });
  });
});

describe('extension (延长) moves the deadlines', () => {
  it('withdraws a yellow card the new deadline no longer justifies, and warns afresh for the new one', () => {
    const yellow = historyOf(decider, [startClock({ steps: longStep }), evaluate(justAfter(day(11)))]);
    expect(cardsUp(started(yellow.reduce(decider.evolve, decider.initialState())))).toHaveLength(1);
    const extended = [...yellow];
    spec
      .given(yellow)
      .when(move(day(11.5), { promised: day(20), statutory: day(30) }))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'DeadlinesMoved',
            data: {
              deadlines: { promised: day(20), statutory: day(30) },
              promised: { deadline: day(20), reminderAt: day(19), yellowAt: day(21), redAt: day(22) },
              causationEventId: 'evt-extension-approved',
              nextDueAt: day(19),
              at: day(11.5),
              by,
            },
          },
          {
            type: 'CardWithdrawn',
            data: {
              scope: 'case',
              level: 'yellow',
              deadline: day(10),
              reason: 'deadline_moved',
              answerableDepartment: 'D-MARKET',
              nextDueAt: day(19),
              at: day(11.5),
              by,
            },
          },
        ]);
        const clock = started(state);
        expect(cardsUp(clock)).toEqual([]);
        // the withdrawn card stays in the history
        expect(clock.cards).toMatchObject([
          { level: 'yellow', status: 'withdrawn', withdrawalReason: 'deadline_moved' },
        ]);
        extended.push(...events);
      });
    spec
      .given(extended)
      .when(evaluate(justAfter(day(21))))
      .thenMatches((events) =>
        expect(summary(events)).toEqual([
          `ReminderIssued case due ${day(19)}`,
          `DeadlinePassed promised due ${day(20)}`,
          `YellowCardRaised case due ${day(21)}`,
        ]),
      );
  });

  it('keeps a card still deserved up, and does not raise it twice', () => {
    // red since day 12; one more day (deadline day 11) still leaves the case more than 2 days overdue on day 14
    const moved = historyOf(decider, [
      startClock({ steps: longStep }),
      evaluate(justAfter(day(12))),
      move(day(14), { promised: day(11), statutory: day(21) }),
    ]);
    expect(moved.map((e) => e.type).slice(-2)).toEqual(['RedCardRaised', 'DeadlinesMoved']);
    spec
      .given(moved)
      .when(evaluate(day(15)))
      // the new deadline has passed (a new fact), no reminder is owed for a deadline already behind, no card again
      .thenMatches((events) => expect(summary(events)).toEqual([`DeadlinePassed promised due ${day(11)}`]));
  });

  it('withdraws a red card that the new deadline downgrades; the yellow is then owed for the new deadline', () => {
    spec
      .given(historyOf(decider, [startClock({ steps: longStep }), evaluate(justAfter(day(12)))]))
      .when(move(day(12.5), { promised: day(11), statutory: day(21) }))
      .thenState((state, events) => {
        expect(events.map((e) => e.type)).toEqual(['DeadlinesMoved', 'CardWithdrawn']);
        expect(events[1]?.data).toMatchObject({ level: 'red', reason: 'deadline_moved' });
        // more than one working day past the new deadline (yellow after day 12): due at once
        expect(started(state).nextDueAt).toBe(day(11));
      });
  });
});

describe('stopping the clock (the case is completed)', () => {
  it('records what the case took and what the limit allowed, the special procedure left out of both', () => {
    // A hearing from day 2 to day 4 moved the promised deadline from day 10 to day 12.
    const history = historyOf(decider, [
      startClock(),
      pause(day(2)),
      resume(day(4), { promised: day(12), statutory: day(22) }),
    ]);
    spec
      .given(history)
      .when(stop(day(8), 'decided'))
      .thenState((_state, events) => {
        expect(events[0]?.data).toMatchObject({ usedWorkingDays: 6, availableWorkingDays: 10, onTime: true });
      });
  });

  it('withdraws every card still up, the case’s and each step’s (摘牌)', () => {
    const history = historyOf(decider, [startClock(), evaluate(day(12.5)), startStep(1, 0, day(12.5))]);
    spec
      .given(history)
      .when(stop(day(13), 'decided'))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'ClockStopped',
            data: {
              outcome: 'decided',
              department: 'D-MARKET',
              itemCode: promisedItem.code,
              // 13 days from the start, the promised limit allowed 10: late.
              usedWorkingDays: 13,
              availableWorkingDays: 10,
              onTime: false,
              causationEventId: 'evt-review-decided',
              nextDueAt: null,
              at: day(13),
              by,
            },
          },
          {
            type: 'CardWithdrawn',
            data: {
              scope: 'step',
              stepIndex: 0,
              level: 'red',
              deadline: day(4),
              reason: 'case_completed',
              answerableDepartment: 'D-MARKET',
              nextDueAt: null,
              at: day(13),
              by,
            },
          },
          {
            type: 'CardWithdrawn',
            data: {
              scope: 'case',
              level: 'red',
              deadline: day(10),
              reason: 'case_completed',
              answerableDepartment: 'D-MARKET',
              nextDueAt: null,
              at: day(13),
              by,
            },
          },
        ]);
        const clock = started(state);
        expect(clock.status).toBe('stopped');
        expect(clock.activeStep).toBeNull();
        expect(cardsUp(clock)).toEqual([]);
        // a replay shows every card ever raised and what became of it
        expect(clock.cards.map((c) => `${c.scope}:${c.level}:${c.status}`)).toEqual([
          'step:yellow:superseded',
          'step:red:withdrawn',
          'case:yellow:superseded',
          'case:red:withdrawn',
        ]);
      });
  });

  it('stops with no withdrawal when no card is up', () => {
    spec
      .given(historyOf(decider, [startClock()]))
      .when(stop(day(1), 'withdrawn'))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ClockStopped']));
  });

  it('stops even while paused (a withdrawal or forward-up during a hearing)', () => {
    spec
      .given(historyOf(decider, [startClock(), pause(day(1))]))
      .when(stop(day(2), 'forwarded_up'))
      .thenState((state) => expect(started(state).status).toBe('stopped'));
  });

  it('keeps a late evaluation silent: T0 + 30 days issues nothing', () => {
    spec
      .given(historyOf(decider, [startClock(), stop(day(1))]))
      .when(evaluate(day(30)))
      .then([]);
  });
});

describe('a card raised on one turn of a step stays up when the step moves on', () => {
  it('remains until the case is completed', () => {
    const history = historyOf(decider, [
      startClock(),
      evaluate(justAfter(day(5))),
      startStep(1, 0, day(5.1)),
    ]);
    const clock = started(history.reduce(decider.evolve, decider.initialState()));
    expect(cardsUp(clock)).toMatchObject([{ scope: 'step', stepIndex: 0, level: 'yellow' }]);
    expect(clock.activeStep?.stepIndex).toBe(1);
  });
});
