import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  EventStoreDBClient,
  START,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { GENESIS_HASH } from '../encoding';
import { LedgerClosed, LedgerError, NotALedger } from '../errors';
import {
  CHECKPOINT_TYPE,
  type ChainCheckpoint,
  checkpointData,
  nextGlobalHash,
  readCheckpoints,
} from './chain';
import { nameBasedUuid, StreamNames } from './names';
import { StoppableIterator } from './reads';
import { classify } from './records';
import { ledgerFilter } from './subscription';

/** Two followers disagree about the global chain: one of them saw a different $all. */
export class GlobalChainForked extends LedgerError {
  constructor(message: string) {
    super('GlobalChainForked', message);
  }
}

export interface GlobalChainFollowerOptions {
  /** Either a connection string (the follower owns its client) or a client to share. */
  connectionString?: string;
  client?: EventStoreDBClient;
  /** The ledger's namespace (see openEventStoreDbLedger). */
  namespace?: string;
  /** Write a checkpoint after this many events (default 100)... */
  checkpointEvery?: number;
  /** ...or when this many milliseconds pass without a new event (default 1000). */
  idleCheckpointMs?: number;
  /** Called once if the follower stops on an error (fork, damaged event, lost connection). */
  onError?: (error: Error) => void;
}

interface ChainState {
  count: number;
  commitPosition: bigint | undefined;
  preparePosition: bigint | undefined;
  hash: string;
}

/**
 * 全局链跟随者: the single follower of $all that keeps the ledger's global hash chain.
 *
 * EventStoreDB fixes the global order only when it commits, so no appender can chain the global log;
 * this follower reads $all in commit order, folds every ledger event into the global chain and
 * periodically appends a checkpoint {count, commitPosition, preparePosition, hash} to `docket/chain`
 * with an expected revision, so two followers cannot fork it: a follower that loses the race checks
 * the other's checkpoint against its own chain and stops with GlobalChainForked if they disagree.
 */
