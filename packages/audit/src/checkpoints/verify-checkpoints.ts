import { GENESIS_HASH } from '@docket/event-store';
import { checkpointSuite, type SignedCheckpoint, verifyCheckpointSignature } from './checkpoint';
import type { TrustedKeys } from './keys';
import { LeafArchiveReader } from './leaf-archive';
import { type CheckpointLedger, type LeafVisitor, type LedgerScan, scanLedgerTree } from './ledger-tree';
import { merkleHashOf, TreeBuilder } from './merkle';

export type CheckpointProblem =
  | 'untrusted-key'
  | 'bad-signature'
  | 'other-ledger'
  /** A checkpoint made with another hash than the ledger's chain (SM3 against SHA-256, or the reverse). */
  | 'other-suite'
  /** The ledger's own chain is broken: verify() names the position. */
  | 'chain-broken'
  /** The ledger holds fewer events than were signed. */
  | 'truncated'
  /** The chain is whole, but its events are not the ones that were signed. */
  | 'rewritten';

export type CheckpointVerification =
  | { ok: true; checkpoints: number; size: number; headHash: string; treeRoot: string }
  | CheckpointFailure;

export interface CheckpointFailure {
  ok: false;
  problem: CheckpointProblem;
  /** The size of the (first) checkpoint the ledger fails. */
  checkpoint: number;
  /** The first position missing, broken, or other than signed; absent when a rewrite is only known `within`. */
  position?: bigint;
  /** A rewrite found without an authentic leaf archive: the positions it lies in. */
  within?: { from: bigint; to: bigint };
  reason: string;
}

export interface VerifyCheckpointOptions {
  /** The leaf archive (`leaves.bin`): with it a rewrite is named by its first position. */
  leafArchive?: string;
  /** The ledger the checkpoints must be of; default: the first checkpoint's. */
  ledgerId?: string;
}

/**
 * Does the ledger still hold what the checkpoint signed? The signature is valid and its key trusted; the
 * ledger's own chain verifies up to `size`; the ledger holds at least `size` events (else truncated, at
 * the first missing position); its first `size` leaves give the signed tree root and the signed head hash
 * (else rewritten). Events after `size` are not this checkpoint's concern (verify() walks them).
 */
export function verifyAgainstCheckpoint(
  ledger: CheckpointLedger,
  checkpoint: SignedCheckpoint,
  trusted: TrustedKeys,
  options: VerifyCheckpointOptions = {},
): Promise<CheckpointVerification> {
  return verifyAgainstCheckpoints(ledger, [checkpoint], trusted, options);
}

/**
 * The ledger against every checkpoint at once, in one pass over it: the first checkpoint it fails is
 * reported, and the checkpoints before it narrow down where a rewrite without a leaf archive lies.
 */
export async function verifyAgainstCheckpoints(
  ledger: CheckpointLedger,
  checkpoints: readonly SignedCheckpoint[],
  trusted: TrustedKeys,
  options: VerifyCheckpointOptions = {},
): Promise<CheckpointVerification> {
  return (await checkLedger(ledger, checkpoints, trusted, options)).result;
}

/** How the signer runs the same pass (see CheckpointSigner.open). */
export interface LedgerCheckPass {
  /** Read on past the last checkpoint to the end of the log. */
  toEnd?: boolean;
  /** Sees every leaf: the signer builds its tree and its archive in the pass that checks its history. */
  visit?: LeafVisitor;
  /** Walk the chain over the signed prefix first (default true). */
  walkChain?: boolean;
}

