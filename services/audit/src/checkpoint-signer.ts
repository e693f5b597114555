import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointError,
  CheckpointSigner,
  checkpointKeyPlace,
  generateCheckpointKey,
  keyAlgorithmForLedger,
  keyInsideDataDirWarning,
  PRIVATE_KEY_FILE,
  parseWitnesses,
  WitnessCourier,
} from '@docket/audit';
import type { AuditDeps } from './audit-deps';

/** The signer, its couriers to the witnesses, and what the operator should be told meanwhile. */
export interface CheckpointSigning {
  signer: CheckpointSigner;
  courier: WitnessCourier | undefined;
  /** For the health answer: the key inside the data directory, witnesses not taking checkpoints. */
  warnings(): string[];
  start(): void;
  stop(): Promise<void>;
}

/**
 * The audit service's signer: the centre's checkpoint key (generated on first start, and said so in the
 * log with its place: its public key is what outside parties must be given), then a CheckpointSigner
 * following the ledger and signing after every N events and/or every T ms, each checkpoint shipped to the
 * configured witnesses. Opening checks the ledger against every checkpoint already signed: a service
 * that would sign over a rewritten history does not start.
 */
export async function openCheckpointSigner(deps: AuditDeps): Promise<CheckpointSigning> {
  if (deps.signingKey === undefined && !existsSync(join(deps.keyDir, PRIVATE_KEY_FILE))) {
    try {
      // Of the ledger's suite: SM2 for an SM3 (国密) ledger, Ed25519 for a SHA-256 one.
      const algorithm = keyAlgorithmForLedger(deps.ledger.hashAlgorithm);
      const files = generateCheckpointKey(deps.keyDir, { algorithm });
      deps.logger.info('generated the checkpoint signing key: hand its public key to outside parties', {
        keyId: files.keyId,
        algorithm,
        privateKey: files.privateKeyPath,
        publicKey: files.publicKeyPath,
      });
    } catch (error) {
      // Another process sharing the key directory made it a moment ago: sign with that one.
      if (!(error instanceof CheckpointError && error.code === 'CheckpointKeyExists')) throw error;
    }
  }
  const keyWarning =
    deps.dataDir === undefined || deps.signingKey !== undefined
      ? undefined
      : keyInsideDataDirWarning(checkpointKeyPlace(deps.dataDir, { keyDir: deps.keyDir }));
  if (keyWarning !== undefined) deps.logger.warn(keyWarning);
  const witnesses = parseWitnesses(deps.checkpointWitness);
  const courier =
    witnesses.length === 0
      ? undefined
      : new WitnessCourier({
          witnesses,
          checkpointDir: deps.checkpointDir,
          onDelivered: (witness, checkpoint) =>
            deps.logger.info('checkpoint delivered to its witness', { witness, size: checkpoint.size }),
          onFailed: (witness, checkpoint, error, attempt) =>
            deps.logger.warn(
              `checkpoint witness ${witness} did not take checkpoint ${checkpoint.size} (attempt ${attempt}, retrying): ${error instanceof Error ? error.message : String(error)}`,
            ),
        });
  const everyEvents = deps.checkpointEveryEvents || undefined;
  const everyMs = deps.checkpointEveryMs || undefined;
  const signer = await CheckpointSigner.open({
    ledger: deps.ledger,
    keyDir: deps.keyDir,
    checkpointDir: deps.checkpointDir,
    ledgerId: deps.ledgerId,
    ...(deps.signingKey === undefined ? {} : { signingKey: deps.signingKey }),
    ...(courier === undefined ? {} : { courier }),
    ...(everyEvents === undefined ? {} : { everyEvents }),
    ...(everyMs === undefined ? {} : { everyMs }),
    onSigned: (checkpoint, path) =>
      deps.logger.info('signed a checkpoint', { size: checkpoint.size, keyId: checkpoint.keyId, path }),
    onError: (error) => deps.logger.error('checkpoint signing failed', error),
  });
  deps.logger.info('checkpoint signer open', {
    ...signer.signingKey,
    trustedKeys: join(deps.keyDir, 'keys'),
    signed: signer.signed ?? null,
    everyEvents: everyEvents ?? null,
    everyMs: everyMs ?? null,
    witnesses: courier?.witnesses ?? [],
  });
  if (courier === undefined)
    deps.logger.info(
      'no checkpoint witness (DOCKET_CHECKPOINT_WITNESS): the signed checkpoints stay on this machine',
    );
  return {
    signer,
    courier,
    warnings: () => [...(keyWarning === undefined ? [] : [keyWarning]), ...(courier?.warnings() ?? [])],
    start() {
      signer.start();
      courier?.start();
    },
    async stop() {
      await signer.stop();
      await courier?.stop();
    },
  };
}
