import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { recorded } from '../review/fixtures';
import type { ClockEvent } from './events';
import {
  answer,
  clockDecider,
  day,
  evaluate,
  historyOf,
  justAfter,
  longStep,
  monitoring,
  pause,
  startClock,
  started,
  stop,
  summary,
} from './fixtures';

const decider = clockDecider();
const spec = deciderSpec(decider);
const by = recorded(monitoring);

/** A promised case (promised day 10, statutory day 20) whose only step runs 30 days. */
const opened = (overrides: Parameters<typeof startClock>[0] = {}) =>
  historyOf(decider, [startClock({ steps: longStep, ...overrides })]);

describe('reminder → yellow card → red card (提醒 → 黄牌 → 红牌) on the promised deadline', () => {
  it('issues nothing before the reminder, nor at its very instant: a warning is due once now is past it', () => {
    spec
      .given(opened())
      .when(evaluate(day(8)))
      .then([]);
    spec
      .given(opened())
      .when(evaluate(day(9)))
      .then([]);
  });

  it('issues each warning at its instant, in order, and the red card supersedes the yellow', () => {
    let history = opened();
    const next = (now: string) => {
      const events = decider.decide(evaluate(now), history.reduce(decider.evolve, decider.initialState()));
      history = [...history, ...events];
      return events;
    };
    expect(next(justAfter(day(9)))).toEqual([
      {
        type: 'ReminderIssued',
        data: {
          scope: 'case',
          deadline: day(10),
          dueAt: day(9),
          answerableDepartment: 'D-MARKET',
          nextDueAt: day(10),
          at: justAfter(day(9)),
          by,
        },
      },
    ]);
    expect(next(justAfter(day(10)))).toEqual([
      {
        type: 'DeadlinePassed',
        data: {
          which: 'promised',
          deemedApprovalDue: false,
          deadline: day(10),
          dueAt: day(10),
          answerableDepartment: 'D-MARKET',
          nextDueAt: day(11),
          at: justAfter(day(10)),
          by,
        },
      },
    ]);
    expect(next(justAfter(day(11)))).toEqual([
      {
        type: 'YellowCardRaised',
        data: {
          scope: 'case',
          overdueWorkingDays: 1,
          deadline: day(10),
          dueAt: day(11),
          answerableDepartment: 'D-MARKET',
          nextDueAt: day(12),
          at: justAfter(day(11)),
          by,
        },
      },
    ]);
    expect(next(justAfter(day(12)))).toEqual([
      {
        type: 'RedCardRaised',
        data: {
          scope: 'case',
          overdueWorkingDays: 2,
          supersedes: 'yellow',
          deadline: day(10),
          dueAt: day(12),
          answerableDepartment: 'D-MARKET',
          nextDueAt: day(20),
          at: justAfter(day(12)),
          by,
        },
      },
    ]);
    const clock = started(history.reduce(decider.evolve, decider.initialState()));
    expect(clock.cards.map((c) => [c.level, c.status, c.endedAt])).toEqual([
      ['yellow', 'superseded', justAfter(day(12))],
      ['red', 'up', undefined],
    ]);
    expect(clock.warnings.map((w) => w.type)).toEqual([
      'ReminderIssued',
      'DeadlinePassed',
      'YellowCardRaised',
      'RedCardRaised',
    ]);
  });

  it('issues every skipped warning at once when evaluated late, each with the instant it became due', () => {
    spec
      .given(opened())
      .when(evaluate(day(13)))
      .thenState((state, events) => {
        expect(events.map((e) => [e.type, e.data.at, 'dueAt' in e.data && e.data.dueAt])).toEqual([
          ['ReminderIssued', day(13), day(9)],
          ['DeadlinePassed', day(13), day(10)],
          ['YellowCardRaised', day(13), day(11)],
          ['RedCardRaised', day(13), day(12)],
        ]);
        // each records what is due after it; the last one is what a read model keeps
        expect(events.map((e) => 'nextDueAt' in e.data && e.data.nextDueAt)).toEqual([
          day(10),
          day(11),
          day(12),
          day(20),
        ]);
        expect(started(state).nextDueAt).toBe(day(20));
      });
  });

  it('issues nothing twice: a second evaluation at the same instant, or a little later, returns []', () => {
    const evaluated = historyOf(decider, [startClock({ steps: longStep }), evaluate(day(13))]);
    expect(evaluated).toHaveLength(5);
    spec
      .given(evaluated)
      .when(evaluate(day(13)))
      .then([]);
    spec
      .given(evaluated)
      .when(evaluate(day(19)))
      .then([]);
  });

  it('takes its thresholds from the decider’s rules', () => {
    const strict = clockDecider({ rules: { reminderWorkingDaysBefore: 3, yellowAfterWorkingDays: 0.5 } });
    deciderSpec(strict)
      .given(historyOf(strict, [startClock({ steps: longStep })]))
      .when(evaluate(day(12)))
      .thenMatches((events) => {
        expect(summary(events)).toEqual([
          `ReminderIssued case due ${day(7)}`,
          `DeadlinePassed promised due ${day(10)}`,
          `YellowCardRaised case due ${day(10.5)}`,
        ]);
        expect(events[2]?.data).toMatchObject({ overdueWorkingDays: 0.5 });
      });
  });
});

