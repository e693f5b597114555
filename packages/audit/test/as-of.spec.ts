import {
  createApplicationDecider,
  createClockDecider,
  createComplaintDecider,
  createRatingDecider,
  createReviewDecider,
  createSupervisionOrderDecider,
  createWorkingCalendar,
  fold,
  nationalHolidaySchedules,
} from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsOf, caseStateAsOf, InvalidAsOf } from '../src/as-of';
import { buildLongCase, type LongCase } from './long-case';

const calendar = createWorkingCalendar(nationalHolidaySchedules);
/** Each stream category's decider, as the services build them: the test folds with their evolve. */
const deciders = {
  application: createApplicationDecider({ calendar }),
  review: createReviewDecider({ calendar }),
  clock: createClockDecider({ calendar }),
  complaint: createComplaintDecider({ calendar }),
  order: createSupervisionOrderDecider({ calendar }),
  rating: createRatingDecider({ calendar }),
} as const;

/**
 * The replay by hand: the whole log read in order, this case's events kept by a filter of its own,
 * grouped by stream, each folded with its decider.
 */
function byHand(all: RecordedEvent[], caseNo: string, keep: (e: RecordedEvent) => boolean) {
  const expected = {
    application: null as unknown,
    review: null as unknown,
    clock: null as unknown,
    complaints: {} as Record<string, unknown>,
    orders: {} as Record<string, unknown>,
    rating: null as unknown,
  };
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of all.filter((e) => e.correlationId === caseNo && keep(e))) {
    streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
  }
  for (const [stream, events] of streams) {
    const [category, ...rest] = stream.split('-');
    const id = rest.join('-');
    const decider = deciders[category as keyof typeof deciders];
    const state = fold(decider as never, events.map((e) => ({ type: e.type, data: e.data })) as never);
    if (category === 'complaint') expected.complaints[id] = state;
    else if (category === 'order') expected.orders[id] = state;
    else expected[category as 'application' | 'review' | 'clock' | 'rating'] = state;
  }
  return expected;
}

describe('caseStateAsOf: the case at ten past moments equals the replay by hand', () => {
  let c: LongCase;
  let all: RecordedEvent[];

  beforeAll(async () => {
    c = await buildLongCase();
    all = await c.ledger.readAll();
  }, 60_000);
  afterAll(async () => c.close());

  const stateAt = async (at: AsOf) => caseStateAsOf(c.ledger, c.caseNo, at);
  const keepFor = (at: AsOf) =>
    'position' in at
      ? (e: RecordedEvent) => e.position <= at.position
      : (e: RecordedEvent) => Date.parse(e.occurredAt) <= Date.parse(at.instant);

  /** The ten moments, each with what the auditor should see there besides equality with the replay. */
  const moments: [string, () => AsOf, (s: Awaited<ReturnType<typeof stateAt>>) => void][] = [
    ['position 0: before anything', () => ({ position: 0n }), (s) => expect(s.application).toBeNull()],
    [
      'the position of the correction notice',
      () => ({ position: c.at('correction requested').position }),
      (s) => {
        expect(s.application).toMatchObject({ status: 'correction_requested' });
        expect(s.review).toBeNull();
        expect(s.clock).toBeNull();
      },
    ],
    [
      'the position of the return',
      () => ({ position: c.at('returned').position }),
      (s) => {
        expect(s.review).toMatchObject({ status: 'open', main: { activeStep: 0 } });
        expect(s.clock).toMatchObject({ status: 'running', cards: [] });
      },
    ],
    [
      'the position of the red card',
      () => ({ position: c.at('red card').position }),
      (s) => {
        const cards = s.clock?.status === 'not_started' ? [] : (s.clock?.cards ?? []);
        expect(cards.map((card) => [card.level, card.status])).toEqual([
          ['yellow', 'superseded'],
          ['red', 'up'],
        ]);
        expect(s.complaints).toEqual({});
      },
    ],
    [
      'the position of the hearing’s start',
      () => ({ position: c.at('hearing started').position }),
      (s) => {
        expect(s.clock).toMatchObject({ status: 'paused' });
        expect(s.complaints[c.complaintId]).toMatchObject({ status: 'accepted' });
      },
    ],
    [
      'an instant before the first submission',
      () => ({ instant: '2026-03-02T09:29:59.999+08:00' }),
      (s) => expect([s.application, s.review, s.clock, s.rating]).toEqual([null, null, null, null]),
    ],
    [
      'the exact instant of acceptance (inclusive)',
      () => ({ instant: '2026-03-04T11:00:00+08:00' }),
      (s) => {
        expect(s.application).toMatchObject({ status: 'accepted' });
        expect(s.clock).toMatchObject({ status: 'running' });
      },
    ],
    [
      'an instant during the hearing, in UTC',
      () => ({ instant: '2026-03-17T04:00:00Z' }),
      (s) => expect(s.review).toMatchObject({ specialProcedures: [{ kind: 'hearing' }] }),
    ],
    [
      'an instant a millisecond before the decision',
      () => ({ instant: '2026-03-19T16:29:59.999+08:00' }),
      (s) => {
        expect(s.review).toMatchObject({ status: 'open', main: { activeStep: 2 } });
        expect(s.application).toMatchObject({ status: 'accepted' });
      },
    ],
    [
      'an instant after the rating',
      () => ({ instant: '2026-12-31T00:00:00+08:00' }),
      (s) => {
        expect(s.application).toMatchObject({ status: 'delivered' });
        expect(s.clock).toMatchObject({ status: 'stopped' });
        expect(s.rating).toMatchObject({ status: 'rated' });
      },
    ],
  ];

  it.each(moments)('%s', async (_name, moment, sees) => {
    const at = moment();
    const state = await stateAt(at);
    const { caseNo, asOf, ...states } = state;
    expect(caseNo).toBe(c.caseNo);
    expect(states).toEqual(byHand(all, c.caseNo, keepFor(at)));
    sees(state);
  });

  it('says which moment it answers: the position asked, or the instant and the last position it counted', async () => {
    const returned = c.at('returned').position;
    expect((await stateAt({ position: returned })).asOf).toEqual({ position: returned });
    const mine = all.filter((e) => e.correlationId === c.caseNo);
    const accepted = mine.filter((e) => e.occurredAt === '2026-03-04T11:00:00+08:00').at(-1)!;
    expect((await stateAt({ instant: '2026-03-04T11:00:00+08:00' })).asOf).toEqual({
      instant: '2026-03-04T11:00:00+08:00',
      position: accepted.position,
    });
    expect((await stateAt({ instant: '2026-03-01T00:00:00+08:00' })).asOf.position).toBeNull();
  });

  it('leaves out the other case running alongside', async () => {
    const other = await caseStateAsOf(c.ledger, c.other, { position: c.at('rated').position });
    expect(other.application).toMatchObject({ status: 'accepted' });
    expect(other.complaints).toEqual({});
    expect(other.rating).toBeNull();
  });

  it('refuses a moment it cannot place', async () => {
    for (const at of [
      { position: -1n },
      { instant: '2026-03-04 11:00' },
      { instant: '2026-03-04T11:00:00' },
    ]) {
      await expect(stateAt(at as AsOf)).rejects.toBeInstanceOf(InvalidAsOf);
    }
  });
});
