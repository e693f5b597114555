import type Database from 'better-sqlite3';
import { describeExpected, type EncodedEvent, recordString } from '../encoding';
import {
  DuplicateEventId,
  IdempotencyKeyReused,
  LedgerError,
  NotALedger,
  storageErrorOf,
  WrongExpectedRevision,
} from '../errors';
import type { AppendResult, ExpectedRevision } from '../port';
import type { ChainLink } from './chain-link';
import type { Statements } from './statements';

/** One validated append waiting for the next group commit. */
export interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: EncodedEvent[];
  /** Ids the caller chose (ids we generated cannot already be stored, so they are not looked up). */
  callerIds: string[];
  idempotency: { key: string; fingerprint: string } | undefined;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Checkpoint once about this much event data has gone into the WAL since the last checkpoint. Each
 * checkpoint costs a write of the changed pages and an fsync of the database file; doing it after every
 * batch doubled the fsyncs of a lone writer, while SQLite's default (1000 pages) makes rare, long stalls.
 */
const CHECKPOINT_AFTER_BYTES = Number(process.env.DOCKET_LEDGER_CHECKPOINT_BYTES ?? 256 * 1024);

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** How long a batch waits for another process's write lock before failing (the old busy timeout). */
const WRITE_LOCK_PATIENCE_MS = 5000;

const isBusy = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

interface ChainHead {
  position: bigint;
  hash: string;
}

/**
 * Group commit: every append queued while the event loop was busy is written in ONE transaction
 * and acknowledged by ONE COMMIT (one fsync). Each append runs inside its own SAVEPOINT, so an append
 * that breaks a rule (wrong revision, duplicate id, reused key) writes nothing and fails alone, while
 * later appends of the batch see the earlier ones. Promises settle only after COMMIT returned.
 */
