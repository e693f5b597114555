import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerClosed, NotALedger, type NotALedgerKind } from '../src';
import { openSqliteLedger } from '../src/sqlite';
import { event, tempLedger } from './support';

const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function fresh() {
  const ledger = tempLedger();
  ledgers.push(ledger);
  return ledger;
}

/**
 * Opening must refuse the file with NotALedger of the given kind (what a tool tells its user), leave its
 * bytes as they were and add no WAL files.
 */
function expectRefused(path: string, message: RegExp, kind: NotALedgerKind): void {
  const before = readFileSync(path);
  let error: unknown;
  try {
    openSqliteLedger({ path });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(NotALedger);
  expect((error as Error).message).toMatch(message);
  expect((error as NotALedger).kind).toBe(kind);
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(existsSync(`${path}-wal`)).toBe(false);
}

describe('opening a file that is not a docket ledger', () => {
  it('refuses a text file', () => {
    const { dir } = fresh();
    const path = join(dir, 'notes.txt');
    writeFileSync(path, '办件登记簿\nnot a database\n');
    expectRefused(path, /not an SQLite database/, 'not-a-database');
  });

  it('refuses a file of random bytes', () => {
    const { dir } = fresh();
    const path = join(dir, 'random.bin');
    writeFileSync(path, Buffer.concat([Buffer.from('RANDOM'), randomBytes(8192)]));
    expectRefused(path, /not an SQLite database/, 'not-a-database');
  });

  it('refuses a corrupt SQLite file (valid header, garbage after it)', () => {
    const { dir } = fresh();
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(8192)]));
    // SQLite judges by the header page: garbage there is SQLITE_NOTADB, not a damaged database.
    expectRefused(path, /not an SQLite database file/, 'not-a-database');
  });

  it('refuses the SQLite database of another application', () => {
    const { dir } = fresh();
    const path = join(dir, 'crm.db');
    const db = new Database(path);
    db.exec(
      `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('王五');`,
    );
    db.close();
    expectRefused(path, /another application.*users/, 'not-a-ledger');
  });

  it('refuses an SQLite database with a meta table but no docket format marker', () => {
    const { dir } = fresh();
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec(
      `CREATE TABLE meta (key TEXT PRIMARY KEY, value); INSERT INTO meta VALUES ('format', 'something-else');`,
    );
    db.close();
    expectRefused(path, /no 'docket-ledger' format marker/, 'not-a-ledger');
  });

  it('refuses a ledger of a newer format version, unchanged', async () => {
    const ledger = fresh();
    const store = ledger.open();
    await store.appendToStream('application-1', [event()]);
    await store.close();
    const db = new Database(ledger.path);
    db.prepare(`UPDATE meta SET value = 3 WHERE key = 'version'`).run();
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefused(ledger.path, /format version 3/, 'newer-format');
  });
});

describe('opening a new or empty file', () => {
  it('creates the ledger in a missing file and in an empty one, and reopens it with its events', async () => {
    const ledger = fresh();
    writeFileSync(ledger.path, '');
    const store = ledger.open();
    expect(await store.head()).toMatchObject({ position: undefined });
    await store.appendToStream('application-1', [event('Submitted'), event('Accepted')]);
    const head = await store.head();
    await store.close();
    const again = ledger.open();
    expect(await again.head()).toEqual(head);
    expect((await again.readStream('application-1')).map((e) => e.type)).toEqual(['Submitted', 'Accepted']);
    const next = await again.appendToStream('application-1', [event('Delivered')], { expectedRevision: 1n });
    expect(next.firstPosition).toBe(3n);
  });
});

describe('closing', () => {
  it('commits appends still queued, then every call rejects with LedgerClosed', async () => {
    const ledger = fresh();
    const store = ledger.open();
    const queued = store.appendToStream('application-1', [event('Submitted')]);
    await store.close();
    expect((await queued).firstPosition).toBe(1n);
    await expect(store.appendToStream('application-1', [event()])).rejects.toBeInstanceOf(LedgerClosed);
    await expect(store.readStream('application-1')).rejects.toBeInstanceOf(LedgerClosed);
    await expect(store.readAll()).rejects.toBeInstanceOf(LedgerClosed);
    await expect(store.streamRevision('application-1')).rejects.toBeInstanceOf(LedgerClosed);
    await expect(store.verify()).rejects.toBeInstanceOf(LedgerClosed);
    await expect(store.head()).rejects.toBeInstanceOf(LedgerClosed);
    await store.close();
    expect((await ledger.open().readAll()).length).toBe(1);
  });

  it('ends a live subscription', async () => {
    const ledger = fresh();
    const store = ledger.open();
    const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await store.close();
    expect((await waiting).done).toBe(true);
  });
});