describe('the active step’s own limit', () => {
  it('raises the step’s reminder and cards beside the case’s, in time order', () => {
    // 承办 has 4 days from T0: reminder day 3, yellow day 5, red day 6
    spec
      .given(historyOf(decider, [startClock()]))
      .when(evaluate(day(9.5)))
      .thenMatches((events) =>
        expect(summary(events)).toEqual([
          `ReminderIssued step:0 due ${day(3)}`,
          `YellowCardRaised step:0 due ${day(5)}`,
          `RedCardRaised step:0 due ${day(6)}`,
          `ReminderIssued case due ${day(9)}`,
        ]),
      );
  });
});

describe('deadline passed (for 超时默认)', () => {
  const passed = (events: ClockEvent[]) =>
    events.flatMap((e) => (e.type === 'DeadlinePassed' ? [[e.data.which, e.data.deemedApprovalDue]] : []));

  it('says deemed approval is due only for the deadline it waits for (statutory by default)', () => {
    spec
      .given(opened())
      .when(evaluate(day(21)))
      .thenMatches((events) =>
        expect(passed(events)).toEqual([
          ['promised', false],
          ['statutory', true],
        ]),
      );
  });

  it('follows the promised deadline when the review is configured so', () => {
    spec
      .given(opened({ deemedApprovalDeadline: 'promised' }))
      .when(evaluate(day(21)))
      .thenMatches((events) =>
        expect(passed(events)).toEqual([
          ['promised', true],
          ['statutory', false],
        ]),
      );
  });

  it('never says so for an item without deemed approval on timeout', () => {
    spec
      .given(opened({ deemedApprovalOnTimeout: false, deemedApprovalDeadline: 'promised' }))
      .when(evaluate(day(21)))
      .thenMatches((events) =>
        expect(passed(events)).toEqual([
          ['promised', false],
          ['statutory', false],
        ]),
      );
  });
});

describe('joint co-handlers (协办): reminder and limit passed', () => {
  const joint = {
    category: 'joint' as const,
    steps: longStep,
    coHandlers: [
      { department: 'D-FIRE', deadline: day(5), silenceIsConsent: true },
      { department: 'D-ENV', deadline: day(7), silenceIsConsent: false },
    ],
  };

  it('reminds each co-handler and reports its limit passed, with consent deemed due where silence is consent', () => {
    spec
      .given(historyOf(decider, [startClock(joint)]))
      .when(evaluate(day(8)))
      .thenMatches((events) => {
        expect(summary(events)).toEqual([
          `ReminderIssued D-FIRE due ${day(4)}`,
          `CoHandlerLimitPassed D-FIRE due ${day(5)}`,
          `ReminderIssued D-ENV due ${day(6)}`,
          `CoHandlerLimitPassed D-ENV due ${day(7)}`,
        ]);
        expect(events[0]?.data).toMatchObject({
          scope: 'co_handler',
          department: 'D-FIRE',
          deadline: day(5),
        });
        expect(events[1]?.data).toMatchObject({ consentDeemedDue: true, deadline: day(5) });
        expect(events[3]?.data).toMatchObject({ consentDeemedDue: false, deadline: day(7) });
      });
  });

  it('stops a co-handler’s timers once it answered', () => {
    spec
      .given(historyOf(decider, [startClock(joint), answer('D-FIRE', day(1))]))
      .when(evaluate(day(8)))
      .thenMatches((events) =>
        expect(summary(events)).toEqual([
          `ReminderIssued D-ENV due ${day(6)}`,
          `CoHandlerLimitPassed D-ENV due ${day(7)}`,
        ]),
      );
  });
});

describe('nothing fires while paused or after the clock stopped', () => {
  it('is silent while paused', () => {
    spec
      .given(historyOf(decider, [startClock(), pause(day(1))]))
      .when(evaluate(day(30)))
      .then([]);
  });

  it('is silent once stopped', () => {
    spec
      .given(historyOf(decider, [startClock(), stop(day(1))]))
      .when(evaluate(day(30)))
      .then([]);
  });
});

describe('nextDueAt (for read models without a calendar)', () => {
  it('is the instant after which an evaluation first emits something, after every event', () => {
    const history = historyOf(decider, [
      startClock({
        category: 'joint',
        coHandlers: [{ department: 'D-FIRE', deadline: day(2.5), silenceIsConsent: true }],
      }),
      evaluate(day(3.2)),
      evaluate(day(5.5)),
      evaluate(day(11.1)),
    ]);
    let state = decider.initialState();
    for (const event of history) {
      state = decider.evolve(state, event);
      const clock = started(state);
      expect('nextDueAt' in event.data && event.data.nextDueAt).toBe(clock.nextDueAt);
      const due = clock.nextDueAt;
      if (due === null) continue;
      expect(decider.decide(evaluate(due), state)).toEqual([]);
      const first = decider.decide(evaluate(justAfter(due)), state)[0];
      expect(first?.data).toMatchObject({ dueAt: due });
    }
  });

  it('is null while paused', () => {
    spec
      .given(historyOf(decider, [startClock()]))
      .when(pause(day(1)))
      .thenState((state, events) => {
        expect(events[0]?.data).toMatchObject({ nextDueAt: null });
        expect(started(state).nextDueAt).toBeNull();
      });
  });
});
