import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HASH_ALGORITHMS } from '../crypto-profile';
import { chainHash, GENESIS_HASH, recordStringOf } from '../encoding';
import type { NewEvent } from '../port';
import { newEvent, readEverything, type StoreOf } from './fixtures';

/** What comes back is exactly what went in, in the order asked for. */
export function readContract(store: StoreOf): void {
  describe('envelope', () => {
    it('returns every field of the event as appended, plus revision, position, recordedAt and hash', async () => {
      const full: NewEvent = {
        id: randomUUID(),
        type: 'ApplicationAccepted',
        schemaVersion: 3,
        data: {
          caseNo: '2026-000123',
          items: [{ code: 'A01', 名称: '营业执照' }],
          fee: 0,
          urgent: false,
          note: null,
        },
        occurredAt: '2026-03-02T09:30:15.250+08:00',
        actor: { id: 'u-1001', name: '张三', roles: ['window-clerk', 'reviewer'], department: 'dept-intake' },
        channel: 'window',
        reason: '材料齐全，符合受理条件',
        correlationId: '2026-000123',
        causationId: randomUUID(),
        traceContext: {
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          tracestate: 'docket=1',
        },
      };
      const before = Date.now();
      const result = await store().appendToStream('application-2026-000123', [full]);
      const [fromStream] = await store().readStream('application-2026-000123');
      const [fromAll] = await store().readAll();
      expect(fromAll).toEqual(fromStream);
      const { revision, position, recordedAt, hash, stream, ...rest } = fromStream!;
      expect(rest).toEqual(full);
      expect(stream).toBe('application-2026-000123');
      expect(revision).toBe(0n);
      expect(position).toBe(result.firstPosition);
      expect(typeof position).toBe('bigint');
      expect(Number.isNaN(Date.parse(recordedAt))).toBe(false);
      expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(before - 60_000);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('fills the defaults: a generated uuid id and schema version 1; absent optional fields stay absent', async () => {
      await store().appendToStream('calendar-2026', [
        newEvent(
          'HolidayAdded',
          { day: '2026-10-01' },
          { actor: { id: 'system:monitoring', name: 'monitoring', roles: [] } },
        ),
      ]);
      const [stored] = await store().readStream('calendar-2026');
      expect(stored!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      expect(stored!.schemaVersion).toBe(1);
      expect(stored!.actor).toEqual({ id: 'system:monitoring', name: 'monitoring', roles: [] });
      for (const key of ['channel', 'reason', 'correlationId', 'causationId', 'traceContext'] as const) {
        expect(stored![key]).toBeUndefined();
      }
    });

    it('gives every event its own hash', async () => {
      await store().appendToStream('review-1', [newEvent('A', 1), newEvent('A', 1)]);
      const [a, b] = await store().readStream('review-1');
      expect(a!.hash).not.toBe(b!.hash);
    });
  });

  describe('readStream', () => {
    const stream = 'review-2026-000200';
    const fill = async () => {
      await store().appendToStream('other-1', [newEvent('Noise')]);
      await store().appendToStream(
        stream,
        [0, 1, 2].map((i) => newEvent('Step', { i })),
      );
      await store().appendToStream('other-2', [newEvent('Noise')]);
      await store().appendToStream(
        stream,
        [3, 4].map((i) => newEvent('Step', { i })),
      );
    };
    const revisions = (events: { revision: bigint }[]) => events.map((e) => e.revision);

    it('reads forwards by default, only the stream asked for', async () => {
      await fill();
      const events = await store().readStream(stream);
      expect(revisions(events)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
      expect(events.every((e) => e.stream === stream)).toBe(true);
    });
    it('reads backwards from the end', async () => {
      await fill();
      expect(revisions(await store().readStream(stream, { direction: 'backwards' }))).toEqual([
        4n,
        3n,
        2n,
        1n,
        0n,
      ]);
    });
    it('starts at fromRevision (inclusive) and stops after maxCount', async () => {
      await fill();
      expect(revisions(await store().readStream(stream, { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
      expect(revisions(await store().readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([
        1n,
        2n,
      ]);
      expect(revisions(await store().readStream(stream, { maxCount: 1 }))).toEqual([0n]);
      expect(
        revisions(
          await store().readStream(stream, { direction: 'backwards', fromRevision: 2n, maxCount: 2 }),
        ),
      ).toEqual([2n, 1n]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([
        4n,
        3n,
      ]);
      expect(await store().readStream(stream, { fromRevision: 5n })).toEqual([]);
    });
    it('reads a missing stream as empty, with no revision', async () => {
      await fill();
      expect(await store().readStream('application-2099-999999')).toEqual([]);
      expect(await store().streamRevision('application-2099-999999')).toBeUndefined();
      expect(await store().streamRevision(stream)).toBe(4n);
    });
  });

  describe('readAll', () => {
    const fill = async () => {
      await store().appendToStream('application-1', [newEvent('Submitted'), newEvent('Accepted')]);
      await store().appendToStream('review-1', [newEvent('TaskOpened')]);
      await store().appendToStream('clock-1', [newEvent('ClockStarted')]);
      await store().appendToStream('application-2', [newEvent('Submitted')]);
      await store().appendToStream('review-2', [newEvent('TaskOpened'), newEvent('OpinionGiven')]);
      return readEverything(store());
    };
    const types = (events: { type: string }[]) => events.map((e) => e.type);

    it('reads the whole log in global order', async () => {
      const all = await fill();
      expect(types(all)).toEqual([
        'Submitted',
        'Accepted',
        'TaskOpened',
        'ClockStarted',
        'Submitted',
        'TaskOpened',
        'OpinionGiven',
      ]);
      expect(await store().readAll()).toEqual(all);
    });
    it('starts after a checkpoint (exclusive), stops at upTo (inclusive) and after maxCount', async () => {
      const all = await fill();
      expect(await store().readAll({ after: all[2]!.position })).toEqual(all.slice(3));
      expect(await store().readAll({ upTo: all[2]!.position })).toEqual(all.slice(0, 3));
      expect(await store().readAll({ after: all[0]!.position, upTo: all[3]!.position })).toEqual(
        all.slice(1, 4),
      );
      expect(await store().readAll({ after: all[1]!.position, maxCount: 2 })).toEqual(all.slice(2, 4));
      expect(await store().readAll({ after: all[6]!.position })).toEqual([]);
    });
    it('filters by stream prefix and by event type', async () => {
      const all = await fill();
      const byPrefix = await store().readAll({ filter: { streamPrefixes: ['review-', 'clock-'] } });
      expect(byPrefix).toEqual(
        all.filter((e) => e.stream.startsWith('review-') || e.stream.startsWith('clock-')),
      );
      const byType = await store().readAll({ filter: { eventTypes: ['Submitted', 'OpinionGiven'] } });
      expect(types(byType)).toEqual(['Submitted', 'Submitted', 'OpinionGiven']);
      const both = await store().readAll({
        filter: { streamPrefixes: ['application-'], eventTypes: ['Submitted'] },
      });
      expect(both.map((e) => e.stream)).toEqual(['application-1', 'application-2']);
      const page = await store().readAll({
        after: all[0]!.position,
        maxCount: 2,
        filter: { eventTypes: ['TaskOpened'] },
      });
      expect(page).toEqual([all[2], all[5]]);
    });
    it('reads an empty ledger as empty', async () => {
      expect(await store().readAll()).toEqual([]);
    });
  });

  describe('verify and head', () => {
    it('an empty ledger verifies, with the genesis hash as head', async () => {
      expect(await store().head()).toEqual({ position: undefined, hash: GENESIS_HASH });
      expect(await store().verify()).toEqual({
        ok: true,
        count: 0,
        headPosition: undefined,
        headHash: GENESIS_HASH,
      });
    });
    it('a valid ledger verifies; count and head match head()', async () => {
      for (let i = 0; i < 5; i++)
        await store().appendToStream(`score-dept-${i % 2}-2026-03`, [
          newEvent('Scored', { i }),
          newEvent('Noted'),
        ]);
      const head = await store().head();
      const all = await readEverything(store());
      expect(head.position).toBe(all[9]!.position);
      expect(head.hash).toBe(all[9]!.hash);
      expect(await store().verify()).toEqual({
        ok: true,
        count: 10,
        headPosition: head.position,
        headHash: head.hash,
      });
    });
    it('chains with the hash the ledger names: hash = chainHash(previous, record, hashAlgorithm)', async () => {
      // One stream only: there the global chain (SQLite) and the stream's chain (EventStoreDB) are one.
      await store().appendToStream(
        'order-7',
        [1, 2, 3].map((i) => newEvent('Step', { i })),
      );
      const { hashAlgorithm } = store();
      expect(HASH_ALGORITHMS).toContain(hashAlgorithm);
      let previous = GENESIS_HASH;
      for (const e of await readEverything(store())) {
        expect(e.hash).toBe(chainHash(previous, recordStringOf(e), hashAlgorithm));
        for (const other of HASH_ALGORITHMS.filter((h) => h !== hashAlgorithm))
          expect(e.hash).not.toBe(chainHash(previous, recordStringOf(e), other));
        previous = e.hash;
      }
    });
    it('verifies a range', async () => {
      await store().appendToStream(
        'order-1',
        [1, 2, 3, 4].map((i) => newEvent('Step', { i })),
      );
      const all = await readEverything(store());
      expect(await store().verify({ to: all[1]!.position })).toEqual({
        ok: true,
        count: 2,
        headPosition: all[1]!.position,
        headHash: all[1]!.hash,
      });
      const tail = await store().verify({ from: all[2]!.position });
      expect(tail).toEqual({ ok: true, count: 2, headPosition: all[3]!.position, headHash: all[3]!.hash });
    });
  });
}
