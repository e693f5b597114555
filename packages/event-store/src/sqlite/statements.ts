import type Database from 'better-sqlite3';
import { LimitedSelect } from './limited-select';
import { CORRELATION_KEY } from './schema';

/** Column order of every event row read with `.raw()`; `RowIndex` names the offsets. */
export const EVENT_COLUMNS =
  'position, stream, revision, id, type, schema_version, occurred_at, recorded_at, metadata, data, hash';

export const RowIndex = {
  position: 0,
  stream: 1,
  revision: 2,
  id: 3,
  type: 4,
  schemaVersion: 5,
  occurredAt: 6,
  recordedAt: 7,
  metadata: 8,
  data: 9,
  hash: 10,
} as const;

/** A raw event row as returned with safeIntegers: integers come back as bigint. */
export type EventRow = [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  schemaVersion: bigint,
  occurredAt: string,
  recordedAt: string,
  metadata: string,
  data: string,
  hash: string,
];

/**
 * A case's events (correlation id, up to a position, limit): the same expression as the index's, so
 * SQLite searches the index and reads the rows in position (rowid) order. A test reads the query plan.
 */
export const READ_CORRELATED_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${CORRELATION_KEY} = ? AND position <= ? ORDER BY position ASC LIMIT ?`;

/** SQLite's largest integer: "no upper bound" for revision and position ranges. */
export const MAX_INT64 = 9223372036854775807n;

/** Every statement the adapter runs, prepared once per connection (the reads once per limit). */
export type Statements = Record<StatementName, Database.Statement> & Record<ReadName, LimitedSelect>;
type ReadName = 'readForwards' | 'readBackwards' | 'readAll';
type StatementName =
  | 'headPosition'
  | 'headHash'
  | 'setHead'
  | 'lastPosition'
  | 'nextPosition'
  | 'streamRevision'
  | 'eventById'
  | 'insertEvent'
  | 'idempotencyByKey'
  | 'insertIdempotency'
  | 'readCorrelated'
  | 'hashAt'
  | 'streamRevisionBefore';

/** Prepares them. */
export function prepareStatements(db: Database.Database): Statements {
  const rows = (sql: string) => db.prepare(sql).raw(true).safeIntegers(true);
  return {
    headPosition: db.prepare(`SELECT value FROM meta WHERE key = 'head_position'`).pluck().safeIntegers(true),
    headHash: db.prepare(`SELECT value FROM meta WHERE key = 'head_hash'`).pluck(),
    setHead: db.prepare(`UPDATE meta SET value = CASE key WHEN 'head_position' THEN ? ELSE ? END
      WHERE key IN ('head_position', 'head_hash')`),
    lastPosition: db.prepare('SELECT max(position) FROM events').pluck().safeIntegers(true),
    nextPosition: db
      .prepare('SELECT min(position) FROM events WHERE position > ?')
      .pluck()
      .safeIntegers(true),
    streamRevision: db
      .prepare('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
      .pluck()
      .safeIntegers(true),
    eventById: db
      .prepare('SELECT stream, revision, position FROM events WHERE id = ?')
      .raw(true)
      .safeIntegers(true),
    insertEvent: db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    idempotencyByKey: db
      .prepare(
        'SELECT fingerprint, stream, first_position, last_position, next_revision FROM idempotency WHERE key = ?',
      )
      .raw(true)
      .safeIntegers(true),
    insertIdempotency: db.prepare(
      'INSERT INTO idempotency (key, fingerprint, stream, first_position, last_position, next_revision) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readForwards: new LimitedSelect(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC`,
    ),
    readBackwards: new LimitedSelect(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC`,
    ),
    readAll: new LimitedSelect(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC`,
    ),
    readCorrelated: rows(READ_CORRELATED_SQL),
    hashAt: db.prepare('SELECT hash FROM events WHERE position = ?').pluck(),
    streamRevisionBefore: db
      .prepare('SELECT revision FROM events WHERE stream = ? AND position < ? ORDER BY revision DESC LIMIT 1')
      .pluck()
      .safeIntegers(true),
  };
}
