import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import type { SignedCheckpoint } from './checkpoint';
import { readCheckpoints } from './checkpoint-store';
import { leafArchivePath } from './leaf-archive';
import type { CheckpointWitness } from './witness';

export interface WitnessCourierOptions {
  witnesses: readonly CheckpointWitness[];
  /** The signer's checkpoint directory: its checkpoints, its leaf archive, and what each witness took. */
  checkpointDir: string;
  /** The first retry after a failure (default 1 s); each next one waits twice as long, up to `maxRetryMs`. */
  firstRetryMs?: number;
  /** Default 5 min. */
  maxRetryMs?: number;
  onDelivered?: (witness: string, checkpoint: SignedCheckpoint) => void;
  onFailed?: (witness: string, checkpoint: SignedCheckpoint, error: unknown, attempt: number) => void;
  clock?: () => Date;
}

export interface WitnessStatus {
  witness: string;
  /** Size of the last checkpoint it took (null: none yet). */
  delivered: number | null;
  /** Sizes of the checkpoints waiting for it, oldest first. */
  pending: number[];
  /** Since when its deliveries fail, and why (absent while they succeed). */
  failingSince?: string;
  lastError?: string;
}

/** `<checkpointDir>/witness-<id>.json`: what one witness took last, so a restart ships what it did not. */
interface DeliveredMark {
  witness: string;
  delivered: number;
  signature: string;
}

/**
 * Takes each signed checkpoint to every witness, in order, without ever holding up the ledger or the
 * signer: `ship` queues and returns. A failed delivery is retried (1 s, 2 s, 4 s, … up to 5 min, and at
 * once when the next checkpoint is signed), reported through `onFailed` (the service logs it) and in
 * `warnings()` (its health answer), until the witness takes it. What each witness took is marked in the
 * checkpoint directory; a courier made later queues every local checkpoint past the mark, so a restart
 * (or a witness configured later) catches up.
 */
export class WitnessCourier {
  private readonly lanes: Lane[];
  private running = false;

  constructor(options: WitnessCourierOptions) {
    let local: SignedCheckpoint[] = [];
    try {
      local = readCheckpoints(options.checkpointDir);
    } catch {
      // A malformed checkpoint file is verify's to report; the courier ships what it is given from now on.
    }
    this.lanes = options.witnesses.map((witness) => new Lane(witness, options, local));
  }

  get witnesses(): string[] {
    return this.lanes.map((lane) => lane.witness.name);
  }

  /** Queues a checkpoint just signed for every witness; returns at once. */
  ship(checkpoint: SignedCheckpoint): void {
    for (const lane of this.lanes) {
      lane.enqueue(checkpoint);
      if (this.running) lane.wake();
    }
  }

  /** Delivers in the background from now on, retrying failures. */
  start(): void {
    this.running = true;
    for (const lane of this.lanes) lane.retrying = true;
    for (const lane of this.lanes) lane.wake();
  }

  /** One attempt at everything queued (each witness up to its first failure); for `docket checkpoint sign`. */
  async flush(): Promise<WitnessStatus[]> {
    for (const lane of this.lanes) await lane.pump();
    return this.status();
  }

  status(): WitnessStatus[] {
    return this.lanes.map((lane) => lane.status());
  }

  /** One line per witness that is not taking its checkpoints: for the health answer. */
  warnings(): string[] {
    return this.lanes.flatMap((lane) => {
      const s = lane.status();
      if (s.pending.length === 0 || s.lastError === undefined) return [];
      const sizes =
        s.pending.length <= 3
          ? s.pending.join(', ')
          : `${s.pending.slice(0, 3).join(', ')} and ${s.pending.length - 3} more`;
      return [
        `checkpoint witness ${s.witness} has not taken checkpoint ${sizes} (failing since ${s.failingSince}: ${s.lastError}); retrying`,
      ];
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const lane of this.lanes) await lane.stop();
  }
}

class Lane {
  private readonly queue: SignedCheckpoint[] = [];
  private readonly markPath: string;
  private mark: DeliveredMark | undefined;
  private attempts = 0;
  private failingSince: string | undefined;
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  retrying = false;

  constructor(
    readonly witness: CheckpointWitness,
    private readonly options: WitnessCourierOptions,
    local: readonly SignedCheckpoint[],
  ) {
    const id = createHash('sha256').update(witness.name).digest('hex').slice(0, 12);
    this.markPath = join(options.checkpointDir, `witness-${id}.json`);
    this.mark = readMark(this.markPath);
    for (const checkpoint of local) if (!this.taken(checkpoint)) this.enqueue(checkpoint);
  }

  enqueue(checkpoint: SignedCheckpoint): void {
    if (this.queue.some((c) => c.size === checkpoint.size && c.signature === checkpoint.signature)) return;
    this.queue.push(checkpoint);
    this.queue.sort((a, b) => a.size - b.size);
  }

  /** Now: on start, and when a checkpoint was signed (a natural moment to retry a failing witness). */
  wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump();
  }

  /** Delivers the queue in order until it is empty or a delivery fails; one pump at a time. */
  pump(): Promise<void> {
    this.pumping ??= this.deliverQueue().finally(() => {
      this.pumping = undefined;
    });
    return this.pumping;
  }

  async stop(): Promise<void> {
    this.retrying = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pumping;
  }

  status(): WitnessStatus {
    return {
      witness: this.witness.name,
      delivered: this.mark?.delivered ?? null,
      pending: this.queue.map((c) => c.size),
      ...(this.failingSince === undefined ? {} : { failingSince: this.failingSince }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  private taken(checkpoint: SignedCheckpoint): boolean {
    if (this.mark === undefined) return false;
    return (
      checkpoint.size < this.mark.delivered ||
      (checkpoint.size === this.mark.delivered && checkpoint.signature === this.mark.signature)
    );
  }

  private async deliverQueue(): Promise<void> {
    const leafArchive = leafArchivePath(this.options.checkpointDir);
    while (this.queue.length > 0) {
      const checkpoint = this.queue[0]!;
      try {
        await this.witness.deliver(checkpoint, { leafArchive });
      } catch (error) {
        this.attempts += 1;
        this.failingSince ??= (this.options.clock?.() ?? new Date()).toISOString();
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onFailed?.(this.witness.name, checkpoint, error, this.attempts);
        if (this.retrying) this.retryLater();
        return;
      }
      this.queue.shift();
      this.attempts = 0;
      this.failingSince = undefined;
      this.lastError = undefined;
      this.mark = { witness: this.witness.name, delivered: checkpoint.size, signature: checkpoint.signature };
      writeFileAtomically(this.markPath, `${JSON.stringify(this.mark, null, 2)}\n`);
      this.options.onDelivered?.(this.witness.name, checkpoint);
    }
  }

  private retryLater(): void {
    const first = this.options.firstRetryMs ?? 1000;
    const delay = Math.min(first * 2 ** Math.min(this.attempts - 1, 20), this.options.maxRetryMs ?? 300_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pump();
    }, delay);
    this.timer.unref();
  }
}

function readMark(path: string): DeliveredMark | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const mark = JSON.parse(readFileSync(path, 'utf8')) as Partial<DeliveredMark>;
    return typeof mark.delivered === 'number' && typeof mark.signature === 'string'
      ? (mark as DeliveredMark)
      : undefined;
  } catch {
    return undefined;
  }
}
