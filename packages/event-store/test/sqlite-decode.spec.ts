import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecorded } from '../src';
import { decodeRow } from '../src/sqlite/decode-row';
import { EVENT_COLUMNS, type EventRow, RowIndex } from '../src/sqlite/statements';
import { event, tempLedger } from './support';

/** The read path's decoder builds exactly the event the shared `decodeRecorded` builds from the same row. */
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function storedRows(path: string): EventRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`)
      .raw(true)
      .safeIntegers(true)
      .all() as EventRow[];
  } finally {
    db.close();
  }
}

const viaEncoding = (row: EventRow) =>
  decodeRecorded(
    row[RowIndex.stream],
    row[RowIndex.revision],
    row[RowIndex.position],
    {
      id: row[RowIndex.id],
      type: row[RowIndex.type],
      schemaVersion: Number(row[RowIndex.schemaVersion]),
      occurredAt: row[RowIndex.occurredAt],
      metadataJson: row[RowIndex.metadata],
      dataJson: row[RowIndex.data],
    },
    row[RowIndex.recordedAt],
    row[RowIndex.hash],
  );

describe('decodeRow (SQLite read path)', () => {
  it('gives the same keys, in the same order, with the same values as decodeRecorded', async () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    const store = ledger.open();
    await store.appendToStream('application-1', [
      event('Bare', { n: 1 }),
      event(
        'Full',
        { nested: { list: [1, 'two', null, { three: 3 }] }, text: '说理式 \u2028' },
        {
          actor: { id: 'u-2', name: '王敏', roles: ['clerk', 'reviewer'], department: 'dept-intake' },
          channel: 'window',
          reason: '材料齐全',
          correlationId: '2026-000123',
          causationId: 'cmd-1',
          traceContext: {
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
            tracestate: 'a=b',
          },
          schemaVersion: 3,
        },
      ),
      event('Some', ['an', 'array'], { reason: 'only a reason', causationId: 'cmd-2' }),
    ]);
    const rows = storedRows(ledger.path);
    expect(rows.length).toBe(3);
    for (const row of rows) {
      const fast = decodeRow(row);
      const reference = viaEncoding(row);
      expect(fast).toStrictEqual(reference);
      // A plain object to every observer, though made by a constructor (see decode-row.ts).
      expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
      expect(fast.constructor).toBe(Object);
      expect(Object.keys(fast)).toEqual(Object.keys(reference));
      expect(JSON.stringify(fast, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(
        JSON.stringify(reference, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
      );
    }
    // What the port returns is what decodeRow gives.
    expect(await store.readAll()).toStrictEqual(rows.map(viaEncoding));
    expect(await store.readStream('application-1', { direction: 'backwards' })).toStrictEqual(
      rows.map(viaEncoding).reverse(),
    );
  });
});