export class GroupCommitWriter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;
  private readonly checkpoint: Database.Statement;
  private checkpointScheduled = false;
  /** Since when the batch in the queue has been waiting for another process's write lock. */
  private lockWaitSince: number | undefined;
  private readonly noBusyWait: Database.Statement;
  private readonly busyWait: Database.Statement;
  /** Bytes of events committed since the last checkpoint: a cheap stand-in for the WAL's size. */
  private uncheckpointedBytes = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly st: Statements,
    private readonly clock: () => Date,
    private readonly onCommitted: () => void,
    /** The ledger's hash (recorded in its head): SHA-256 or SM3. */
    private readonly chainLink: ChainLink,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT append_one');
    this.release = db.prepare('RELEASE append_one');
    this.rollbackTo = db.prepare('ROLLBACK TO append_one');
    this.checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
    this.noBusyWait = db.prepare('PRAGMA busy_timeout = 0');
    this.busyWait = db.prepare(`PRAGMA busy_timeout = ${WRITE_LOCK_PATIENCE_MS}`);
  }

  /**
   * BEGIN IMMEDIATE without SQLite's busy handler, which sleeps on the event loop (up to 100 ms a try)
   * while another process holds the write lock: every request of the process would stall with it. When
   * the lock is taken the batch goes back to the front of the queue and is tried again shortly; appends
   * arriving meanwhile join it, so contention makes batches bigger instead of the process slower.
   */
  private tryBegin(patient: boolean): boolean {
    if (patient) {
      this.begin.run();
      return true;
    }
    this.noBusyWait.run();
    try {
      this.begin.run();
      return true;
    } catch (error) {
      if (!isBusy(error)) throw error;
      return false;
    } finally {
      this.busyWait.run();
    }
  }

  private waitForLock(batch: PendingAppend[]): void {
    const now = Date.now();
    this.lockWaitSince ??= now;
    this.queue = [...batch, ...this.queue];
    if (now - this.lockWaitSince > WRITE_LOCK_PATIENCE_MS) {
      const error = new Error('SQLITE_BUSY: another process has held the ledger write lock for 5 s');
      Object.assign(error, { code: 'SQLITE_BUSY' });
      const waiting = this.queue;
      this.queue = [];
      this.lockWaitSince = undefined;
      for (const append of waiting) append.reject(error);
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const waited = now - this.lockWaitSince;
    setTimeout(() => this.flush(), waited < 5 ? 0 : Math.min(8, Math.ceil(waited / 4)));
  }

  enqueue(append: PendingAppend): void {
    this.queue.push(append);
    if (!this.scheduled) {
      this.scheduled = true;
      // setImmediate, not a microtask: lets every writer woken by the previous commit queue first.
      setImmediate(() => this.flush());
    }
  }

  /**
   * Writes and commits everything queued. Synchronous: better-sqlite3 blocks during the fsync.
   * `patient` (closing): wait for another process's write lock here, with SQLite's busy handler.
   */
  flush(patient = false): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    let stored = false;
    try {
      if (!this.tryBegin(patient)) {
        this.waitForLock(batch);
        return;
      }
      this.lockWaitSince = undefined;
      // Read inside the write lock: another process may have appended since our last batch.
      const storedHead: ChainHead = {
        position: this.st.headPosition.get() as bigint,
        hash: this.st.headHash.get() as string,
      };
      const lastPosition = (this.st.lastPosition.get() as bigint | null) ?? 0n;
      if (lastPosition !== storedHead.position) {
        throw new NotALedger(
          `The ledger is damaged: its head record says position ${storedHead.position} but the log ends at ${lastPosition}; refusing to extend it (run verify)`,
        );
      }
      const head = { ...storedHead };
      const revisions = new Map<string, bigint | null>();
      for (const append of batch) {
        try {
          outcomes.push({ ok: true, result: this.appendOne(append, head, revisions) });
        } catch (error) {
          // A broken rule fails its own append. Anything else (I/O error, disk full) may have rolled
          // back the whole transaction under us: then nothing of the batch can be trusted.
          if (!(error instanceof LedgerError) || !this.db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      if (head.position !== storedHead.position) {
        this.st.setHead.run(head.position, head.hash);
        stored = true;
      }
      this.commit.run();
    } catch (error) {
      // Nothing of the batch is durable: every append of it fails, including those that passed.
      try {
        if (this.db.inTransaction) this.rollback.run();
      } catch {
        // SQLite already rolled back; there is nothing left to undo.
      }
      const refused = storageErrorOf(error);
      for (const append of batch) append.reject(refused);
      return;
    }
    batch.forEach((append, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    if (stored) {
      this.onCommitted();
      for (const append of batch)
        for (const e of append.events) this.uncheckpointedBytes += e.dataJson.length + e.metadataJson.length;
      if (this.uncheckpointedBytes >= CHECKPOINT_AFTER_BYTES) this.scheduleCheckpoint();
    }
  }

  /**
   * A small WAL checkpoint after every committed batch, once its appends are acknowledged. SQLite's
   * automatic checkpoint would instead run inside the COMMIT that crosses 1000 pages and hold that
   * batch for tens of milliseconds; a checkpointing thread competes with every commit's fsync. Both
   * were measured: this keeps the tail latency lowest. PASSIVE never waits for other connections.
   */
  private scheduleCheckpoint(): void {
    if (this.checkpointScheduled) return;
    this.checkpointScheduled = true;
    setImmediate(() => {
      this.checkpointScheduled = false;
      this.uncheckpointedBytes = 0;
      if (!this.db.open) return;
      try {
        this.checkpoint.run();
      } catch {
        // Not fatal: the WAL keeps the data; SQLite's automatic checkpoint is the safety net.
      }
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private appendOne(
    append: PendingAppend,
    head: ChainHead,
    revisions: Map<string, bigint | null>,
  ): AppendResult {
    const { stream, events } = append;
    this.savepoint.run();
    try {
      const replayed = this.replayOfKey(append) ?? this.replayOfIds(append);
      if (replayed) {
        this.release.run();
        return replayed;
      }
      let current = revisions.get(stream);
      if (current === undefined) current = (this.st.streamRevision.get(stream) as bigint | undefined) ?? null;
      checkExpected(stream, append.expected, current);
      const recordedAt = this.clock().toISOString();
      let position = head.position;
      let hash = head.hash;
      let revision = current ?? -1n;
      for (const e of events) {
        position += 1n;
        revision += 1n;
        hash = this.chainLink(hash, recordString(stream, revision, e, recordedAt));
        this.st.insertEvent.run(
          position,
          stream,
          revision,
          e.id,
          e.type,
          e.schemaVersion,
          e.occurredAt,
          recordedAt,
          e.metadataJson,
          e.dataJson,
          hash,
        );
      }
      const firstPosition = head.position + 1n;
      if (append.idempotency) {
        const { key, fingerprint } = append.idempotency;
        this.st.insertIdempotency.run(key, fingerprint, stream, firstPosition, position, revision);
      }
      this.release.run();
      head.position = position;
      head.hash = hash;
      revisions.set(stream, revision);
      return { nextExpectedRevision: revision, firstPosition, lastPosition: position, replayed: false };
    } catch (error) {
      this.rollbackTo.run();
      this.release.run();
      throw error;
    }
  }

  /** The same key with the same request returns the first result; with another request it is refused. */
  private replayOfKey(append: PendingAppend): AppendResult | undefined {
    if (!append.idempotency) return undefined;
    const row = this.st.idempotencyByKey.get(append.idempotency.key) as
      | [string, string, bigint, bigint, bigint]
      | undefined;
    if (!row) return undefined;
    const [fingerprint, stream, firstPosition, lastPosition, nextExpectedRevision] = row;
    if (fingerprint !== append.idempotency.fingerprint || stream !== append.stream) {
      throw new IdempotencyKeyReused(append.idempotency.key);
    }
    return { nextExpectedRevision, firstPosition, lastPosition, replayed: true };
  }

  /**
   * Re-appending events whose ids are all stored, in the same stream and order, is a retry: it
   * returns the first result. Some ids stored and some not (or stored elsewhere) is an error.
   */
  private replayOfIds(append: PendingAppend): AppendResult | undefined {
    if (append.callerIds.length === 0) return undefined;
    const found: [string, bigint, bigint][] = [];
    for (const id of append.callerIds) {
      const row = this.st.eventById.get(id) as [string, bigint, bigint] | undefined;
      if (row) found.push(row);
      else if (found.length > 0) break;
    }
    if (found.length === 0) return undefined;
    const firstId = append.callerIds[0]!;
    if (found.length !== append.events.length) {
      const stored = append.callerIds.find((id) => this.st.eventById.get(id) !== undefined) ?? firstId;
      throw new DuplicateEventId(stored);
    }
    const [stream, firstRevision, firstPosition] = found[0]!;
    const sameAppend = found.every(
      ([s, revision], i) => s === append.stream && s === stream && revision === firstRevision + BigInt(i),
    );
    if (!sameAppend) throw new DuplicateEventId(firstId);
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last[1], firstPosition, lastPosition: last[2], replayed: true };
  }
}

function checkExpected(stream: string, expected: ExpectedRevision, current: bigint | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedRevision(stream, describeExpected(expected), current ?? undefined);
}
