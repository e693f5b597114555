import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { fold } from '../../shared/decider';
import { InvalidCommand } from '../../shared/errors';
import { NotASupervisor } from '../errors';
import {
  allWorkingTimeCalendar,
  calendar2026,
  commandsFor,
  head,
  monitor,
  recorded,
  supervisor,
  T0,
} from '../fixtures';
import { type MonthlyScoreCommand, monthlyScoreCommandSchemas } from './commands';
import { createScoreDecider } from './decide';
import { MonthNotEnded, ScoreAlreadyLocked } from './errors';
import { MonthlyScoreEvent, scoreStreamName } from './events';
import { DEFAULT_SCORE_RULES, type ScoreCounts } from './scoring';
import type { LockedMonthlyScoreState } from './state';

const spec = deciderSpec(createScoreDecider({ calendar: allWorkingTimeCalendar }));
const command = commandsFor(monthlyScoreCommandSchemas);
const locked = (state: unknown) => state as LockedMonthlyScoreState;

const counts: ScoreCounts = {
  yellow: 3,
  red: 1,
  refusalWithoutReason: 1,
  supervisionOrders: 2,
  dissatisfiedRatings: 1,
};
/** February 2026 of D-MARKET, locked on Monday 2 March. */
const lock = (now = T0, actor = supervisor, data: Partial<MonthlyScoreCommand['data']> = {}) =>
  command('LockMonthlyScore', { department: 'D-MARKET', month: '2026-02', counts, ...data }, actor, now);

const februaryLocked: MonthlyScoreEvent = {
  type: 'MonthlyScoreLocked',
  data: {
    department: 'D-MARKET',
    month: '2026-02',
    counts,
    deductions: {
      yellow: 3,
      red: 1.5,
      refusalWithoutReason: 0.5,
      supervisionOrders: 1,
      dissatisfiedRatings: 1,
    },
    totalDeduction: 7,
    score: 93,
    rules: DEFAULT_SCORE_RULES,
    at: T0,
    by: recorded(supervisor),
  },
};

describe('locking the monthly score (考核锁定)', () => {
  it('records counts, each deduction, the score and the rules used', () => {
    spec
      .given([])
      .when(lock())
      .thenState((state, events) => {
        expect(events).toEqual([februaryLocked]);
        expect(locked(state)).toMatchObject({ status: 'locked', score: 93, lockedAt: T0 });
      });
    expect(scoreStreamName('D-MARKET', '2026-02')).toBe('score-D-MARKET-2026-02');
  });

  it('applies the configured deductions and records them with the score', () => {
    deciderSpec(createScoreDecider({ calendar: allWorkingTimeCalendar, deductions: { yellow: 2 } }))
      .given([])
      .when(lock(T0, supervisor, { note: ' 经审计核定 ' }))
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({
          deductions: { yellow: 6 },
          score: 90,
          rules: { perCount: { yellow: 2, red: 1.5 } },
          note: '经审计核定',
        }),
      );
  });

  it('waits until the month has ended in the centre’s time zone', () => {
    spec
      .given([])
      .when(lock('2026-02-27T08:00:00Z'))
      .thenThrows(MonthNotEnded, (e) => e.details.month === '2026-02' && e.details.today === '2026-02-27');
    spec
      .given([])
      .when(lock(T0, supervisor, { month: '2026-03' }))
      .thenThrows(MonthNotEnded);
    // Shanghai is UTC+8: 16:00 UTC on 28 February is already 1 March there, a second earlier is not
    const real = deciderSpec(createScoreDecider({ calendar: calendar2026 }));
    real.given([]).when(lock('2026-02-28T15:59:59Z')).thenThrows(MonthNotEnded);
    real
      .given([])
      .when(lock('2026-02-28T16:00:00Z'))
      .thenMatches(([e]) => expect(e?.data).toMatchObject({ month: '2026-02', score: 93 }));
  });

  it('is locked once', () => {
    spec
      .given([februaryLocked])
      .when(lock('2026-03-05T02:00:00.000Z'))
      .thenThrows(ScoreAlreadyLocked, (e) => e.details.score === 93 && e.details.month === '2026-02');
  });

  it('keeps the locked value on replay, whatever today’s rules would compute', () => {
    // locked under older, harsher rules: a replay by a decider with the defaults still reads 88
    const underOldRules: MonthlyScoreEvent = {
      type: 'MonthlyScoreLocked',
      data: {
        ...februaryLocked.data,
        deductions: {
          yellow: 6,
          red: 3,
          refusalWithoutReason: 1,
          supervisionOrders: 1,
          dissatisfiedRatings: 1,
        },
        totalDeduction: 12,
        score: 88,
        rules: {
          base: 100,
          perCount: { ...DEFAULT_SCORE_RULES.perCount, yellow: 2, red: 3, refusalWithoutReason: 1 },
        },
      },
    };
    const decider = createScoreDecider({ calendar: allWorkingTimeCalendar });
    expect(locked(fold(decider, [underOldRules]))).toMatchObject({
      score: 88,
      rules: { perCount: { yellow: 2 } },
    });
  });

  it('is the supervisor’s', () => {
    spec.given([]).when(lock(T0, monitor)).thenThrows(NotASupervisor);
    spec.given([]).when(lock(T0, head)).thenThrows(NotASupervisor);
  });

  it('rejects a malformed month or counts as invalid', () => {
    spec
      .given([])
      .when(lock(T0, supervisor, { month: '2026-13' }))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('month'));
    spec
      .given([])
      .when(lock(T0, supervisor, { counts: { ...counts, red: -1 } }))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('counts.red'));
    const unknown = { type: 'UnlockMonthlyScore', data: {}, metadata: { now: T0, actor: supervisor } };
    spec
      .given([februaryLocked])
      .when(unknown as unknown as MonthlyScoreCommand)
      .thenThrows(InvalidCommand);
  });

  it('records an event that matches its published schema', () => {
    const [e] = createScoreDecider({ calendar: allWorkingTimeCalendar }).decide(lock(), { status: 'open' });
    expect(MonthlyScoreEvent.parse(e)).toEqual(e);
  });
});
