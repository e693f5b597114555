import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EventTooLarge, InvalidAppend, WrongExpectedRevision } from '../errors';
import type { ExpectedRevision, NewEvent } from '../port';
import { clerk, newEvent, readEverything, rejection, type StoreOf } from './fixtures';

/** Appending: atomicity, optimistic concurrency, validation. */
export function appendContract(store: StoreOf): void {
  describe('append', () => {
    it('appends one event to a new stream and reports where it landed', async () => {
      const result = await store().appendToStream('application-2026-000001', [newEvent()], {
        expectedRevision: 'no_stream',
      });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(result.firstPosition).toBe(result.lastPosition);
      expect(result.replayed).toBe(false);
      const [stored] = await store().readStream('application-2026-000001');
      expect(stored?.position).toBe(result.firstPosition);
      expect(await store().streamRevision('application-2026-000001')).toBe(0n);
    });

    it('appends many events at once, with contiguous revisions from 0 and increasing positions', async () => {
      const events = [newEvent('A', 1), newEvent('B', 2), newEvent('C', 3)];
      const result = await store().appendToStream('review-2026-000001', events);
      const stored = await store().readStream('review-2026-000001');
      expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(stored.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(stored[0]!.position).toBe(result.firstPosition);
      expect(stored[2]!.position).toBe(result.lastPosition);
      expect(stored[0]!.position < stored[1]!.position && stored[1]!.position < stored[2]!.position).toBe(
        true,
      );
      expect(result.nextExpectedRevision).toBe(2n);
      const next = await store().appendToStream('review-2026-000001', [newEvent('D')], {
        expectedRevision: 2n,
      });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(next.firstPosition > result.lastPosition).toBe(true);
    });

    describe('expected revision', () => {
      const cases: [string, ExpectedRevision, 'missing' | 'at1', boolean][] = [
        ['any on a missing stream', 'any', 'missing', true],
        ['any on an existing stream', 'any', 'at1', true],
        ['no_stream on a missing stream', 'no_stream', 'missing', true],
        ['no_stream on an existing stream', 'no_stream', 'at1', false],
        ['stream_exists on a missing stream', 'stream_exists', 'missing', false],
        ['stream_exists on an existing stream', 'stream_exists', 'at1', true],
        ['the exact revision', 1n, 'at1', true],
        ['a stale revision', 0n, 'at1', false],
        ['a revision ahead of the stream', 2n, 'at1', false],
        ['a revision on a missing stream', 0n, 'missing', false],
      ];
      for (const [name, expected, given, accepted] of cases) {
        it(`${accepted ? 'accepts' : 'refuses'} ${name}`, async () => {
          const stream = 'clock-2026-000007';
          if (given === 'at1') await store().appendToStream(stream, [newEvent('A'), newEvent('B')]);
          const before = (await store().readStream(stream)).length;
          const append = store().appendToStream(stream, [newEvent('C')], { expectedRevision: expected });
          if (accepted) {
            const result = await append;
            expect(result.nextExpectedRevision).toBe(given === 'at1' ? 2n : 0n);
          } else {
            const error = await rejection(append, WrongExpectedRevision);
            expect(error.stream).toBe(stream);
            expect(error.actual).toBe(given === 'at1' ? 1n : undefined);
            expect(error.expected).toBe(typeof expected === 'bigint' ? expected.toString() : expected);
            expect((await store().readStream(stream)).length).toBe(before);
          }
        });
      }
      it('defaults to any', async () => {
        await store().appendToStream('clock-2026-000008', [newEvent()]);
        const result = await store().appendToStream('clock-2026-000008', [newEvent()]);
        expect(result.nextExpectedRevision).toBe(1n);
      });
    });

    describe('refuses a malformed append with InvalidAppend and stores nothing', () => {
      const bad: [string, string, () => NewEvent[], unknown][] = [
        ['an unknown expected-revision form', 'case-1', () => [newEvent()], 'latest'],
        ['a negative expected revision', 'case-1', () => [newEvent()], -1n],
        ['a fractional expected revision', 'case-1', () => [newEvent()], 1.5],
        ['an empty stream name', '', () => [newEvent()], 'any'],
        ['a $-prefixed stream name', '$all', () => [newEvent()], 'any'],
        ['a stream name with a space', 'application 1', () => [newEvent()], 'any'],
        ['a stream name of 201 characters', 'a'.repeat(201), () => [newEvent()], 'any'],
        ['an empty event type', 'case-1', () => [newEvent('')], 'any'],
        ['an event type with a space', 'case-1', () => [newEvent('Case Accepted')], 'any'],
        ['an event type starting with a digit', 'case-1', () => [newEvent('1Accepted')], 'any'],
        ['an id that is not a uuid', 'case-1', () => [newEvent('A', {}, { id: 'evt-1' })], 'any'],
        [
          'a missing actor',
          'case-1',
          () => [{ ...newEvent(), actor: undefined } as unknown as NewEvent],
          'any',
        ],
        [
          'an actor without roles',
          'case-1',
          () => [newEvent('A', {}, { actor: { id: 'u', name: 'n' } as typeof clerk })],
          'any',
        ],
        [
          'occurredAt without a time',
          'case-1',
          () => [newEvent('A', {}, { occurredAt: '2026-03-02' })],
          'any',
        ],
        [
          'occurredAt without an offset',
          'case-1',
          () => [newEvent('A', {}, { occurredAt: '2026-03-02T09:30:00' })],
          'any',
        ],
        [
          'occurredAt that is not a date',
          'case-1',
          () => [newEvent('A', {}, { occurredAt: 'yesterday' })],
          'any',
        ],
        ['no events', 'case-1', () => [], 'any'],
        ['a bad second event (the first is valid)', 'case-1', () => [newEvent('A'), newEvent('B c')], 'any'],
      ];
      for (const [name, stream, events, expectedRevision] of bad) {
        it(name, async () => {
          await rejection(
            store().appendToStream(stream, events(), {
              expectedRevision: expectedRevision as ExpectedRevision,
            }),
            InvalidAppend,
          );
          expect(await readEverything(store())).toEqual([]);
        });
      }
    });

    it('refuses an event over 1 MiB with EventTooLarge, and nothing of its append is stored', async () => {
      const big = 'x'.repeat(1024 * 1024 + 1);
      const error = await rejection(
        store().appendToStream('application-2026-000009', [newEvent('Small'), newEvent('Attachment', big)]),
        EventTooLarge,
      );
      expect(error.eventType).toBe('Attachment');
      expect(error.bytes > 1024 * 1024).toBe(true);
      expect(await store().streamRevision('application-2026-000009')).toBeUndefined();
      expect(await readEverything(store())).toEqual([]);
    });

    it('accepts an event just under the limit', async () => {
      const data = 'x'.repeat(1000 * 1024);
      await store().appendToStream('application-2026-000010', [newEvent('Attachment', data)]);
      const [stored] = await store().readStream('application-2026-000010');
      expect(stored?.data).toBe(data);
    });

    it('when one append of several fails, the others are stored and it writes nothing', async () => {
      await store().appendToStream('order-1', [newEvent()]);
      const outcomes = await Promise.allSettled([
        store().appendToStream('order-2', [newEvent('A'), newEvent('B')]),
        store().appendToStream('order-1', [newEvent('X'), newEvent('Y')], { expectedRevision: 'no_stream' }),
        store().appendToStream('order-3', [newEvent('C')]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await readEverything(store())).map((e) => e.type).sort()).toEqual([
        'A',
        'ApplicationSubmitted',
        'B',
        'C',
      ]);
    });

    it('keeps caller-chosen ids', async () => {
      const id = randomUUID();
      await store().appendToStream('complaint-1', [newEvent('ComplaintFiled', {}, { id })]);
      expect((await store().readStream('complaint-1'))[0]?.id).toBe(id);
    });
  });
}
