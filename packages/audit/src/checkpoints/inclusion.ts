import { GENESIS_HASH } from '@docket/event-store';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointError } from './errors';
import { type CheckpointLedger, ledgerSubtreeHashes, rangeKey } from './ledger-tree';
import { inclusionRanges } from './merkle-proofs';

/**
 * What a case export carries per event so that an outside party, holding only the export and a signed
 * checkpoint, can check the event was in the ledger the centre signed: the event's chain hash, the hash
 * before it (to recompute the chain hash from the event's own fields), and the audit path from its leaf
 * to the checkpoint's tree root.
 */
export interface EventInclusionProof {
  position: number;
  /** The checkpoint's size: the tree the path leads into. */
  treeSize: number;
  hash: string;
  previousHash: string;
  /** Hex subtree hashes, nearest the leaf first (RFC 9162 inclusion path). */
  path: string[];
}

/**
 * Inclusion proofs for events at `positions` in the tree the checkpoint signed, in one pass over the
 * ledger's first `size` events. Refuses when the ledger no longer gives the signed root: proofs into a
 * tree nobody signed would prove nothing.
 */
export async function inclusionProofsFor(
  ledger: CheckpointLedger,
  positions: readonly (bigint | number)[],
  checkpoint: SignedCheckpoint,
): Promise<EventInclusionProof[]> {
  const size = checkpoint.size;
  const wanted = positions.map(Number);
  for (const p of wanted) {
    if (!Number.isSafeInteger(p) || p < 1 || p > size) {
      throw new CheckpointError(
        'NotInCheckpoint',
        `Position ${p} is not among the ${size} events checkpoint ${size} signed`,
      );
    }
  }
  const rangesOf = new Map(wanted.map((p) => [p, inclusionRanges(p - 1, size)]));
  // previousHash of position p is the hash at p - 1: remember the hashes at those positions as they pass.
  const hashes = new Map<number, string>();
  const remembered = new Set(wanted.flatMap((p) => [p, p - 1]));
  let treeRoot: string | undefined;
  const subtrees = await ledgerSubtreeHashes(
    ledger,
    size,
    [...rangesOf.values()].flat(),
    (event, _leaf, tree) => {
      if (remembered.has(tree.size)) hashes.set(tree.size, event.hash);
      if (tree.size === size) treeRoot = tree.root().toString('hex');
      return true;
    },
  );
  if (treeRoot !== checkpoint.treeRoot) {
    throw new CheckpointError(
      'LedgerDoesNotMatchCheckpoint',
      `The ledger's first ${size} events do not give the tree root checkpoint ${size} signed`,
    );
  }
  return wanted.map((position) => ({
    position,
    treeSize: size,
    hash: hashes.get(position)!,
    previousHash: position === 1 ? GENESIS_HASH : hashes.get(position - 1)!,
    path: rangesOf.get(position)!.map((range) => subtrees.get(rangeKey(range))!.toString('hex')),
  }));
}