export class GlobalChainFollower {
  private state: ChainState;
  private chainRevision: bigint | undefined;
  /** Global hashes since the last confirmed checkpoint, to check another follower's checkpoint. */
  private readonly recent = new Map<number, string>();
  /** Another follower's checkpoint ahead of us, compared when we reach its count. */
  private ahead: ChainCheckpoint | undefined;
  private lastCheckpoint: ChainCheckpoint | undefined;
  private subscription: AllStreamSubscription | undefined;
  private iterator: StoppableIterator<AllStreamResolvedEvent> | undefined;
  private loop: Promise<void> = Promise.resolve();
  private writing: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private stopped = false;
  private waiters: Array<{ position: bigint; resolve: () => void; reject: (e: Error) => void }> = [];

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly ownsClient: boolean,
    private readonly names: StreamNames,
    private readonly every: number,
    private readonly idleMs: number,
    private readonly onError: ((error: Error) => void) | undefined,
    last: ChainCheckpoint | undefined,
  ) {
    this.lastCheckpoint = last;
    this.chainRevision = last?.revision;
    this.state = {
      count: last?.count ?? 0,
      commitPosition: last?.commitPosition,
      preparePosition: last?.preparePosition,
      hash: last?.hash ?? GENESIS_HASH,
    };
  }

  /** Resumes from the last checkpoint in `docket/chain` (or the genesis hash) and follows $all. */
  static async start(options: GlobalChainFollowerOptions): Promise<GlobalChainFollower> {
    const client =
      options.client ??
      (options.connectionString ? EventStoreDBClient.connectionString(options.connectionString) : undefined);
    if (!client) throw new TypeError('GlobalChainFollower needs a connectionString or a client');
    const names = new StreamNames(options.namespace);
    const [last] = await readCheckpoints(client, names, 'last');
    const follower = new GlobalChainFollower(
      client,
      !options.client,
      names,
      options.checkpointEvery ?? 100,
      options.idleCheckpointMs ?? 1000,
      options.onError,
      last,
    );
    follower.follow();
    return follower;
  }

  /** The chain as far as this follower has read. */
  get head(): { count: number; position: bigint | undefined; hash: string } {
    return { count: this.state.count, position: this.state.commitPosition, hash: this.state.hash };
  }

  get checkpoint(): ChainCheckpoint | undefined {
    return this.lastCheckpoint;
  }

  /** Waits until the follower has chained every ledger event up to `position`, then checkpoints. */
  async syncTo(position: bigint): Promise<ChainCheckpoint | undefined> {
    if (this.failure) throw this.failure;
    if (this.state.commitPosition === undefined || this.state.commitPosition < position) {
      await new Promise<void>((resolve, reject) => this.waiters.push({ position, resolve, reject }));
    }
    return this.checkpointNow();
  }

  /** Writes a checkpoint now if events were chained since the last one. */
  checkpointNow(): Promise<ChainCheckpoint | undefined> {
    const run = this.writing.then(() => this.writeCheckpoint());
    this.writing = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.closeSubscription();
    await this.loop;
    if (!this.failure) await this.checkpointNow().catch(() => undefined);
    await this.writing;
    for (const w of this.waiters.splice(0)) w.reject(this.failure ?? new LedgerClosed());
    if (this.ownsClient) await this.client.dispose();
  }

  private follow(): void {
    const from =
      this.state.commitPosition === undefined
        ? START
        : {
            commit: this.state.commitPosition,
            prepare: this.state.preparePosition ?? this.state.commitPosition,
          };
    const subscription = this.client.subscribeToAll({ fromPosition: from, filter: ledgerFilter(this.names) });
    this.subscription = subscription;
    const iterator = new StoppableIterator<AllStreamResolvedEvent>(subscription);
    this.iterator = iterator;
    this.loop = (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done || this.stopped) break;
          const resolved = next.value;
          const c = classify(resolved.event, this.names);
          if (c.kind === 'outside') continue;
          if (c.kind === 'damaged') throw new NotALedger(`Global chain stopped: ${c.reason}`);
          const event = c.event;
          if (this.state.commitPosition !== undefined && event.position <= this.state.commitPosition)
            continue;
          this.state = {
            count: this.state.count + 1,
            commitPosition: event.position,
            preparePosition: resolved.event?.position?.prepare ?? event.position,
            hash: nextGlobalHash(this.state.hash, event),
          };
          this.recent.set(this.state.count, this.state.hash);
          this.compareAhead();
          this.release();
          if (this.state.count - (this.lastCheckpoint?.count ?? 0) >= this.every) {
            await this.checkpointNow();
          } else {
            this.armIdleTimer();
          }
        }
      } catch (error) {
        if (!this.stopped) this.fail(error as Error);
      }
    })();
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.checkpointNow().catch((error: Error) => this.fail(error));
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private release(): void {
    const position = this.state.commitPosition;
    if (position === undefined) return;
    this.waiters = this.waiters.filter((w) => {
      if (w.position > position) return true;
      w.resolve();
      return false;
    });
  }

  private compareAhead(): void {
    const other = this.ahead;
    if (!other || other.count !== this.state.count) return;
    this.ahead = undefined;
    if (other.hash !== this.state.hash || other.commitPosition !== this.state.commitPosition) {
      throw new GlobalChainForked(
        `Chain checkpoint ${other.revision} (event ${other.count}) disagrees with this follower's chain`,
      );
    }
    this.confirm(other);
  }

  private confirm(checkpoint: ChainCheckpoint): void {
    this.lastCheckpoint = checkpoint;
    this.chainRevision = checkpoint.revision;
    for (const count of this.recent.keys()) if (count <= checkpoint.count) this.recent.delete(count);
  }

  private async writeCheckpoint(): Promise<ChainCheckpoint | undefined> {
    if (this.failure) throw this.failure;
    for (;;) {
      const s = this.state;
      const lastCount = this.lastCheckpoint?.count ?? 0;
      if (s.count <= lastCount || s.commitPosition === undefined || this.ahead) return this.lastCheckpoint;
      const data = checkpointData({
        count: s.count,
        commitPosition: s.commitPosition,
        preparePosition: s.preparePosition ?? s.commitPosition,
        hash: s.hash,
      });
      try {
        const result = await this.client.appendToStream(
          this.names.chainStream,
          [
            {
              // Identical checkpoints of two followers are one write for EventStoreDB.
              id: nameBasedUuid(`checkpoint\n${this.names.chainStream}\n${s.count}\n${s.hash}`),
              contentType: 'application/json',
              type: CHECKPOINT_TYPE,
              data,
              metadata: undefined,
            },
          ],
          { expectedRevision: this.chainRevision ?? 'no_stream' },
        );
        this.confirm({
          count: s.count,
          commitPosition: s.commitPosition,
          preparePosition: s.preparePosition ?? s.commitPosition,
          hash: s.hash,
          revision: result.nextExpectedRevision,
        });
        return this.lastCheckpoint;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        await this.adoptOther();
      }
    }
  }

  /** Another follower appended a checkpoint: it must lie on our chain (or ahead of us on it). */
  private async adoptOther(): Promise<void> {
    const [other] = await readCheckpoints(this.client, this.names, 'last');
    if (!other) throw new NotALedger('The chain stream changed but holds no checkpoint');
    if (other.count > this.state.count) {
      this.ahead = other;
      this.chainRevision = other.revision;
      return;
    }
    const ours = other.count === this.state.count ? this.state.hash : this.recent.get(other.count);
    if (ours !== undefined && ours !== other.hash) {
      throw new GlobalChainForked(
        `Chain checkpoint ${other.revision} (event ${other.count}) disagrees with this follower's chain`,
      );
    }
    this.confirm(other);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
    this.onError?.(error);
    void this.closeSubscription();
  }

  private async closeSubscription(): Promise<void> {
    this.iterator?.stop();
    const subscription = this.subscription;
    this.subscription = undefined;
    if (!subscription) return;
    await subscription.unsubscribe();
    subscription.destroy();
  }
}
