import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { event, tempLedger } from './support';

const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

describe('SQLite ledger: another process holds the write lock', () => {
  it('waits for it without stalling the event loop, gathering the appends, then commits them', async () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    const store = ledger.open();
    await store.appendToStream('application-1', [event()]);
    // Another process (here: another connection) takes the write lock and keeps it.
    const other = new Database(ledger.path);
    other.prepare('BEGIN IMMEDIATE').run();
    const appended = Promise.all(
      Array.from({ length: 5 }, (_, i) => store.appendToStream(`application-${i + 2}`, [event()])),
    );
    // While the appends wait, timers still fire: SQLite's busy handler would have slept on this thread.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    while (ticks < 20) await new Promise((resolve) => setTimeout(resolve, 1));
    clearInterval(ticker);
    expect((await store.head()).position).toBe(1n);
    other.prepare('ROLLBACK').run();
    other.close();
    const results = await appended;
    expect(results.map((r) => r.lastPosition).sort()).toEqual([2n, 3n, 4n, 5n, 6n]);
    expect((await store.verify()).ok).toBe(true);
  });
});
