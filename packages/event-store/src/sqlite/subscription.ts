import { matchesFilter } from '../encoding';
import type { EventFilter, RecordedEvent, Subscription } from '../port';
import type { Page } from './page';
import { type Member, type SharedReader, SUBSCRIPTION_PAGE } from './shared-reader';
import { RowIndex } from './statements';

/**
 * Catch-up subscription: the log after its checkpoint, then live. Near the end of the log it reads
 * through the store's SharedReader (one SELECT and one decode per event for all such subscriptions);
 * further behind, or once detached for lagging, it reads pages on its own until it can join. Either way
 * it consumes consecutive rows after its checkpoint, so it never skips or repeats an event. When the log
 * has nothing new it waits for the end of the reader's round: a commit through this store (at once) or
 * the poll interval (commits of other processes on the same file).
 *
 * Events are frozen: one object may be handed to several subscribers.
 */
export class SqliteSubscription implements Subscription, Member {
  /** The last position consumed (delivered or filtered out), or the `after` it started from. */
  private position: bigint;
  private lastSeen: bigint | undefined;
  /** The page being read: a shared one while a member, else its own. */
  page: Page | undefined;
  private index = 0;
  private member = false;
  /** The round in which its own read reached the end of the log; -1: its last own read did not. */
  private endSeenInRound = -1;
  private stopped = false;
  private cancelWait: (() => void) | undefined;
  private readonly deregister: () => void;
  private readonly iterator: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly reader: SharedReader,
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

  detach(): void {
    this.member = false;
    this.page = undefined;
  }

  private end(): void {
    this.stopped = true;
    this.cancelWait?.();
    // Also here: a generator that never started or is parked at a `yield` never reaches its finally.
    this.release();
  }

  /** Lets go of the shared pages (so that they can be freed) and of the store's registry. */
  private release(): void {
    this.reader.leave(this);
    this.detach();
    this.deregister();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.stopped) {
        const page = this.pageWithRows();
        if (page === undefined) {
          await this.waitForAppends();
          continue;
        }
        const index = this.index++;
        const row = page.rows[index]!;
        const position = row[RowIndex.position];
        // A shared page may begin before this subscription's checkpoint: those rows it has had already.
        if (position <= this.position) continue;
        this.position = position;
        this.lastSeen = position;
        if (matchesFilter(row[RowIndex.stream], row[RowIndex.type], this.filter)) yield page.eventAt(index);
      }
    } finally {
      this.cancelWait?.();
      this.release();
    }
  }

  /** The page holding the next row after the checkpoint; undefined when the log has nothing new yet. */
  private pageWithRows(): Page | undefined {
    for (;;) {
      const page = this.page;
      if (page !== undefined && this.index < page.rows.length) return page;
      if (this.member && page !== undefined) {
        const next = this.reader.nextPage(this, page);
        if (next !== undefined) {
          this.page = next;
          this.index = 0;
          continue;
        }
        if (this.member) return undefined;
        continue; // detached meanwhile: read on our own from the checkpoint
      }
      const head = this.reader.join(this, this.position, this.endSeenInRound);
      if (head !== undefined) {
        this.member = true;
        this.page = head;
        this.index = 0;
        continue;
      }
      // The log's end was seen in this round already: nothing new until the next one.
      if (this.endSeenInRound === this.reader.rounds.round) return undefined;
      this.page = this.reader.readOwn(this.position);
      this.index = 0;
      const full = this.page.rows.length === SUBSCRIPTION_PAGE;
      this.endSeenInRound = full ? -1 : this.reader.rounds.round;
    }
  }

  private async waitForAppends(): Promise<void> {
    const wait = this.reader.rounds.wait();
    this.cancelWait = wait.cancel;
    await wait.done;
    this.cancelWait = undefined;
  }
}
