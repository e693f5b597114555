import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { NotALedger } from '../src';
import { event, tempLedger } from './support';

/**
 * Tamper evidence: someone edits the file behind the adapter's back (raw SQL); verify() must name
 * the first position that no longer matches.
 */
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

/** Ten events, positions 1..10, over three streams; the store is closed afterwards. */
async function ledgerWithTenEvents() {
  const ledger = tempLedger();
  ledgers.push(ledger);
  const store = ledger.open();
  for (let i = 0; i < 10; i++) {
    await store.appendToStream(`application-2026-00000${i % 3}`, [event('Step', { i, note: `第${i}步` })]);
  }
  expect((await store.verify()).ok).toBe(true);
  await store.close();
  return ledger;
}

function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

describe('verify names the first tampered position', () => {
  it('one flipped byte in one event’s data: hash mismatch at that position', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) => {
      const data = db.prepare('SELECT data FROM events WHERE position = 4').pluck().get() as string;
      const flipped = data.replace('"i":3', '"i":8');
      expect(flipped).not.toBe(data);
      db.prepare('UPDATE events SET data = ? WHERE position = 4').run(flipped);
    });
    expect(await ledger.open().verify()).toEqual({
      ok: false,
      count: 3,
      position: 4n,
      reason: 'hash mismatch',
    });
  });

  it('a changed recordedAt (a field outside data) is detected too', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) =>
      db.prepare(`UPDATE events SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 7`).run(),
    );
    expect(await ledger.open().verify()).toMatchObject({ ok: false, position: 7n, reason: 'hash mismatch' });
  });

  it('a deleted middle event: position gap at that position', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) => db.prepare('DELETE FROM events WHERE position = 5').run());
    expect(await ledger.open().verify()).toEqual({
      ok: false,
      count: 4,
      position: 5n,
      reason: 'position gap: expected 5, found 6',
    });
  });

  it('two events with swapped contents: names the first of them', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) => {
      const row = db.prepare('SELECT data, metadata FROM events WHERE position = ?');
      const a = row.get(3) as { data: string; metadata: string };
      const b = row.get(8) as { data: string; metadata: string };
      const set = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
      set.run(b.data, b.metadata, 3);
      set.run(a.data, a.metadata, 8);
    });
    expect(await ledger.open().verify()).toEqual({
      ok: false,
      count: 2,
      position: 3n,
      reason: 'hash mismatch',
    });
  });

  it('a rewritten revision: revision gap in that stream', async () => {
    const ledger = await ledgerWithTenEvents();
    // Position 5 is revision 1 of application-2026-000001.
    tamper(ledger.path, (db) => db.prepare('UPDATE events SET revision = 7 WHERE position = 5').run());
    expect(await ledger.open().verify()).toEqual({
      ok: false,
      count: 4,
      position: 5n,
      reason: 'revision gap in stream application-2026-000001: expected revision 1, found 7',
    });
  });

  it('a deleted tail (head record left as it was): names the first missing position', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) => db.prepare('DELETE FROM events WHERE position > 8').run());
    const store = ledger.open();
    expect(await store.verify()).toEqual({
      ok: false,
      count: 8,
      position: 9n,
      reason: 'head record says position 10 but the log ends at 8',
    });
    // Verifying only up to the cut does not look at the head.
    expect(await store.verify({ to: 8n })).toMatchObject({ ok: true, count: 8, headPosition: 8n });
    // And the adapter refuses to extend a damaged chain.
    await expect(store.appendToStream('application-2026-000009', [event()])).rejects.toBeInstanceOf(
      NotALedger,
    );
  });

  it('a head record whose hash was changed: names the head position', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) =>
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_hash'`).run('f'.repeat(64)),
    );
    expect(await ledger.open().verify()).toMatchObject({ ok: false, count: 10, position: 10n });
  });

  it('a verify starting in the middle still catches a tamper after its start, and not one before', async () => {
    const ledger = await ledgerWithTenEvents();
    tamper(ledger.path, (db) => db.prepare(`UPDATE events SET data = '{}' WHERE position = 2`).run());
    const store = ledger.open();
    expect(await store.verify({ from: 3n })).toMatchObject({ ok: true, count: 8, headPosition: 10n });
    expect(await store.verify({ from: 1n })).toMatchObject({ ok: false, position: 2n });
  });
});
