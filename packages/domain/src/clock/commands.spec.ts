import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { SystemActorRequired } from '../review/errors';
import { officer, recorded } from '../review/fixtures';
import { InvalidCommand } from '../shared/errors';
import type { ClockCommand } from './commands';
import { AnomalyAlreadyRecorded, ClockAlreadyStopped, ClockNotStarted, InvalidClockRules } from './errors';
import { ClockEvent } from './events';
import {
  answer,
  clockDecider,
  command,
  day,
  evaluate,
  historyOf,
  monitoring,
  move,
  pause,
  resume,
  startClock,
  startData,
  started,
  startStep,
  stop,
} from './fixtures';

const decider = clockDecider();
const spec = deciderSpec(decider);

const anomaly = (evidenceEventId = 'evt-correction-2', now = day(1)) =>
  command('RecordAnomaly', { rule: 'more_than_one_correction', evidenceEventId, details: { count: 2 } }, now);

/** One of each command that needs a running clock, as the monitoring service would send it. */
const lifecycle: ClockCommand[] = [
  startStep(1, 0, day(2)),
  answer('D-FIRE', day(2)),
  pause(day(2)),
  resume(day(2), { promised: day(10), statutory: day(20) }),
  move(day(2), { promised: day(12), statutory: day(22) }),
  stop(day(2)),
];

describe('who writes the clock', () => {
  it('refuses every command from a person: the monitoring service alone writes it', () => {
    for (const c of [startClock(), ...lifecycle, evaluate(day(2)), anomaly()]) {
      spec
        .given(historyOf(decider, [startClock()]))
        .when({ ...c, metadata: { ...c.metadata, actor: officer } } as ClockCommand)
        .thenThrows(SystemActorRequired, (e) => e.details.command === c.type);
    }
  });
});

describe('the clock’s status', () => {
  it('refuses every command but StartClock and RecordAnomaly before the clock started', () => {
    for (const c of [...lifecycle, evaluate(day(2))]) spec.given([]).when(c).thenThrows(ClockNotStarted);
  });

  it('refuses every command but evaluation and anomalies once stopped', () => {
    const stopped = historyOf(decider, [startClock(), stop(day(1), 'deemed_approved')]);
    for (const c of lifecycle)
      spec
        .given(stopped)
        .when(c)
        .thenThrows(ClockAlreadyStopped, (e) => e.details.outcome === 'deemed_approved');
    spec
      .given(stopped)
      .when(evaluate(day(40)))
      .then([]);
  });
});

describe('malformed commands', () => {
  it('lists every problem of a payload in one InvalidCommand', () => {
    spec
      .given([])
      .when(
        command(
          'StartClock',
          {
            ...startData(),
            startedAt: 'yesterday',
            steps: [{ index: 1, name: '审核', limit: { value: 3, unit: 'working_days' } }],
            coHandlers: [
              { department: 'D-FIRE', deadline: day(5), silenceIsConsent: true },
              { department: 'D-FIRE', deadline: day(6), silenceIsConsent: true },
            ],
          },
          day(0),
        ),
      )
      .thenThrows(InvalidCommand, (e) => {
        const issues = e.details.issues as string[];
        return (
          issues.some((i) => i.startsWith('startedAt')) &&
          issues.some((i) => i.startsWith('steps')) &&
          issues.some((i) => i.startsWith('coHandlers'))
        );
      });
  });

  it('refuses a negative spent time, bad metadata, and an unknown command type', () => {
    spec
      .given(historyOf(decider, [startClock()]))
      .when(startStep(1, -5, day(1)))
      .thenThrows(InvalidCommand);
    spec
      .given(historyOf(decider, [startClock()]))
      .when({ ...evaluate(day(1)), metadata: { now: 'soon', actor: monitoring } })
      .thenThrows(InvalidCommand, (e) => (e.details.issues as string[])[0]?.startsWith('now') === true);
    spec
      .given([])
      .when({
        type: 'RaiseCard',
        data: {},
        metadata: { now: day(1), actor: monitoring },
      } as unknown as ClockCommand)
      .thenThrows(InvalidCommand);
  });

  it('refuses thresholds that make no sense when the decider is built', () => {
    expect(() => clockDecider({ rules: { redAfterWorkingDays: 1 } })).toThrow(InvalidClockRules);
    expect(() => clockDecider({ rules: { reminderWorkingDaysBefore: -1 } })).toThrow(InvalidClockRules);
  });
});

describe('anomalies (异常办件)', () => {
  it('records an anomaly with its evidence', () => {
    spec
      .given([])
      .when(anomaly())
      .then([
        {
          type: 'AnomalyDetected',
          data: {
            rule: 'more_than_one_correction',
            evidenceEventId: 'evt-correction-2',
            details: { count: 2 },
            at: day(1),
            by: recorded(monitoring),
          },
        },
      ]);
  });

  it('records the same rule for the same evidence only once', () => {
    spec
      .given(historyOf(decider, [anomaly()]))
      .when(anomaly('evt-correction-2', day(2)))
      .thenThrows(AnomalyAlreadyRecorded, (e) => e.details.recordedAt === day(1));
    // another piece of evidence is another record
    spec
      .given(historyOf(decider, [anomaly()]))
      .when(anomaly('evt-correction-3', day(2)))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('records before the clock starts (a second correction precedes acceptance) and after it stopped', () => {
    spec
      .given(historyOf(decider, [anomaly(), startClock()]))
      .when(stop(day(3)))
      .thenState((state) => expect(started(state).anomalies).toHaveLength(1));
    spec
      .given(historyOf(decider, [startClock(), stop(day(3))]))
      .when(anomaly('evt-delivered', day(4)))
      .thenState((state) =>
        expect(started(state).anomalies.map((a) => a.evidenceEventId)).toEqual(['evt-delivered']),
      );
  });
});

describe('what the clock records', () => {
  it('records only events that match their schemas and survive a trip through JSON unchanged', () => {
    const history = historyOf(decider, [
      anomaly(),
      startClock({
        category: 'joint',
        coHandlers: [{ department: 'D-FIRE', deadline: day(5), silenceIsConsent: true }],
      }),
      evaluate(day(6.5)),
      startStep(1, 0, day(6.5)),
      pause(day(7)),
      move(day(8), { promised: day(20), statutory: day(30) }),
      resume(day(9), { promised: day(22), statutory: day(32) }),
      answer('D-FIRE', day(9)),
      evaluate(day(40)),
      stop(day(41)),
    ]);
    expect(new Set(history.map((e) => e.type)).size).toBe(ClockEvent.options.length);
    for (const event of history) {
      expect(ClockEvent.parse(event)).toEqual(event);
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    }
    // and a replay from the stored form gives the same state
    const replayed = history.map((e) => ClockEvent.parse(JSON.parse(JSON.stringify(e))));
    expect(replayed.reduce(decider.evolve, decider.initialState())).toEqual(
      history.reduce(decider.evolve, decider.initialState()),
    );
  });
});
