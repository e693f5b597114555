import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../encoding';
import { NotALedger } from '../errors';

/** The marker that tells a docket ledger from any other SQLite file. */
export const LEDGER_FORMAT = 'docket-ledger';
/** Bumped when the schema changes incompatibly; a newer file is refused rather than misread. */
export const LEDGER_FORMAT_VERSION = 1;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

// `value` has no declared type so that integers stay integers (the head position) and text stays text.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  stream         TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  id             TEXT    NOT NULL UNIQUE,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  occurred_at    TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  data           TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
CREATE TABLE IF NOT EXISTS idempotency (
  key            TEXT    PRIMARY KEY,
  fingerprint    TEXT    NOT NULL,
  stream         TEXT    NOT NULL,
  first_position INTEGER NOT NULL,
  last_position  INTEGER NOT NULL,
  next_revision  INTEGER NOT NULL
);
`;

/**
 * A case's events by correlation id without a scan (`readCorrelated`). An expression index over the
 * metadata JSON rather than a column: the stored rows stay exactly as hashed and the format version
 * stays 1, so an older docket still opens the file. Every index also holds the rowid (the position), so
 * one case's entries come out in global order. Created on every open with IF NOT EXISTS: a ledger
 * written before the index existed gets it the first time it is opened (one pass over the log).
 */
export const CORRELATION_INDEX = 'events_by_correlation';
export const CORRELATION_KEY = `json_extract(metadata, '$.correlationId')`;
const INDEXES = `CREATE INDEX IF NOT EXISTS ${CORRELATION_INDEX} ON events (${CORRELATION_KEY});`;

type Inspection = 'empty' | 'ledger';

/**
 * Decides, without writing a byte, whether `path` is a ledger, an empty/new file we may initialise,
 * or something else (refused). A read-only connection cannot roll back another application's hot
 * journal, so a foreign file stays exactly as it was.
 */
function inspect(path: string): Inspection {
  if (!existsSync(path) || statSync(path).size === 0) return 'empty';
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new NotALedger(`${path} is not a docket ledger: it is not an SQLite database file`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    if (tables.length === 0) return 'empty';
    if (!tables.includes('meta')) {
      throw new NotALedger(
        `${path} is not a docket ledger: it is an SQLite database of another application (tables: ${tables.slice(0, 5).join(', ')})`,
      );
    }
    const rows = db.prepare(`SELECT key, value FROM meta WHERE key IN ('format', 'version')`).all() as {
      key: string;
      value: unknown;
    }[];
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    if (meta.get('format') !== LEDGER_FORMAT) {
      throw new NotALedger(`${path} is not a docket ledger: it has no '${LEDGER_FORMAT}' format marker`);
    }
    const version = Number(meta.get('version'));
    if (!Number.isInteger(version) || version < 1) {
      throw new NotALedger(`${path}: unreadable ledger format version ${String(meta.get('version'))}`);
    }
    if (version > LEDGER_FORMAT_VERSION) {
      throw new NotALedger(
        `${path} is a docket ledger of format version ${version}; this adapter reads up to version ${LEDGER_FORMAT_VERSION}. Upgrade docket.`,
      );
    }
    return 'ledger';
  } catch (error) {
    if (error instanceof NotALedger) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_ERROR') {
      throw new NotALedger(`${path} is not a readable docket ledger: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Opens (and on a new or empty file, creates) the ledger database with the durability settings.
 * WAL + synchronous=FULL: every COMMIT fsyncs the WAL, so an acknowledged append survives a process
 * crash and a power loss. NORMAL fsyncs only at checkpoints: survives a process crash, not power loss.
 */
export function openLedgerDatabase(path: string, durability: 'full' | 'normal'): Database.Database {
  const kind = inspect(path);
  const db = new Database(path, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    // Replay and verify read the whole log: a larger page cache and read-only memory mapping spare
    // a copy per page. Writes still go through the WAL (mmap is never used for writing).
    db.pragma('cache_size = -32000');
    db.pragma('mmap_size = 268435456');
    if (kind === 'empty') initialise(db, path);
    db.exec(INDEXES);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function initialise(db: Database.Database, path: string): void {
  // Another process may be initialising the same new file: IMMEDIATE serialises us, IF NOT EXISTS
  // and INSERT OR IGNORE make the loser a no-op, and the re-check refuses a file that changed meanwhile.
  db.exec('BEGIN IMMEDIATE');
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    if (tables.some((t) => !['meta', 'events', 'idempotency'].includes(t))) {
      throw new NotALedger(`${path} is not a docket ledger: another application created tables in it`);
    }
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
    insert.run('format', LEDGER_FORMAT);
    insert.run('version', BigInt(LEDGER_FORMAT_VERSION));
    insert.run('head_position', 0n);
    insert.run('head_hash', GENESIS_HASH);
    const format = db.prepare(`SELECT value FROM meta WHERE key = 'format'`).pluck().get();
    if (format !== LEDGER_FORMAT) throw new NotALedger(`${path} is not a docket ledger`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
