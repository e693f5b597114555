import { join } from 'node:path';
import {
  chainHash,
  GENESIS_HASH,
  type HashAlgorithm,
  type NewEvent,
  openSqliteLedger,
  recordString,
  type SqliteEventStore,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { generateCheckpointKey, keyAlgorithmForLedger } from '../src/checkpoints';

/** Shared by the checkpoint and tamper specs: real ledger files, real keys, raw SQL to tamper with. */

export interface TempLedger {
  /** The ledger's hash: SHA-256, or SM3 for a 国密 ledger (whose checkpoints are signed with SM2). */
  hashAlgorithm: HashAlgorithm;
  dir: string;
  path: string;
  keyDir: string;
  checkpointDir: string;
  open(): SqliteEventStore;
  done(): Promise<void>;
}

export function tempLedger(hashAlgorithm: HashAlgorithm = 'sha256'): TempLedger {
  const dir = tempDir('docket-checkpoints-');
  const opened: SqliteEventStore[] = [];
  return {
    hashAlgorithm,
    dir: dir.path,
    path: join(dir.path, 'ledger.db'),
    keyDir: join(dir.path, 'keys'),
    checkpointDir: join(dir.path, 'checkpoints'),
    open() {
      const store = openSqliteLedger({
        path: join(dir.path, 'ledger.db'),
        pollIntervalMs: 20,
        verifyWorkers: 1,
        hashAlgorithm,
      });
      opened.push(store);
      return store;
    },
    async done() {
      for (const store of opened) await store.close();
      dir.cleanup();
    },
  };
}

export const CENTRE = '某某区政务服务中心';

/** The two suites every checkpoint spec runs in: standard (SHA-256, Ed25519) and 国密 (SM3, SM2). */
export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const satisfies readonly HashAlgorithm[];

/** A ledger with a checkpoint key (of the ledger's suite) per test, every one closed and removed after it. */
export function useTempLedgers(hashAlgorithm: HashAlgorithm = 'sha256'): () => TempLedger {
  const ledgers: TempLedger[] = [];
  afterEach(async () => {
    for (const ledger of ledgers.splice(0)) await ledger.done();
  });
  return () => {
    const ledger = tempLedger(hashAlgorithm);
    ledgers.push(ledger);
    generateCheckpointKey(ledger.keyDir, { algorithm: keyAlgorithmForLedger(hashAlgorithm) });
    return ledger;
  };
}

export function step(i: number, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'StepRecorded',
    data: { i, note: `第${i}步` },
    occurredAt: '2026-03-02T09:30:00+08:00',
    actor: { id: 'u-1', name: '李四', roles: ['reviewer'], department: 'dept-1' },
    reason: '依法审查',
    correlationId: `20260302-CASE0${i % 3}`,
    ...extra,
  };
}

/** Appends events `from..to` (numbered as their positions will be), one append each, over three streams. */
export async function appendSteps(store: SqliteEventStore, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++)
    await store.appendToStream(`application-20260302-CASE0${i % 3}`, [step(i)]);
}

export function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

interface StoredRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  metadata: string;
  data: string;
}

/**
 * What a careful forger does after changing events: recomputes every chain hash from `from` on over the
 * stored bytes, and the head record, so that the ledger's own verify() finds nothing wrong.
 */
export function rehashFrom(db: Database.Database, from: number): void {
  // With the ledger's own hash, as its head records it: the forger knows it too.
  const hashAlgorithm = (db.prepare(`SELECT value FROM meta WHERE key = 'chain_hash'`).pluck().get() ??
    'sha256') as HashAlgorithm;
  const before = db
    .prepare('SELECT hash FROM events WHERE position = ?')
    .pluck()
    .get(from - 1) as string | undefined;
  let previous = before ?? GENESIS_HASH;
  const rows = db
    .prepare('SELECT * FROM events WHERE position >= ? ORDER BY position')
    .all(from) as StoredRow[];
  const update = db.prepare('UPDATE events SET hash = ? WHERE position = ?');
  for (const row of rows) {
    const record = recordString(
      row.stream,
      BigInt(row.revision),
      {
        id: row.id,
        type: row.type,
        schemaVersion: row.schema_version,
        occurredAt: row.occurred_at,
        metadataJson: row.metadata,
        dataJson: row.data,
      },
      row.recorded_at,
    );
    previous = chainHash(previous, record, hashAlgorithm);
    update.run(previous, row.position);
  }
  fixHeadRecord(db);
}

/**
 * A careful deletion from the middle: the event at `position` is removed, every later event moves down
 * one position, its stream's later revisions move down one too, and every hash from there on is
 * recomputed, so the ledger's own verify() finds nothing wrong. The log is one event shorter.
 */
export function deleteAndRenumber(db: Database.Database, position: number): void {
  const gone = db.prepare('SELECT stream, revision FROM events WHERE position = ?').get(position) as {
    stream: string;
    revision: number;
  };
  db.prepare('DELETE FROM events WHERE position = ?').run(position);
  // Through negative values: the primary key and UNIQUE (stream, revision) hold after every row.
  db.prepare('UPDATE events SET position = -position WHERE position > ?').run(position);
  db.prepare('UPDATE events SET position = -position - 1 WHERE position < 0').run();
  db.prepare('UPDATE events SET revision = -revision WHERE stream = ? AND revision > ?').run(
    gone.stream,
    gone.revision,
  );
  db.prepare('UPDATE events SET revision = -revision - 1 WHERE stream = ? AND revision < 0').run(gone.stream);
  rehashFrom(db, position);
}

/** Points the head record at the log's last event, as a forger who cut the tail would. */
export function fixHeadRecord(db: Database.Database): void {
  const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get() as
    | { position: number; hash: string }
    | undefined;
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_position'`).run(BigInt(last?.position ?? 0));
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_hash'`).run(last?.hash ?? GENESIS_HASH);
}
