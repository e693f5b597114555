import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, recordStringOf } from '../src';
import { READ_CORRELATED_SQL } from '../src/sqlite/statements';
import { event, tempLedger } from './support';

/** readCorrelated on SQLite: served by the expression index, which old ledger files get on open. */
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function newLedger() {
  const ledger = tempLedger();
  ledgers.push(ledger);
  return ledger;
}

const INDEX = 'events_by_correlation';

function withRawDb<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const indexExists = (db: Database.Database) =>
  db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(INDEX) === 1;

describe('readCorrelated on SQLite', () => {
  it('searches the correlation index instead of scanning the log', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    for (let i = 0; i < 50; i++) {
      await store.appendToStream(`application-C${i % 5}`, [
        event('Step', { i }, { correlationId: `C${i % 5}` }),
      ]);
    }
    const plan = withRawDb(ledger.path, (db) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${READ_CORRELATED_SQL}`)
        .all('C1', 1000, -1)
        .map((row) => (row as { detail: string }).detail),
    );
    expect(plan.join('\n')).toMatch(new RegExp(`SEARCH events USING INDEX ${INDEX}`));
    expect(plan.join('\n')).not.toMatch(/SCAN events|USE TEMP B-TREE/);
    expect((await store.readCorrelated('C1')).map((e) => (e.data as { i: number }).i)).toEqual([
      1, 6, 11, 16, 21, 26, 31, 36, 41, 46,
    ]);
  });

  it('adds the index to a ledger written before it existed, when the ledger is opened', async () => {
    const ledger = newLedger();
    const first = ledger.open();
    await first.appendToStream('review-C1', [event('Step', {}, { correlationId: 'C1' })]);
    await first.close();
    withRawDb(ledger.path, (db) => {
      db.exec(`DROP INDEX ${INDEX}`);
      expect(indexExists(db)).toBe(false);
    });
    const reopened = ledger.open();
    expect(withRawDb(ledger.path, indexExists)).toBe(true);
    expect(await reopened.readCorrelated('C1')).toHaveLength(1);
    expect((await reopened.verify()).ok).toBe(true);
  });

  it('gives back events whose record strings recompute every stored hash (recordStringOf)', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await store.appendToStream('application-C1', [
      event(
        'ApplicationSubmitted',
        { 名称: '食品经营许可', n: 1e21, tiny: 5e-324, nested: { '2': 'b', '1': 'a' }, line: 'a\u2028b' },
        {
          correlationId: 'C1',
          channel: 'window',
          reason: '材料齐全',
          causationId: 'cause-1',
          traceContext: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
          actor: { id: 'u-1', name: '王敏', roles: ['clerk'], department: 'huangpu-window' },
        },
      ),
    ]);
    await store.appendToStream('calendar-2026', [event('CalendarYearDefined', { year: 2026 })]);
    await store.appendToStream('review-C1', [event('ReviewOpened', {}, { correlationId: 'C1' })]);
    const all = await store.readAll();
    all.forEach((e, i) => {
      expect(chainHash(i === 0 ? GENESIS_HASH : all[i - 1]!.hash, recordStringOf(e))).toBe(e.hash);
    });
    const stored = withRawDb(ledger.path, (db) =>
      db.prepare('SELECT metadata, data FROM events ORDER BY position').all(),
    ) as { metadata: string; data: string }[];
    all.forEach((e, i) => {
      const record = recordStringOf(e);
      expect(record.endsWith(`\n${stored[i]!.metadata}\n${stored[i]!.data}`)).toBe(true);
    });
  });
});
