export * from './checkpoint';
export { type CheckpointChainCheck, consistencyProofFor, verifyCheckpointChain } from './checkpoint-chain';
export * from './checkpoint-store';
export * from './commands';
export { CheckpointError } from './errors';
export * from './export-proofs';
export * from './inclusion';
export * from './key-dir';
export * from './key-move';
export * from './keys';
export { LEAF_ARCHIVE_FILE, leafArchivePath } from './leaf-archive';
export {
  type CheckpointLedger,
  ledgerConsistencyProof,
  ledgerInclusionProof,
  ledgerTreeRoot,
} from './ledger-tree';
export { EMPTY_TREE_ROOT, leafHash, type MerkleHash, merkleHashOf, nodeHash, TreeBuilder } from './merkle';
export {
  consistencyRanges,
  inclusionRanges,
  type LeafRange,
  verifyConsistencyPath,
  verifyInclusionPath,
} from './merkle-proofs';
export * from './signer';
export * from './signer-lock';
export * from './signing-key';
export { isSm2Key, SM2_DEFAULT_ID, sm2Signer, sm2Verify, sm2Z } from './sm2';
export * from './suite';
export {
  type CheckpointFailure,
  type CheckpointProblem,
  type CheckpointVerification,
  type VerifyCheckpointOptions,
  verifyAgainstCheckpoint,
  verifyAgainstCheckpoints,
} from './verify-checkpoints';
export * from './verify-inclusion';
export * from './witness';
export * from './witness-courier';
export {
  dirWitness,
  readWitnessCheckpoints,
  verifyAgainstWitness,
  WITNESS_LEAVES_FILE,
} from './witness-dir';
export { httpWitness } from './witness-http';
