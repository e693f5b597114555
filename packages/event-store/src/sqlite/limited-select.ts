import type Database from 'better-sqlite3';

/** More distinct limits than this (a caller with ever-changing maxCounts): start the collection afresh. */
const MAX_KEPT = 32;

/**
 * A SELECT prepared once per LIMIT it runs with, the number written into the SQL. The bundled SQLite
 * (3.53) plans with the value bound to a `LIMIT ?`, so it re-prepares such a statement at every execution:
 * a re-parse and re-plan of ~10 µs, which was a third of the SQL work of a short `readStream` (measured:
 * 35 µs a call with `LIMIT ?`, 25 µs without). Limits are few in practice (the page sizes, the maxCounts
 * callers use), so each gets its own prepared statement. Rows are raw arrays with exact bigints.
 */
export class LimitedSelect {
  private readonly byLimit = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    /** The SELECT without a LIMIT clause. */
    private readonly sql: string,
  ) {}

  /** The statement returning at most `limit` rows; -1: no limit. */
  limit(limit: number): Database.Statement {
    let statement = this.byLimit.get(limit);
    if (statement === undefined) {
      if (!Number.isSafeInteger(limit) || limit < -1) throw new RangeError(`Invalid row limit ${limit}`);
      if (this.byLimit.size >= MAX_KEPT) this.byLimit.clear();
      const sql = limit === -1 ? this.sql : `${this.sql} LIMIT ${limit}`;
      statement = this.db.prepare(sql).raw(true).safeIntegers(true);
      this.byLimit.set(limit, statement);
    }
    return statement;
  }
}
