import type { EventFilter, EventStore, RecordedEvent } from '@docket/event-store';
import type { CollectionSpec, ReadModelStore, ReadModelTransaction } from './read-model-store';

/** A read model's definition: which events it reads and what it writes for each. */
export interface Projection {
  /** The checkpoint's key; one runner per name at a time. */
  name: string;
  /** The collections it owns: declared at start, emptied by rebuild. */
  collections: CollectionSpec[];
  filter?: EventFilter;
  /**
   * Writes the event's effect. Must be deterministic (no clock, no randomness: take time from the
   * event), so that a rebuild from position 0 writes exactly what the live run wrote; and should derive
   * each document from the event and that same document (see README.md, MongoDB).
   */
  apply(event: RecordedEvent, tx: ReadModelTransaction): void | Promise<void>;
}

export interface ProjectionRunnerOptions {
  ledger: EventStore;
  store: ReadModelStore;
  projection: Projection;
  /** Events per applyBatch (one transaction and one checkpoint write); default 200. */
  batchSize?: number;
  /** How long the subscription must stay quiet before a partial batch is committed; default 10 ms. */
  idleFlushMs?: number;
  /**
   * How often an idle runner records that its filtered subscription has skipped past events it does
   * not read; default 1 s.
   */
  idleCheckpointMs?: number;
  /** Told when a batch fails and the runner stops; catchUp() callers are rejected with the same error. */
  onError?: (error: unknown) => void;
  /** Told after each committed batch (its last position): a host learns the projection is moving again. */
  onCommitted?: (position: bigint) => void;
}

export interface ProjectionRunner {
  /** Catches up from the stored checkpoint, then follows the ledger live. Resolves once subscribed. */
  start(): Promise<void>;
  /** Commits what has been received, ends the subscription. */
  stop(): Promise<void>;
  /**
   * Resolves when the projection has committed the ledger's head as of the call (read your writes).
   * On a stopped runner it runs one catch-up and stops again. Rejects if a batch fails.
   */
  catchUp(): Promise<void>;
  /** Empties the projection's collections and checkpoint, replays from position 0 up to the head. */
  rebuild(): Promise<void>;
  /** The ledger's head position minus the projection's checkpoint (events, on the SQLite ledger). */
  lag(): Promise<bigint>;
  readonly running: boolean;
  /** The error that stopped the runner, until the next start(). */
  readonly failure: unknown;
}

/** A catchUp() was waiting when the runner was stopped. */
export class ProjectionStopped extends Error {
  readonly code = 'projection_stopped';
  constructor(readonly projection: string) {
    super(`Projection "${projection}" was stopped before it reached the ledger's head`);
    this.name = 'ProjectionStopped';
  }
}
