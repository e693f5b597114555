import { join } from 'node:path';
import {
  chainHash,
  GENESIS_HASH,
  type NewEvent,
  openSqliteLedger,
  recordString,
  type SqliteEventStore,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { generateCheckpointKey } from '../src/checkpoints';

/** Shared by the checkpoint and tamper specs: real ledger files, real keys, raw SQL to tamper with. */

export interface TempLedger {
  dir: string;
  path: string;
  keyDir: string;
  checkpointDir: string;
  open(): SqliteEventStore;
  done(): Promise<void>;
}

export function tempLedger(): TempLedger {
  const dir = tempDir('docket-checkpoints-');
  const opened: SqliteEventStore[] = [];
  return {
    dir: dir.path,
    path: join(dir.path, 'ledger.db'),
    keyDir: join(dir.path, 'keys'),
    checkpointDir: join(dir.path, 'checkpoints'),
    open() {
      const store = openSqliteLedger({
        path: join(dir.path, 'ledger.db'),
        pollIntervalMs: 20,
        verifyWorkers: 1,
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

/** A ledger with a checkpoint key per test, every one closed and removed after it. */
export function useTempLedgers(): () => TempLedger {
  const ledgers: TempLedger[] = [];
  afterEach(async () => {
    for (const ledger of ledgers.splice(0)) await ledger.done();
  });
  return () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    generateCheckpointKey(ledger.keyDir);
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
    previous = chainHash(previous, record);
    update.run(previous, row.position);
  }
  fixHeadRecord(db);
}

/** Points the head record at the log's last event, as a forger who cut the tail would. */
export function fixHeadRecord(db: Database.Database): void {
  const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get() as
    | { position: number; hash: string }
    | undefined;
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_position'`).run(BigInt(last?.position ?? 0));
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_hash'`).run(last?.hash ?? GENESIS_HASH);
}
