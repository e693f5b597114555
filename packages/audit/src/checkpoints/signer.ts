import { mkdirSync } from 'node:fs';
import type { Subscription } from '@docket/event-store';
import { GENESIS_HASH } from '@docket/event-store';
import type { SignedCheckpoint } from './checkpoint';
import { readCheckpoints, writeCheckpointFile } from './checkpoint-store';
import { CheckpointError } from './errors';
import { loadTrustedKeys, trustPublicKey } from './keys';
import { appendToLeafArchive, LeafArchiveRewrite, leafArchivePath } from './leaf-archive';
import type { CheckpointLedger } from './ledger-tree';
import type { TreeBuilder } from './merkle';
import { acquireSignerLock, type SignerLock } from './signer-lock';
import {
  type CheckpointSigningKey,
  fileSigningKey,
  refuseKeyOfOtherSuite,
  signCheckpointWith,
} from './signing-key';
import { type CheckpointFailure, checkLedger } from './verify-checkpoints';

export interface CheckpointSignerOptions {
  ledger: CheckpointLedger;
  /** Where the trusted public keys are, and the signing key unless `signingKey` is given (see keys.ts). */
  keyDir: string;
  /**
   * What signs: default the key file of `keyDir`. An HSM or KMS signer keeps the private key off this
   * machine; its public key is added to `keyDir`'s trusted set.
   */
  signingKey?: CheckpointSigningKey;
  /** Takes each checkpoint to the witnesses as it is stored (a WitnessCourier); never holds up signing. */
  courier?: { ship(checkpoint: SignedCheckpoint): void };
  /** Where `<size>.json` and the leaf archive go. */
  checkpointDir: string;
  /**
   * The centre's name, for a ledger without an id of its own (an adapter's `ledgerId` wins); once
   * checkpoints exist, their name is the default.
   */
  ledgerId?: string;
  /** Sign once this many events arrived since the last checkpoint. */
  everyEvents?: number;
  /** Sign this often while events arrive. */
  everyMs?: number;
  clock?: () => Date;
  onSigned?: (checkpoint: SignedCheckpoint, path: string) => void;
  /** A failed signing (the signer keeps following and tries again at the next trigger). */
  onError?: (error: unknown) => void;
}

/** The signer refused to go on: the ledger no longer holds what earlier checkpoints signed. */
export class LedgerDisagreesWithCheckpoints extends CheckpointError {
  constructor(readonly verification: CheckpointFailure) {
    super('LedgerDisagreesWithCheckpoints', `Will not sign: ${verification.reason}`);
  }
}

/**
 * Signs the ledger's head after every N events and/or every T ms, following the ledger. It never signs
 * a history that contradicts its own earlier checkpoints: opening checks the ledger's tree against all of
 * them (one pass, which also builds the tree and rewrites the leaf archive), and every signing first
 * walks the chain over the events that arrived since the last. After opening, a signing costs
 * O(new events + log n). One signer per checkpoint directory: it holds `signer.lock` there from open
 * until stop() (another open meanwhile is SignerBusy).
 */
