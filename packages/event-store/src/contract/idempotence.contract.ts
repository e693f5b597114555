import { describe, expect, it } from 'vitest';
import { DuplicateEventId, IdempotencyKeyReused, WrongExpectedRevision } from '../errors';
import { newEvent, readEverything, rejection, type StoreOf, withIds } from './fixtures';

/** Retries store nothing new; concurrent writers never corrupt a stream or the global order. */
export function idempotenceContract(store: StoreOf): void {
  describe('idempotence', () => {
    it('re-appending the same event ids returns the first result, replayed, and stores nothing', async () => {
      const events = withIds(3);
      await store().appendToStream('other-1', [newEvent()]);
      const first = await store().appendToStream('review-2026-000002', events, {
        expectedRevision: 'no_stream',
      });
      const retry = await store().appendToStream('review-2026-000002', events, {
        expectedRevision: 'no_stream',
      });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(first.replayed).toBe(false);
      expect((await readEverything(store())).length).toBe(4);
    });

    it('a retry with expected revision any is also a replay', async () => {
      const events = withIds(2);
      const first = await store().appendToStream('review-2026-000003', events);
      await store().appendToStream('review-2026-000003', [newEvent()]);
      const retry = await store().appendToStream('review-2026-000003', events);
      expect(retry).toEqual({ ...first, replayed: true });
      expect((await store().readStream('review-2026-000003')).length).toBe(3);
    });

    it('an append whose ids partly overlap a stored append is refused with DuplicateEventId', async () => {
      const [a, b] = withIds(2);
      await store().appendToStream('review-2026-000004', [a!]);
      const error = await rejection(store().appendToStream('review-2026-000004', [a!, b!]), DuplicateEventId);
      expect(error.eventId).toBe(a!.id);
      expect((await readEverything(store())).map((e) => e.id)).toEqual([a!.id]);
    });

    it('an event id stored in another stream is refused with DuplicateEventId', async () => {
      const [a] = withIds(1);
      await store().appendToStream('review-2026-000005', [a!]);
      await rejection(store().appendToStream('review-2026-000006', [a!]), DuplicateEventId);
      expect(await store().streamRevision('review-2026-000006')).toBeUndefined();
    });

    it('the same idempotency key and request returns the first result, replayed, and stores nothing', async () => {
      const key = 'cmd-accept-2026-000011';
      const first = await store().appendToStream(
        'application-2026-000011',
        [newEvent('Accepted', { by: 'x' })],
        {
          idempotency: { key },
        },
      );
      // A retried command decides again: new event ids, same content.
      const retry = await store().appendToStream(
        'application-2026-000011',
        [newEvent('Accepted', { by: 'x' })],
        {
          idempotency: { key },
        },
      );
      expect(retry).toEqual({ ...first, replayed: true });
      expect((await readEverything(store())).length).toBe(1);
    });

    it('the same idempotency key with a different request is refused with IdempotencyKeyReused', async () => {
      const key = 'cmd-accept-2026-000012';
      await store().appendToStream('application-2026-000012', [newEvent('Accepted', { by: 'x' })], {
        idempotency: { key },
      });
      const error = await rejection(
        store().appendToStream('application-2026-000012', [newEvent('Declined', { by: 'x' })], {
          idempotency: { key },
        }),
        IdempotencyKeyReused,
      );
      expect(error.key).toBe(key);
      expect((await readEverything(store())).length).toBe(1);
    });

    it('an explicit fingerprint decides what counts as the same request', async () => {
      const idempotency = { key: 'cmd-7', fingerprint: 'request-7' };
      const first = await store().appendToStream('order-7', [newEvent('Opened', { at: 1 })], { idempotency });
      const retry = await store().appendToStream('order-7', [newEvent('Opened', { at: 2 })], { idempotency });
      expect(retry).toEqual({ ...first, replayed: true });
      await rejection(
        store().appendToStream('order-7', [newEvent('Opened', { at: 1 })], {
          idempotency: { key: 'cmd-7', fingerprint: 'request-8' },
        }),
        IdempotencyKeyReused,
      );
      expect((await readEverything(store())).length).toBe(1);
    });
  });

  describe('concurrency', () => {
    it('tells what an idempotency key was used for, so a retry can be answered before deciding again', async () => {
      expect(await store().idempotencyResult('req-unknown')).toBeUndefined();
      const first = await store().appendToStream('review-2026-000020', [newEvent(), newEvent()], {
        idempotency: { key: 'req-20', fingerprint: 'body-20' },
      });
      await store().appendToStream('review-2026-000020', [newEvent()]);
      expect(await store().idempotencyResult('req-20')).toEqual({
        key: 'req-20',
        fingerprint: 'body-20',
        stream: 'review-2026-000020',
        result: { ...first, replayed: true },
      });
    });

    it('of concurrent appends to one stream with the same expected revision, exactly one wins', async () => {
      const stream = 'application-2026-000013';
      await store().appendToStream(stream, [newEvent('Submitted')]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store().appendToStream(stream, [newEvent('Accepted', { writer: i })], { expectedRevision: 0n }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won.length).toBe(1);
      for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0n, 1n]);
    });

    it('many concurrent appends to different streams all land, each once, in one global order', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store().appendToStream(
            `rating-2026-${String(i).padStart(6, '0')}`,
            [newEvent('Rated', { i }), newEvent('Scored', { i })],
            {
              expectedRevision: 'no_stream',
            },
          ),
        ),
      );
      const all = await readEverything(store());
      expect(all.length).toBe(100);
      const positions = all.map((e) => e.position);
      for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
      results.forEach((result, i) => {
        const stream = `rating-2026-${String(i).padStart(6, '0')}`;
        const mine = all.filter((e) => e.stream === stream);
        expect(mine.map((e) => e.position)).toEqual([result.firstPosition, result.lastPosition]);
        expect(mine.map((e) => e.revision)).toEqual([0n, 1n]);
      });
      // No gap: the two events of one append are neighbours in the global log.
      for (const result of results) {
        const index = all.findIndex((e) => e.position === result.firstPosition);
        expect(all[index + 1]?.position).toBe(result.lastPosition);
      }
      const verified = await store().verify();
      expect(verified.ok).toBe(true);
    });
  });
}
