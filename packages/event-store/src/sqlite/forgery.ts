import Database from 'better-sqlite3';
import type { HashAlgorithm } from '../crypto-profile';
import { chainHash, GENESIS_HASH, recordString } from '../encoding';

/*
 * Test support, not used by docket itself: what a careful forger does to a SQLite ledger file behind
 * docket's back, with better-sqlite3: the change, then every chain hash from there on and the head record
 * recomputed, so that the ledger's own verify() finds nothing wrong. Only a signed checkpoint kept elsewhere
 * (a witness) can tell. The tests of tamper evidence (@docket/audit, the CLI) forge with these.
 */

/** Opens the ledger file, applies `edit` in one transaction, closes it. */
export function forge(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.transaction(() => edit(db))();
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
