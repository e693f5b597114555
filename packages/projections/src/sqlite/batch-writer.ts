import type Database from 'better-sqlite3';
import { CheckpointWouldMoveBackwards } from '../errors';

/** A collection's statements for batches, prepared once when it is declared. */
export interface TableStatements {
  /** The stored text of one document (plucked), or undefined. */
  select: Database.Statement;
  upsert: Database.Statement;
  remove: Database.Statement;
}

/** One document of a batch, ready for the transaction: its text, or undefined to delete it. */
export interface ReadyWrite {
  collection: string;
  table: TableStatements;
  id: string;
  json: string | undefined;
}

/**
 * Commits a batch's documents and its checkpoint in one transaction. The statements and the
 * transaction function are made once, not per batch: better-sqlite3 builds a wrapper for every
 * `db.transaction(fn)`, which a live projection committing a few events at a time paid for each time.
 */
export class BatchWriter {
  private readonly readCheckpointStatement: Database.Statement;
  private readonly writeCheckpointStatement: Database.Statement;
  private readonly transaction: Database.Transaction<
    (projection: string, toPosition: bigint, writes: ReadyWrite[]) => void
  >;

  constructor(db: Database.Database) {
    this.readCheckpointStatement = db
      .prepare('SELECT position FROM checkpoints WHERE projection = ?')
      .safeIntegers(true);
    this.writeCheckpointStatement = db.prepare(
      'INSERT INTO checkpoints (projection, position) VALUES (?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position',
    );
    this.transaction = db.transaction((projection, toPosition, writes) => {
      const stored = this.readCheckpoint(projection);
      if (stored !== undefined && toPosition < stored) {
        throw new CheckpointWouldMoveBackwards(projection, stored, toPosition);
      }
      for (const write of writes) {
        if (write.json !== undefined) write.table.upsert.run(write.id, write.json);
        else write.table.remove.run(write.id);
      }
      this.writeCheckpointStatement.run(projection, toPosition);
    });
  }

  readCheckpoint(projection: string): bigint | undefined {
    const row = this.readCheckpointStatement.get(projection) as { position: bigint } | undefined;
    return row?.position;
  }

  /** The documents and the checkpoint, together or not at all. */
  commit(projection: string, toPosition: bigint, writes: ReadyWrite[]): void {
    // IMMEDIATE: the batch reads the checkpoint before it writes; a deferred transaction would then
    // have to upgrade its lock, which SQLite refuses at once (SQLITE_BUSY, no busy wait) when another
    // connection (an operator's tool, a second process) holds it.
    this.transaction.immediate(projection, toPosition, writes);
  }
}
