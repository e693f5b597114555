import { accessSync, constants, existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DEFAULT_HASH_ALGORITHM, type HashAlgorithm, isHashAlgorithm } from '../crypto-profile';
import { GENESIS_HASH } from '../encoding';
import { LedgerHashMismatch, NotALedger } from '../errors';

/** The marker that tells a docket ledger from any other SQLite file. */
export const LEDGER_FORMAT = 'docket-ledger';
/**
 * Bumped when the schema changes incompatibly; a newer file is refused rather than misread. Version 2: the
 * chain may be made with SM3, named in meta `chain_hash`. A SHA-256 ledger is still written as version 1
 * (its rows and chain are exactly those of version 1, so an older docket still opens it); an SM3 ledger is
 * version 2, so that an older docket refuses it instead of extending it with SHA-256 links.
 */
export const LEDGER_FORMAT_VERSION = 2;
const versionFor = (hash: HashAlgorithm): number => (hash === 'sha256' ? 1 : 2);

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

/** An empty file (we may initialise it), or a ledger and the hash its head records. */
type Inspection = { kind: 'empty' } | { kind: 'ledger'; hashAlgorithm: HashAlgorithm };

/** A ledger without `chain_hash` was written before the choice existed: SHA-256. */
function recordedHash(path: string, value: unknown): HashAlgorithm {
  if (value === undefined || value === null) return DEFAULT_HASH_ALGORITHM;
  if (isHashAlgorithm(value)) return value;
  throw new NotALedger(
    `${path} is a docket ledger chained with ${JSON.stringify(value)}, a hash this adapter does not know (it knows sha256 and sm3). Upgrade docket.`,
    'newer-format',
  );
}

/**
 * Decides, without writing a byte, whether `path` is a ledger, an empty/new file we may initialise,
 * or something else (refused). A read-only connection cannot roll back another application's hot
 * journal, so a foreign file stays exactly as it was.
 */
function inspect(path: string): Inspection {
  if (!existsSync(path) || statSync(path).size === 0) return { kind: 'empty' };
  // No raw read of the header: closing any descriptor of a file drops every POSIX lock this process
  // holds on it, SQLite's included, so a second handle opened beside a running ledger would let another
  // process write under it. stat and access open nothing; SQLite itself says SQLITE_NOTADB for a foreign
  // file. A directory or an unreadable file is refused as opening it would be (EISDIR, EACCES).
  if (statSync(path).isDirectory())
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
      code: 'EISDIR',
    });
  accessSync(path, constants.R_OK);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    if (tables.length === 0) return { kind: 'empty' };
    if (!tables.includes('meta')) {
      throw new NotALedger(
        `${path} is not a docket ledger: it is an SQLite database of another application (tables: ${tables.slice(0, 5).join(', ')})`,
        'not-a-ledger',
      );
    }
    const rows = db
      .prepare(`SELECT key, value FROM meta WHERE key IN ('format', 'version', 'chain_hash')`)
      .all() as {
      key: string;
      value: unknown;
    }[];
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    if (meta.get('format') !== LEDGER_FORMAT) {
      throw new NotALedger(
        `${path} is not a docket ledger: it has no '${LEDGER_FORMAT}' format marker`,
        'not-a-ledger',
      );
    }
    const version = Number(meta.get('version'));
    if (!Number.isInteger(version) || version < 1) {
      throw new NotALedger(`${path}: unreadable ledger format version ${String(meta.get('version'))}`);
    }
    if (version > LEDGER_FORMAT_VERSION) {
      throw new NotALedger(
        `${path} is a docket ledger of format version ${version}; this adapter reads up to version ${LEDGER_FORMAT_VERSION}. Upgrade docket.`,
        'newer-format',
      );
    }
    return { kind: 'ledger', hashAlgorithm: recordedHash(path, meta.get('chain_hash')) };
  } catch (error) {
    if (error instanceof NotALedger) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB')
      throw new NotALedger(
        `${path} is not a docket ledger: it is not an SQLite database file`,
        'not-a-database',
      );
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_ERROR') {
      throw new NotALedger(`${path} is not a readable docket ledger: ${(error as Error).message}`, 'damaged');
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
 *
 * `hashAlgorithm` is what the configuration asks for: a new ledger is created with it, and an existing
 * one that records another is refused (LedgerHashMismatch) before anything is written. Unset (tools that
 * read whatever ledger they are given): a new ledger is SHA-256, an existing one keeps what it records.
 */
export function openLedgerDatabase(
  path: string,
  durability: 'full' | 'normal',
  hashAlgorithm?: HashAlgorithm,
): { db: Database.Database; hashAlgorithm: HashAlgorithm } {
  const inspection = inspect(path);
  if (inspection.kind === 'ledger') refuseOtherHash(path, inspection.hashAlgorithm, hashAlgorithm);
  const db = new Database(path, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    // Replay and verify read the whole log: a larger page cache and read-only memory mapping spare
    // a copy per page. Writes still go through the WAL (mmap is never used for writing).
    db.pragma('cache_size = -32000');
    db.pragma('mmap_size = 268435456');
    const recorded =
      inspection.kind === 'empty'
        ? initialise(db, path, hashAlgorithm ?? DEFAULT_HASH_ALGORITHM)
        : inspection.hashAlgorithm;
    // Another process may have created the file first, with another hash.
    refuseOtherHash(path, recorded, hashAlgorithm);
    db.exec(INDEXES);
    return { db, hashAlgorithm: recorded };
  } catch (error) {
    db.close();
    throw error;
  }
}

function refuseOtherHash(path: string, recorded: HashAlgorithm, configured: HashAlgorithm | undefined): void {
  if (configured !== undefined && configured !== recorded)
    throw new LedgerHashMismatch(path, recorded, configured);
}

/** Creates the schema and the head; answers the hash the head records (another process's, if it won). */
function initialise(db: Database.Database, path: string, hashAlgorithm: HashAlgorithm): HashAlgorithm {
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
    insert.run('version', BigInt(versionFor(hashAlgorithm)));
    insert.run('chain_hash', hashAlgorithm);
    insert.run('head_position', 0n);
    insert.run('head_hash', GENESIS_HASH);
    const format = db.prepare(`SELECT value FROM meta WHERE key = 'format'`).pluck().get();
    if (format !== LEDGER_FORMAT) throw new NotALedger(`${path} is not a docket ledger`);
    const recorded = recordedHash(
      path,
      db.prepare(`SELECT value FROM meta WHERE key = 'chain_hash'`).pluck().get(),
    );
    db.exec('COMMIT');
    return recorded;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
