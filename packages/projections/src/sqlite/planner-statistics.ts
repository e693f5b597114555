import type Database from 'better-sqlite3';

/** Rows ANALYZE reads per index: enough for the planner to tell a department from a name prefix. */
const ANALYSIS_LIMIT = 20_000;
/** Documents written between two refreshes: the share of each value moves slowly after the first ones. */
const REFRESH_EVERY = 50_000;

/**
 * The query planner's statistics (`sqlite_stat1`). Without them SQLite takes an equality on an index
 * to match about ten rows, so at a million cases it read every case of the clerk's departments to find
 * the 289 whose applicant's name starts with 吴强 (11 s), where the name's index answers in 10 ms.
 * Gathered with a row limit per index (ANALYZE reads at most ANALYSIS_LIMIT rows of each), when a file
 * has none, after a bulk load, and again every REFRESH_EVERY documents written.
 */
export class PlannerStatistics {
  private written = 0;

  constructor(private readonly db: Database.Database) {}

  /** At open: a file that never had statistics gets them (an empty one too: they are refreshed later). */
  ensure(): void {
    const gathered = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
      .get();
    if (gathered === undefined) this.refresh();
  }

  /** After a batch committed `documents` writes. */
  wrote(documents: number): void {
    this.written += documents;
    if (this.written >= REFRESH_EVERY) this.refresh();
  }

  refresh(): void {
    this.db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    this.db.exec('ANALYZE');
    this.written = 0;
  }
}
