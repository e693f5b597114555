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
  substantiatedComplaints: 0,
  deemedApprovals: 0,
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
      substantiatedComplaints: 0,
      deemedApprovals: 0,
    },
    totalDeduction: 7,
    score: 93,
    rules: DEFAULT_SCORE_RULES,
    refs: { substantiatedComplaints: [], deemedApprovals: [] },
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

  it('deducts 2 per substantiated complaint and 2 per deemed approval by default, naming each', () => {
    const itemised = {
      counts: { ...counts, substantiatedComplaints: 2, deemedApprovals: 1 },
      refs: {
        substantiatedComplaints: ['TS-20260210-7K3QXM', 'TS-20260219-Q2W8RT'],
        deemedApprovals: ['HP20260203000042'],
      },
    };
    spec
      .given([])
      .when(lock(T0, supervisor, itemised))
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({
          counts: itemised.counts,
          refs: itemised.refs,
          deductions: { substantiatedComplaints: 4, deemedApprovals: 2 },
          totalDeduction: 13,
          score: 87,
          rules: { perCount: { substantiatedComplaints: 2, deemedApprovals: 2 } },
        }),
      );
  });

  it('takes the configured points for substantiated complaints and deemed approvals', () => {
    deciderSpec(
      createScoreDecider({
        calendar: allWorkingTimeCalendar,
        deductions: { substantiatedComplaints: 3, deemedApprovals: 2.5 },
      }),
    )
      .given([])
      .when(
        lock(T0, supervisor, {
          counts: { ...counts, substantiatedComplaints: 1, deemedApprovals: 2 },
          refs: {
            substantiatedComplaints: ['TS-20260210-7K3QXM'],
            deemedApprovals: ['HP20260203000042', 'HP20260205000007'],
          },
        }),
      )
      .thenMatches(([e]) =>
        expect(e?.data).toMatchObject({
          deductions: { substantiatedComplaints: 3, deemedApprovals: 5 },
          totalDeduction: 15,
          score: 85,
          rules: { perCount: { substantiatedComplaints: 3, deemedApprovals: 2.5, yellow: 1 } },
        }),
      );
  });

  it('names as many complaints and cases as it counts, each once', () => {
    spec
      .given([])
      .when(lock(T0, supervisor, { counts: { ...counts, deemedApprovals: 1 } }))
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('refs.deemedApprovals'));
    spec
      .given([])
      .when(
        lock(T0, supervisor, {
          counts: { ...counts, substantiatedComplaints: 2 },
          refs: {
            substantiatedComplaints: ['TS-20260210-7K3QXM', 'TS-20260210-7K3QXM'],
            deemedApprovals: [],
          },
        }),
      )
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('refs.substantiatedComplaints'));
    spec
      .given([])
      .when(
        lock(T0, supervisor, {
          refs: { substantiatedComplaints: ['TS-20260210-7K3QXM'], deemedApprovals: [] },
        }),
      )
      .thenThrows(InvalidCommand, (e) => String(e.details.issues).includes('refs.substantiatedComplaints'));
  });

  it('keeps a month locked before complaints and deemed approvals were scored as it was locked', () => {
    // The event as it was recorded then: five kinds, no refs.
    const lockedBefore = {
      type: 'MonthlyScoreLocked',
      data: {
        department: 'D-MARKET',
        month: '2026-02',
        counts: { yellow: 3, red: 1, refusalWithoutReason: 1, supervisionOrders: 2, dissatisfiedRatings: 1 },
        deductions: {
          yellow: 3,
          red: 1.5,
          refusalWithoutReason: 0.5,
          supervisionOrders: 1,
          dissatisfiedRatings: 1,
        },
        totalDeduction: 7,
        score: 93,
        rules: {
          base: 100,
          perCount: {
            yellow: 1,
            red: 1.5,
            refusalWithoutReason: 0.5,
            supervisionOrders: 0.5,
            dissatisfiedRatings: 1,
          },
        },
        at: T0,
        by: recorded(supervisor),
      },
    };
    const parsed = MonthlyScoreEvent.parse(lockedBefore);
    expect(parsed).toEqual(lockedBefore);
    const state = locked(fold(createScoreDecider({ calendar: allWorkingTimeCalendar }), [parsed]));
    expect(state).toMatchObject({ score: 93, totalDeduction: 7 });
    expect(state.counts.deemedApprovals).toBeUndefined();
    expect(state.rules.perCount.substantiatedComplaints).toBeUndefined();
    expect(state.refs).toBeUndefined();
    spec.given([parsed]).when(lock('2026-03-05T02:00:00.000Z')).thenThrows(ScoreAlreadyLocked);
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
