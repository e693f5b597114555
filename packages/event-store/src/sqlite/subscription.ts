import { matchesFilter } from '../encoding';
import type { EventFilter, RecordedEvent, Subscription } from '../port';
import { type EventRow, RowIndex } from './statements';

/** What a subscription needs from the store: pages of raw rows, decoding, and append notifications. */
export interface SubscriptionSource {
  readRows(after: bigint, limit: number): EventRow[];
  decode(row: EventRow): RecordedEvent;
  /** Calls `wake` once after the next commit in this process; returns a function that cancels it. */
  onNextCommit(wake: () => void): () => void;
  readonly pollIntervalMs: number;
}

const PAGE_SIZE = 500;

/**
 * Catch-up subscription: pages the log from the checkpoint, then waits for a commit in this process
 * (woken at once) or the poll interval (appends of other processes on the same file). Because positions
 * are gap-free and committed atomically, reading "after the checkpoint" never skips or repeats an event.
 */
export class SqliteSubscription implements Subscription {
  private position: bigint;
  private lastSeen: bigint | undefined;
  private stopped = false;
  private cancelWait: (() => void) | undefined;
  private readonly deregister: () => void;
  private readonly iterator: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    after: bigint | undefined,
    private readonly filter: EventFilter | undefined,
    /** Registers the subscription so that close() can end it; returns the deregistration. */
    register: (stop: () => void) => () => void,
  ) {
    this.position = after ?? 0n;
    this.lastSeen = after;
    this.deregister = register(() => this.end());
    this.iterator = this.run();
  }

  get checkpoint(): bigint | undefined {
    return this.lastSeen;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  async stop(): Promise<void> {
    this.end();
  }

  private end(): void {
    this.stopped = true;
    this.cancelWait?.();
    // Also here: a generator that never started or is parked at a `yield` never reaches its finally.
    this.deregister();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.stopped) {
        const rows = this.source.readRows(this.position, PAGE_SIZE);
        for (const row of rows) {
          if (this.stopped) return;
          this.position = row[RowIndex.position];
          this.lastSeen = this.position;
          if (matchesFilter(row[RowIndex.stream], row[RowIndex.type], this.filter)) {
            yield this.source.decode(row);
          }
        }
        if (rows.length < PAGE_SIZE && !this.stopped) await this.waitForAppends();
      }
    } finally {
      this.cancelWait?.();
      this.deregister();
    }
  }

  private waitForAppends(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        cancelCommit();
        this.cancelWait = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.source.pollIntervalMs);
      const cancelCommit = this.source.onNextCommit(done);
      this.cancelWait = done;
    });
  }
}
