import { checkpointSuite, type SignedCheckpoint, verifyCheckpointSignature } from './checkpoint';
import type { TrustedKeys } from './keys';
import { type CheckpointLedger, ledgerConsistencyProof } from './ledger-tree';
import { verifyConsistencyPath } from './merkle-proofs';

export type CheckpointChainCheck =
  | { ok: true }
  | {
      ok: false;
      problem:
        | 'untrusted-key'
        | 'bad-signature'
        | 'other-ledger'
        | 'other-suite'
        | 'out-of-order'
        | 'not-extended';
      reason: string;
    };

/**
 * The consistency proof a holder of the ledger hands an outside party along with two checkpoints: the
 * subtree hashes that show the tree of `newer.size` leaves begins with the tree of `older.size`.
 */
export function consistencyProofFor(
  ledger: CheckpointLedger,
  older: SignedCheckpoint,
  newer: SignedCheckpoint,
): Promise<string[]> {
  return ledgerConsistencyProof(ledger, older.size, newer.size);
}

/**
 * Does the newer checkpoint's ledger extend the older one's, with nothing before `older.size` changed?
 * Needs no ledger: two signed roots and the proof (RFC 9162 2.1.4.2). Two checkpoints of one size with
 * different roots are a fork: the centre signed two histories.
 */
export function verifyCheckpointChain(
  older: SignedCheckpoint,
  newer: SignedCheckpoint,
  proof: readonly string[],
  trusted: TrustedKeys,
): CheckpointChainCheck {
  for (const checkpoint of [older, newer]) {
    const signature = verifyCheckpointSignature(checkpoint, trusted);
    if (!signature.ok) return signature;
  }
  if (older.ledgerId !== newer.ledgerId) {
    return {
      ok: false,
      problem: 'other-ledger',
      reason: `ledger ${older.ledgerId} is not ledger ${newer.ledgerId}`,
    };
  }
  const hashAlgorithm = checkpointSuite(newer).hashAlgorithm;
  if (checkpointSuite(older).hashAlgorithm !== hashAlgorithm) {
    return {
      ok: false,
      problem: 'other-suite',
      reason: `checkpoint ${older.size} and checkpoint ${newer.size} sign trees of different hashes`,
    };
  }
  if (older.size > newer.size) {
    return {
      ok: false,
      problem: 'out-of-order',
      reason: `checkpoint ${older.size} is newer than ${newer.size}`,
    };
  }
  const extended = verifyConsistencyPath(
    older.size,
    newer.size,
    Buffer.from(older.treeRoot, 'hex'),
    Buffer.from(newer.treeRoot, 'hex'),
    proof.map((h) => Buffer.from(h, 'hex')),
    hashAlgorithm,
  );
  // With equal sizes the roots alone decide; the head hashes must agree as well.
  if (!extended || (older.size === newer.size && older.headHash !== newer.headHash)) {
    return {
      ok: false,
      problem: 'not-extended',
      reason: `the proof does not show that checkpoint ${newer.size} extends checkpoint ${older.size}: a wrong proof, or the two sign histories that differ within positions 1..${older.size}`,
    };
  }
  return { ok: true };
}
