export * from './checkpoint';
export { type CheckpointChainCheck, consistencyProofFor, verifyCheckpointChain } from './checkpoint-chain';
export * from './checkpoint-store';
export * from './commands';
export { CheckpointError } from './errors';
export * from './export-proofs';
export * from './inclusion';
export * from './keys';
export { LEAF_ARCHIVE_FILE, leafArchivePath } from './leaf-archive';
export {
  type CheckpointLedger,
  ledgerConsistencyProof,
  ledgerInclusionProof,
  ledgerTreeRoot,
} from './ledger-tree';
export { EMPTY_TREE_ROOT, leafHash, nodeHash, TreeBuilder } from './merkle';
export {
  consistencyRanges,
  inclusionRanges,
  type LeafRange,
  verifyConsistencyPath,
  verifyInclusionPath,
} from './merkle-proofs';
export * from './signer';
export * from './signer-lock';
export {
  type CheckpointFailure,
  type CheckpointProblem,
  type CheckpointVerification,
  type VerifyCheckpointOptions,
  verifyAgainstCheckpoint,
  verifyAgainstCheckpoints,
} from './verify-checkpoints';
export * from './verify-inclusion';