export class CheckpointSigner {
  /** Undefined until a first checkpoint exists. */
  private signedSize: number | undefined;
  private verifiedTo: number;
  private archived: number;
  private readonly pending: Buffer[] = [];
  private lastHash: string;
  private lastPosition: bigint | undefined;
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private signing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly lock: SignerLock,
    private readonly options: CheckpointSignerOptions,
    private readonly key: CheckpointSigningKey,
    private readonly ledgerId: string,
    private readonly tree: TreeBuilder,
    state: { signedSize: number | undefined; lastHash: string | undefined; lastPosition: bigint | undefined },
  ) {
    this.signedSize = state.signedSize;
    this.verifiedTo = state.signedSize ?? 0;
    this.archived = tree.size;
    this.lastHash = state.lastHash ?? GENESIS_HASH;
    this.lastPosition = state.lastPosition;
  }

  static async open(options: CheckpointSignerOptions): Promise<CheckpointSigner> {
    const key = options.signingKey ?? fileSigningKey(options.keyDir);
    // An SM3 (国密) ledger is signed with SM2, a SHA-256 one with Ed25519: refused before anything is done.
    refuseKeyOfOtherSuite(key, options.ledger.hashAlgorithm);
    trustPublicKey(options.keyDir, key.publicKey);
    const trusted = loadTrustedKeys(options.keyDir);
    mkdirSync(options.checkpointDir, { recursive: true });
    const lock = acquireSignerLock(options.checkpointDir);
    try {
      // Read under the lock: another signer may have written a checkpoint until a moment ago.
      const checkpoints = readCheckpoints(options.checkpointDir);
      const ledgerId = resolveLedgerId(options, checkpoints);
      const archivePath = leafArchivePath(options.checkpointDir);
      const rewrite = new LeafArchiveRewrite(archivePath);
      let checked: Awaited<ReturnType<typeof checkLedger>>;
      try {
        checked = await checkLedger(options.ledger, checkpoints, trusted, {
          leafArchive: archivePath,
          ledgerId,
          toEnd: true,
          // What a checkpoint signs is the hash column; the tree check alone shows it is what was signed
          // before. An edit that left the hashes alone breaks the chain, which verify() reports, and signing
          // over it launders nothing: the new checkpoint still commits to the original hashes.
          walkChain: false,
          visit: (_event, leaf) => {
            rewrite.add(leaf);
            return true;
          },
        });
      } catch (error) {
        rewrite.abort();
        throw error;
      }
      if (!checked.result.ok || !checked.scan) {
        rewrite.abort();
        throw new LedgerDisagreesWithCheckpoints(checked.result as CheckpointFailure);
      }
      rewrite.commit();
      const { tree, lastHash, lastPosition } = checked.scan;
      return new CheckpointSigner(lock, options, key, ledgerId, tree, {
        signedSize: checkpoints.at(-1)?.size,
        lastHash,
        lastPosition,
      });
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Leaves in the tree so far (the events seen). */
  get size(): number {
    return this.tree.size;
  }

  /** Which key signs, and where it is (for the operator). */
  get signingKey(): { keyId: string; location: string } {
    return { keyId: this.key.keyId, location: this.key.location };
  }

  /** Size of the last checkpoint stored. */
  get signed(): number | undefined {
    return this.signedSize;
  }

  /**
   * Signs the events seen so far; undefined when the last checkpoint already covers them (unless
   * `force`, e.g. to re-sign the head with a rotated key).
   */
  signNow(
    options: { force?: boolean } = {},
  ): Promise<{ checkpoint: SignedCheckpoint; path: string } | undefined> {
    const run = this.signing.then(() => this.sign(options.force === true));
    this.signing = run.catch(() => undefined);
    return run;
  }

  /** Follows the ledger from the last event seen and signs on the configured triggers. */
  start(): void {
    if (this.subscription) return;
    const { everyEvents, everyMs } = this.options;
    const subscription = this.options.ledger.subscribeToAll(
      this.lastPosition === undefined ? {} : { after: this.lastPosition },
    );
    this.subscription = subscription;
    this.following = (async () => {
      for await (const event of subscription) {
        const leaf = this.tree.merkle.leafHash(event.hash);
        this.tree.push(leaf);
        this.pending.push(leaf);
        this.lastHash = event.hash;
        this.lastPosition = event.position;
        if (everyEvents !== undefined && this.tree.size - (this.signedSize ?? 0) >= everyEvents)
          await this.trigger();
      }
    })().catch((error) => this.options.onError?.(error));
    if (everyMs !== undefined) {
      this.timer = setInterval(() => {
        if (this.tree.size > (this.signedSize ?? 0)) void this.trigger();
      }, everyMs);
      this.timer.unref();
    }
  }

  /** Stops following; a signing under way completes; the directory's lock is released. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.subscription?.stop();
    await this.following;
    this.subscription = undefined;
    await this.signing;
    this.lock.release();
  }

  private async trigger(): Promise<void> {
    try {
      const signed = await this.signNow();
      if (signed) this.options.onSigned?.(signed.checkpoint, signed.path);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async sign(force: boolean): Promise<{ checkpoint: SignedCheckpoint; path: string } | undefined> {
    // What is signed is fixed now: events that arrive while the chain is walked wait for the next one.
    const size = this.tree.size;
    if (size === this.signedSize && !force) return undefined;
    const treeRoot = this.tree.root().toString('hex');
    const headHash = this.lastHash;
    const leaves = this.pending.slice(0, size - this.archived);
    if (size > this.verifiedTo) {
      const chain = await this.options.ledger.verify({ from: BigInt(this.verifiedTo + 1), to: BigInt(size) });
      if (!chain.ok) {
        throw new CheckpointError(
          'ChainBroken',
          `Will not sign: position ${chain.position}: ${chain.reason}`,
        );
      }
      if (chain.headHash !== headHash) {
        throw new CheckpointError(
          'LedgerChanged',
          `Will not sign: the chain hash at ${size} is now ${chain.headHash}, it was ${headHash} when read`,
        );
      }
      this.verifiedTo = size;
    }
    const { checkpointDir } = this.options;
    appendToLeafArchive(leafArchivePath(checkpointDir), this.archived, leaves);
    this.pending.splice(0, leaves.length);
    this.archived += leaves.length;
    const checkpoint = await signCheckpointWith(
      {
        ledgerId: this.ledgerId,
        size,
        headHash,
        treeRoot,
        signedAt: (this.options.clock?.() ?? new Date()).toISOString(),
        hashAlgorithm: this.options.ledger.hashAlgorithm,
      },
      this.key,
    );
    const path = writeCheckpointFile(checkpointDir, checkpoint);
    this.signedSize = size;
    this.options.courier?.ship(checkpoint);
    return { checkpoint, path };
  }
}

function resolveLedgerId(options: CheckpointSignerOptions, checkpoints: readonly SignedCheckpoint[]): string {
  const own = (options.ledger as { ledgerId?: unknown }).ledgerId;
  const ledgerId =
    (typeof own === 'string' ? own : undefined) ?? options.ledgerId ?? checkpoints.at(-1)?.ledgerId;
  if (!ledgerId) {
    throw new CheckpointError(
      'LedgerIdRequired',
      'Name the ledger the checkpoints are of (the centre): this ledger has no id and no checkpoint names one',
    );
  }
  return ledgerId;
}
