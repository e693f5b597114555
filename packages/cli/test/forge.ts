import { chainHash, GENESIS_HASH, recordString } from '@docket/event-store';
import Database from 'better-sqlite3';

/**
 * What a careful forger does to a ledger file behind docket's back, with better-sqlite3: the change, and
 * then every chain hash from there on and the head record recomputed, so that the ledger's own verify()
 * finds nothing wrong. Only a checkpoint signed before, kept elsewhere, can tell.
 */

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

export function forge(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

/**
 * Deletes the event at `position`, moves every later one down a position (and down a revision in the
 * deleted event's stream), and re-hashes from there: the chain is whole again, one event shorter.
 */
export function deleteAndRenumber(db: Database.Database, position: number): void {
  const gone = db.prepare('SELECT stream, revision FROM events WHERE position = ?').get(position) as {
    stream: string;
    revision: number;
  };
  db.prepare('DELETE FROM events WHERE position = ?').run(position);
  // Through negative values, so that the primary key and UNIQUE (stream, revision) hold after every row.
  db.prepare('UPDATE events SET position = -position WHERE position > ?').run(position);
  db.prepare('UPDATE events SET position = -position - 1 WHERE position < 0').run();
  db.prepare('UPDATE events SET revision = -revision WHERE stream = ? AND revision > ?').run(
    gone.stream,
    gone.revision,
  );
  db.prepare('UPDATE events SET revision = -revision - 1 WHERE stream = ? AND revision < 0').run(gone.stream);
  rehashFrom(db, position);
}

/** Recomputes every chain hash from `from` on over the stored bytes, and the head record. */
export function rehashFrom(db: Database.Database, from: number): void {
  let previous =
    (db
      .prepare('SELECT hash FROM events WHERE position = ?')
      .pluck()
      .get(from - 1) as string | undefined) ?? GENESIS_HASH;
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
  const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get() as
    | { position: number; hash: string }
    | undefined;
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_position'`).run(BigInt(last?.position ?? 0));
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'head_hash'`).run(last?.hash ?? GENESIS_HASH);
}