/** The pass behind both. */
export async function checkLedger(
  ledger: CheckpointLedger,
  checkpoints: readonly SignedCheckpoint[],
  trusted: TrustedKeys,
  options: VerifyCheckpointOptions & LedgerCheckPass = {},
): Promise<{ result: CheckpointVerification; scan?: LedgerScan }> {
  const sorted = [...checkpoints].sort((a, b) => a.size - b.size);
  const ledgerId = options.ledgerId ?? sorted[0]?.ledgerId;
  const fail = (checkpoint: SignedCheckpoint, failure: Omit<CheckpointFailure, 'ok' | 'checkpoint'>) => ({
    result: { ok: false as const, checkpoint: checkpoint.size, ...failure },
  });
  // The tree is the ledger's hash's (as its head records it); each checkpoint names the hash it signed.
  const merkle = merkleHashOf(ledger.hashAlgorithm);
  for (const checkpoint of sorted) {
    const signature = verifyCheckpointSignature(checkpoint, trusted);
    if (!signature.ok) return fail(checkpoint, { problem: signature.problem, reason: signature.reason });
    const { hashAlgorithm } = checkpointSuite(checkpoint);
    if (hashAlgorithm !== ledger.hashAlgorithm) {
      return fail(checkpoint, {
        problem: 'other-suite',
        reason: `checkpoint ${checkpoint.size} signs a ${hashAlgorithm.toUpperCase()} chain; this ledger is chained with ${ledger.hashAlgorithm.toUpperCase()}`,
      });
    }
    if (checkpoint.ledgerId !== ledgerId) {
      return fail(checkpoint, {
        problem: 'other-ledger',
        reason: `checkpoint ${checkpoint.size} is of ledger ${JSON.stringify(checkpoint.ledgerId)}, not ${JSON.stringify(ledgerId)}`,
      });
    }
  }
  const last = sorted.at(-1);
  if (last && last.size > 0 && options.walkChain !== false) {
    const chain = await ledger.verify({ to: BigInt(last.size) });
    if (!chain.ok) {
      const broken = sorted.find((c) => BigInt(c.size) >= chain.position) ?? last;
      return fail(broken, { problem: 'chain-broken', position: chain.position, reason: chain.reason });
    }
  }

  const archive = options.leafArchive ? new LeafArchiveReader(options.leafArchive) : undefined;
  const archiveTree = new TreeBuilder(undefined, merkle);
  let firstDifference: number | undefined;
  let next = 0;
  let passed = 0;
  let failure: { result: CheckpointFailure } | undefined;
  // The archive is believed for a checkpoint only if its first `size` leaves give the signed root.
  const archiveGives = (checkpoint: SignedCheckpoint): boolean =>
    archiveTree.size === checkpoint.size && archiveTree.root().toString('hex') === checkpoint.treeRoot;
  // The root is folded only where a checkpoint stands: O(log n) each time, so not at every leaf.
  const checkAt = (size: number, rootOf: () => Buffer, headHash: string): boolean => {
    let root: string | undefined;
    while (next < sorted.length && sorted[next]!.size === size) {
      const checkpoint = sorted[next]!;
      root ??= rootOf().toString('hex');
      if (root !== checkpoint.treeRoot || headHash !== checkpoint.headHash) {
        failure = fail(
          checkpoint,
          rewrite(checkpoint, passed, archiveGives(checkpoint) ? firstDifference : undefined),
        );
        return false;
      }
      passed = checkpoint.size;
      next += 1;
    }
    return true;
  };
  try {
    // Every ledger extends the empty one; a size-0 checkpoint only has to hold the empty tree's values.
    if (!checkAt(0, () => merkle.emptyRoot, GENESIS_HASH)) return failure!;
    const scan = await scanLedgerTree(ledger, {
      ...(options.toEnd ? {} : { upTo: last?.size ?? 0 }),
      visit: (event, leaf, tree) => {
        const index = tree.size - 1;
        const archived = archive?.leaf(index);
        if (archived) {
          archiveTree.push(archived);
          if (firstDifference === undefined && !archived.equals(leaf)) firstDifference = index;
        }
        if (!checkAt(tree.size, () => tree.root(), event.hash)) return false;
        return options.visit?.(event, leaf, tree);
      },
    });
    if (failure) return failure;
    const missing = sorted[next];
    if (missing) {
      // A shorter ledger may also be a rewritten one (an event deleted in the middle, the rest renumbered
      // and re-hashed): the first leaf that differs from an authentic archive names where it starts, the
      // end of the log only where the history was cut. The archive's leaves past the ledger's end are read
      // on, so that its root can be compared with the one this checkpoint signed.
      for (let index = archiveTree.size; archive && index < missing.size; index++) {
        const archived = archive.leaf(index);
        if (!archived) break;
        archiveTree.push(archived);
      }
      if (firstDifference !== undefined && archiveGives(missing)) {
        const position = BigInt(firstDifference + 1);
        return fail(missing, {
          problem: 'rewritten',
          position,
          reason: `event ${position} is not the one checkpoint ${missing.size} signed, and the ledger ends at position ${scan.tree.size}: events were removed or replaced from there on (the chain verifies, but the leaf archive, which gives the signed tree root, holds another hash there)`,
        });
      }
      const position = BigInt(scan.tree.size + 1);
      return fail(missing, {
        problem: 'truncated',
        position,
        reason:
          `the ledger ends at position ${scan.tree.size}; checkpoint ${missing.size} signed ${missing.size} events` +
          (archiveGives(missing) || passed >= scan.tree.size
            ? ''
            : ` (without an authentic leaf archive, events ${passed + 1}..${scan.tree.size} may have been changed too)`),
      });
    }
    const result: CheckpointVerification = last
      ? {
          ok: true,
          checkpoints: sorted.length,
          size: last.size,
          headHash: last.headHash,
          treeRoot: last.treeRoot,
        }
      : {
          ok: true,
          checkpoints: 0,
          size: 0,
          headHash: GENESIS_HASH,
          treeRoot: merkle.emptyRoot.toString('hex'),
        };
    return { result, scan };
  } finally {
    archive?.close();
  }
}

function rewrite(
  checkpoint: SignedCheckpoint,
  lastPassed: number,
  firstDifference: number | undefined,
): Omit<CheckpointFailure, 'ok' | 'checkpoint'> {
  if (firstDifference !== undefined && firstDifference < checkpoint.size) {
    const position = BigInt(firstDifference + 1);
    return {
      problem: 'rewritten',
      position,
      reason: `event ${position} is not the one checkpoint ${checkpoint.size} signed: the chain verifies, but the leaf archive (which gives the signed tree root) holds another hash there`,
    };
  }
  const from = BigInt(lastPassed + 1);
  const to = BigInt(checkpoint.size);
  return {
    problem: 'rewritten',
    within: { from, to },
    reason: `the ledger's first ${checkpoint.size} events do not give the signed tree root and head hash: history was rewritten within positions ${from}..${to} (no authentic leaf archive to name the first)`,
  };
}
