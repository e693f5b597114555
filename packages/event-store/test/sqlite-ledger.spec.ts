import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chainHash,
  EventTooLarge,
  encodeEvent,
  GENESIS_HASH,
  InvalidAppend,
  type NewEvent,
  recordString,
  WrongExpectedRevision,
} from '../src';
import { event, tempLedger } from './support';

const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});
function fresh(options: Parameters<typeof tempLedger>[0] = {}) {
  const ledger = tempLedger(options);
  ledgers.push(ledger);
  return ledger;
}

describe('SQLite ledger', () => {
  it('numbers the global log 1, 2, 3, … without gaps, also when appends of a batch fail', async () => {
    const store = fresh().open();
    await store.appendToStream('application-1', [event()]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        // Every third append conflicts; failed appends must not burn positions.
        store.appendToStream(i % 3 === 0 ? 'application-1' : `review-${i}`, [event('A'), event('B')], {
          expectedRevision: 'no_stream',
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBe(10);
    const all = await store.readAll();
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    expect(all.length).toBe(1 + 20 * 2);
  });

  it('later appends of one group commit see the earlier ones', async () => {
    const store = fresh().open();
    await store.appendToStream('review-1', [event('Opened')]);
    // Issued in the same tick: one transaction, checked in order.
    const [first, second, stale] = await Promise.allSettled([
      store.appendToStream('review-1', [event('Step')], { expectedRevision: 0n }),
      store.appendToStream('review-1', [event('Step')], { expectedRevision: 1n }),
      store.appendToStream('review-1', [event('Step')], { expectedRevision: 0n }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 2n } });
    expect(stale.status).toBe('rejected');
    expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect((stale as PromiseRejectedResult).reason.actual).toBe(2n);
  });

  it('chains every event: hash_n = chainHash(hash_n-1, recordString(stream, revision, encoded, recordedAt))', async () => {
    const store = fresh().open();
    await store.appendToStream('application-1', [
      event('Submitted', { 名称: '营业执照' }, { channel: 'window' }),
    ]);
    await store.appendToStream('review-1', [
      event('Opened', [1, 2]),
      event('Decided', null, { reason: '同意' }),
    ]);
    let previous = GENESIS_HASH;
    for (const e of await store.readAll()) {
      const encoded = encodeEvent(e as NewEvent);
      expect(e.hash).toBe(chainHash(previous, recordString(e.stream, e.revision, encoded, e.recordedAt)));
      previous = e.hash;
    }
    expect((await store.head()).hash).toBe(previous);
  });

  it('stamps recordedAt from the injected clock', async () => {
    const store = fresh({ clock: () => new Date('2026-05-04T03:02:01.000Z') }).open();
    await store.appendToStream('application-1', [event()]);
    expect((await store.readAll())[0]?.recordedAt).toBe('2026-05-04T03:02:01.000Z');
  });

  it('applies a configured event size limit', async () => {
    const store = fresh({ maxEventBytes: 2000 }).open();
    await expect(
      store.appendToStream('application-1', [event('Big', 'x'.repeat(2000))]),
    ).rejects.toBeInstanceOf(EventTooLarge);
    await store.appendToStream('application-1', [event('Small', 'x'.repeat(100))]);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['Small']);
  });

  it('refuses one append that carries the same event id twice', async () => {
    const store = fresh().open();
    const id = '6f1c7a57-5b0e-4e4e-9a57-3f2b8f0c1d2e';
    await expect(
      store.appendToStream('application-1', [event('A', {}, { id }), event('B', {}, { id })]),
    ).rejects.toBeInstanceOf(InvalidAppend);
    expect(await store.readAll()).toEqual([]);
  });

  it('keeps the file in WAL mode, stores hashes as hex text and the head in meta', async () => {
    const ledger = fresh();
    const store = ledger.open();
    await store.appendToStream('application-1', [event(), event()]);
    await store.close();
    const db = new Database(ledger.path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const head = Object.fromEntries(
        (db.prepare(`SELECT key, value FROM meta`).all() as { key: string; value: unknown }[]).map((r) => [
          r.key,
          r.value,
        ]),
      );
      const last = db
        .prepare('SELECT position, hash, typeof(hash) AS t FROM events ORDER BY position DESC LIMIT 1')
        .get();
      expect(head).toMatchObject({ format: 'docket-ledger', version: 1, head_position: 2 });
      expect(last).toEqual({ position: 2, hash: head.head_hash, t: 'text' });
    } finally {
      db.close();
    }
  });

  it('a subscription on one handle sees appends made through another handle (polling)', async () => {
    const ledger = fresh();
    const reader = ledger.open();
    const writer = ledger.open();
    const iterator = reader.subscribeToAll()[Symbol.asyncIterator]();
    const next = iterator.next();
    await writer.appendToStream('application-1', [event('Submitted')]);
    const delivered = await next;
    expect(delivered.done).toBe(false);
    expect(delivered.value?.type).toBe('Submitted');
    await iterator.return?.();
  });

  it('acknowledges an append only once it is committed: another connection already sees it', async () => {
    const ledger = fresh();
    const store = ledger.open();
    const other = new Database(ledger.path, { readonly: true });
    try {
      const count = other.prepare('SELECT count(*) FROM events').pluck();
      const seenAtAck = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.appendToStream(`review-${i}`, [event()]).then(() => count.get() as number),
        ),
      );
      expect(seenAtAck.every((n) => n === 20)).toBe(true);
    } finally {
      other.close();
    }
  });

  it('pages through long histories: subscriptions and filtered reads cross page boundaries', async () => {
    const store = fresh().open();
    for (let i = 0; i < 25; i++) {
      await store.appendToStream(
        `application-${i}`,
        Array.from({ length: 100 }, (_, k) => event(k % 2 ? 'Odd' : 'Even', { i, k })),
      );
    }
    const odd = await store.readAll({ filter: { eventTypes: ['Odd'] } });
    expect(odd.length).toBe(1250);
    expect(odd.every((e, i) => i === 0 || e.position > odd[i - 1]!.position)).toBe(true);
    const afterPage = await store.readAll({ after: 1500n, maxCount: 3, filter: { eventTypes: ['Odd'] } });
    expect(afterPage.map((e) => e.position)).toEqual([1502n, 1504n, 1506n]);
    const subscription = store.subscribeToAll({ after: 100n });
    const positions: bigint[] = [];
    for await (const e of subscription) {
      positions.push(e.position);
      if (positions.length === 2400) break;
    }
    expect(positions).toEqual(Array.from({ length: 2400 }, (_, i) => BigInt(i + 101)));
  });
});
