import { afterEach, describe, expect, it } from 'vitest';
import { type EventFilter, matchesFilter, type RecordedEvent, type Subscription } from '../src';
import { eventually, readEverything, take, within } from '../src/contract/fixtures';
import { MAX_SHARED_LAG, SUBSCRIPTION_PAGE } from '../src/sqlite/shared-reader';
import type { SqliteEventStore } from '../src/sqlite/sqlite-event-store';
import { event, tempLedger } from './support';

/**
 * The SQLite adapter's shared reader: subscriptions near the end of the log share one SELECT per page and
 * one decoded (frozen) RecordedEvent per event; one far behind reads on its own until it reaches them.
 */
const ledgers: ReturnType<typeof tempLedger>[] = [];
const running: Subscription[] = [];
afterEach(async () => {
  for (const subscription of running.splice(0)) await subscription.stop();
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function fresh() {
  const ledger = tempLedger();
  ledgers.push(ledger);
  return ledger;
}

/** Iterates a subscription in the background, keeping what it delivers; `pauseEvery` makes it slow. */
function follow(subscription: Subscription, pauseEvery?: number) {
  running.push(subscription);
  const seen: RecordedEvent[] = [];
  const done = (async () => {
    for await (const e of subscription) {
      seen.push(e);
      if (pauseEvery !== undefined && seen.length % pauseEvery === 0)
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return { subscription, seen, done };
}

const TYPES = ['Submitted', 'Accepted', 'Noted'];
const PREFIXES = ['application-', 'review-', 'clock-'];

/** `count` events over 3 stream categories and 3 types, in appends of 1-3 events by concurrent writers. */
async function appendMixed(store: SqliteEventStore, count: number, writers = 4): Promise<void> {
  let events = 0;
  let appends = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (events < count) {
        const j = appends++;
        const n = Math.min(1 + ((j >> 1) % 3), count - events);
        const first = events;
        events += n;
        const batch = Array.from({ length: n }, (_, k) =>
          event(TYPES[(first + k) % 3], { i: first + k, tags: ['a', 'b'] }, { correlationId: `C${w}` }),
        );
        await store.appendToStream(`${PREFIXES[j % 3]}${w}-${j % 7}`, batch);
      }
    }),
  );
}

function expectedFor(all: RecordedEvent[], after: bigint | undefined, filter: EventFilter | undefined) {
  return all.filter(
    (e) => (after === undefined || e.position > after) && matchesFilter(e.stream, e.type, filter),
  );
}

const ids = (events: RecordedEvent[]) => events.map((e) => e.id);

describe('SQLite subscriptions: the shared reader', { timeout: 30_000 }, () => {
  it('20 subscribers with different filters and checkpoints, while appends go on: each gets exactly its events, once, in order', async () => {
    const store = fresh().open();
    await appendMixed(store, 1200);
    const head = (await store.head()).position!;
    const filters: (EventFilter | undefined)[] = [
      undefined,
      { streamPrefixes: ['application-'] },
      { streamPrefixes: ['review-', 'clock-'] },
      { eventTypes: ['Accepted'] },
      { streamPrefixes: ['application-'], eventTypes: ['Submitted', 'Noted'] },
    ];
    // Far behind (more than a page), a little behind, and at the head.
    const checkpoints = [undefined, 0n, 10n, 600n, head - 3n, head];
    const subscribers = Array.from({ length: 20 }, (_, i) => {
      const filter = filters[i % filters.length];
      const after = checkpoints[i % checkpoints.length];
      // Every fourth one is a slow consumer.
      return {
        filter,
        after,
        ...follow(store.subscribeToAll({ after, filter }), i % 4 === 0 ? 40 : undefined),
      };
    });
    await appendMixed(store, 900);
    const all = await readEverything(store);
    const last = all[all.length - 1]!.position;
    for (const [i, s] of subscribers.entries()) {
      const expected = expectedFor(all, s.after, s.filter);
      await eventually(() => s.seen.length >= expected.length, `subscriber ${i} to receive its events`);
      expect(ids(s.seen), `subscriber ${i}`).toEqual(ids(expected));
      // Its checkpoint passes the events its filter skipped, up to the end of the log.
      await eventually(() => s.subscription.checkpoint === last, `subscriber ${i} to reach the head`);
    }
    // Caught up, every one of them reads through the shared head.
    await eventually(() => store.subscriptionStats().members === 20, 'all 20 to join the shared reader');
    expect(store.subscriptionStats().ownDecodes).toBeGreaterThan(0); // the ones that caught up
    for (const s of subscribers) await s.subscription.stop();
    await within(Promise.all(subscribers.map((s) => s.done)), 'every iteration to end');
    expect(store.subscriptionStats()).toMatchObject({ members: 0, headPosition: undefined });
  });

  it('decodes each event once for all live subscribers, only if some filter wants it, and hands out one frozen object', async () => {
    const store = fresh().open();
    await store.appendToStream('application-0', [event('Submitted')]);
    const head = (await store.head()).position!;
    const filters: EventFilter[] = [
      { streamPrefixes: ['application-'] },
      { streamPrefixes: ['review-'] },
      { eventTypes: ['Accepted'] },
      { eventTypes: ['Submitted', 'Accepted'] },
      { streamPrefixes: ['application-', 'review-'], eventTypes: ['Submitted'] },
    ];
    const subscribers = Array.from({ length: 20 }, (_, i) => {
      const filter = filters[i % filters.length]!;
      return { filter, ...follow(store.subscribeToAll({ after: head, filter })) };
    });
    await eventually(() => store.subscriptionStats().members === 20, 'all 20 to join the shared reader');
    const before = store.subscriptionStats();

    await appendMixed(store, 600);
    const appended = (await readEverything(store)).filter((e) => e.position > head);
    for (const s of subscribers) {
      const expected = expectedFor(appended, head, s.filter);
      await eventually(() => s.seen.length >= expected.length, 'every subscriber to receive its events');
      expect(ids(s.seen)).toEqual(ids(expected));
    }
    const after = store.subscriptionStats();
    // 'Noted' events of clock- streams are wanted by no filter: never decoded.
    const wanted = appended.filter((e) => filters.some((f) => matchesFilter(e.stream, e.type, f)));
    expect(wanted.length).toBeLessThan(appended.length);
    expect(after.sharedDecodes - before.sharedDecodes).toBe(wanted.length);
    expect(after.ownDecodes - before.ownDecodes).toBe(0);
    // One SELECT per round that finds the end of the log, plus one per full page: not one per subscriber.
    const reads = after.sharedReads - before.sharedReads;
    const rounds = after.rounds - before.rounds;
    const fullPages = Math.floor((after.sharedRows - before.sharedRows) / SUBSCRIPTION_PAGE);
    expect(reads).toBeLessThanOrEqual(rounds + 1 + fullPages);

    // Subscribers that got the same event got the same object, frozen through and through.
    const first = subscribers[0]!.seen[0]!;
    const sameEvent = subscribers.slice(1).flatMap((s) => s.seen.filter((e) => e.id === first.id));
    expect(sameEvent.length).toBeGreaterThan(0);
    for (const e of sameEvent) expect(e).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.data)).toBe(true);
    expect(Object.isFrozen((first.data as { tags: string[] }).tags)).toBe(true);
    expect(Object.isFrozen(first.actor.roles)).toBe(true);
    expect(() => {
      (first.data as { i: number }).i = 7;
    }).toThrow(TypeError);
    expect(first).toEqual((await store.readAll({ after: first.position - 1n, maxCount: 1 }))[0]);
  });

  it('a slow consumer holds back nobody; once too far behind it lets go and reads on its own, still exactly once and in order', async () => {
    const store = fresh().open();
    const fast = [
      follow(store.subscribeToAll()),
      follow(store.subscribeToAll({ filter: { eventTypes: ['Noted'] } })),
    ];
    const slow = store.subscribeToAll();
    running.push(slow);
    const slowEvents = slow[Symbol.asyncIterator]();
    const slowFirst = slowEvents.next();
    await eventually(() => store.subscriptionStats().members === 3, 'all three to join the shared reader');
    await store.appendToStream('application-0', [event('Submitted')]);
    const firstEvent = (await within(slowFirst, 'the first event')).value as RecordedEvent;

    // The slow one stops pulling; the log grows by more than the lag a member may have.
    const total = Number(MAX_SHARED_LAG) + 1500;
    for (let i = 0; i < total; i += 500) {
      await store.appendToStream(
        `review-${i}`,
        Array.from({ length: 500 }, (_, k) => event('Noted', { k })),
      );
    }
    const all = await readEverything(store);
    await eventually(() => fast[0]!.seen.length === all.length, 'the fast subscriber to receive everything');
    await eventually(() => fast[1]!.seen.length === total, 'the filtered one to receive its events');
    expect(ids(fast[0]!.seen)).toEqual(ids(all));
    const stats = store.subscriptionStats();
    expect(stats.detachments).toBeGreaterThanOrEqual(1);
    expect(stats.members).toBe(2);

    // It resumes where it was: every event after its first, once, in order.
    const rest = await take(slowEvents, all.length - 1);
    expect(ids([firstEvent, ...rest])).toEqual(ids(all));
    // At the end of the log it joins the shared reader again.
    const pending = slowEvents.next();
    await eventually(() => store.subscriptionStats().members === 3, 'the slow one to join again');
    await store.appendToStream('application-0', [event('Accepted')]);
    expect((await within(pending, 'the next live event')).value?.type).toBe('Accepted');
  });

  it('a subscriber stopped mid-page releases its place; the last one out releases the shared pages', async () => {
    const store = fresh().open();
    const subscriptions = [store.subscribeToAll(), store.subscribeToAll(), store.subscribeToAll()];
    running.push(...subscriptions);
    const iterators = subscriptions.map((s) => s[Symbol.asyncIterator]());
    const pending = iterators.map((it) => it.next());
    await eventually(() => store.subscriptionStats().members === 3, 'all three to join the shared reader');
    await store.appendToStream(
      'review-1',
      Array.from({ length: 600 }, (_, k) => event('Noted', { k })),
    );
    const firsts = await Promise.all(pending);
    expect(firsts.every((r) => r.value?.position === 1n)).toBe(true);
    for (const it of iterators) await take(it, 249); // half-way through the first shared page

    await subscriptions[0]!.stop();
    expect(store.subscriptionStats().members).toBe(2);
    expect((await within(iterators[0]!.next(), 'the stopped iteration to end')).done).toBe(true);
    // Breaking out of a loop (return()) releases it too.
    await iterators[1]!.return?.();
    expect(store.subscriptionStats().members).toBe(1);
    // The one left goes on unhindered.
    const rest = await take(iterators[2]!, 350);
    expect(rest.map((e) => e.position)).toEqual(Array.from({ length: 350 }, (_, i) => BigInt(251 + i)));
    expect(store.subscriptionStats().headPosition).toBe(600n);
    await subscriptions[2]!.stop();
    expect(store.subscriptionStats()).toMatchObject({ members: 0, headPosition: undefined });
  });

  it('a subscription far behind reads its own pages until it reaches the shared head, then shares it', async () => {
    const store = fresh().open();
    await appendMixed(store, 2100);
    const live = follow(store.subscribeToAll({ after: (await store.head()).position }));
    await eventually(() => store.subscriptionStats().members === 1, 'the live one to join');
    const before = store.subscriptionStats();
    const behind = follow(store.subscribeToAll({ after: 0n }));
    const all = await readEverything(store);
    await eventually(() => behind.seen.length === all.length, 'the catch-up to finish');
    expect(ids(behind.seen)).toEqual(ids(all));
    const caughtUp = store.subscriptionStats();
    expect(caughtUp.ownReads - before.ownReads).toBeGreaterThanOrEqual(
      Math.ceil(all.length / SUBSCRIPTION_PAGE),
    );
    expect(caughtUp.ownDecodes - before.ownDecodes).toBe(all.length);
    await eventually(() => store.subscriptionStats().members === 2, 'the caught-up one to join');

    const joined = store.subscriptionStats();
    await store.appendToStream('application-x', [event('Submitted'), event('Accepted')]);
    await eventually(() => live.seen.length === 2 && behind.seen.length === all.length + 2, 'both to see it');
    expect(live.seen[1]).toBe(behind.seen[all.length + 1]);
    const now = store.subscriptionStats();
    expect(now.sharedDecodes - joined.sharedDecodes).toBe(2);
    expect(now.ownDecodes - joined.ownDecodes).toBe(0);
  });

  it('members on one handle see appends made through another handle (polling), with one SELECT per round for all', async () => {
    const ledger = fresh();
    const reader = ledger.open();
    const writer = ledger.open();
    const subscribers = Array.from({ length: 8 }, (_, i) =>
      follow(reader.subscribeToAll({ filter: i % 2 ? { eventTypes: ['Accepted'] } : undefined })),
    );
    await eventually(() => reader.subscriptionStats().members === 8, 'all eight to join');
    const before = reader.subscriptionStats();
    await writer.appendToStream('application-1', [event('Submitted'), event('Accepted')]);
    await eventually(
      () => subscribers.every((s, i) => s.seen.length === (i % 2 ? 1 : 2)),
      'every one to see it',
    );
    await writer.appendToStream('application-1', [event('Accepted')]);
    await eventually(() => subscribers.every((s, i) => s.seen.length === (i % 2 ? 2 : 3)), 'and the next');
    const after = reader.subscriptionStats();
    expect(after.sharedReads - before.sharedReads).toBeLessThanOrEqual(after.rounds - before.rounds + 1);
    expect(after.sharedDecodes - before.sharedDecodes).toBe(3);
  });
});
