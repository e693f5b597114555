import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointSigner, generateCheckpointKey, loadSigningKey, PRIVATE_KEY_FILE } from '@docket/audit';
import type { AuditDeps } from './audit-deps';

/**
 * The audit service's signer: the centre's checkpoint key (generated on first start, and said so in the
 * log: its public key is what outside parties must be given), then a CheckpointSigner following the
 * ledger and signing after every N events and/or every T ms. Opening checks the ledger against every
 * checkpoint already signed: a service that would sign over a rewritten history does not start.
 */
export async function openCheckpointSigner(deps: AuditDeps): Promise<CheckpointSigner> {
  if (!existsSync(join(deps.keyDir, PRIVATE_KEY_FILE))) {
    const files = generateCheckpointKey(deps.keyDir);
    deps.logger.info('generated the checkpoint signing key: hand its public key to outside parties', {
      keyId: files.keyId,
      publicKey: files.publicKeyPath,
    });
  }
  const { keyId } = loadSigningKey(deps.keyDir);
  const everyEvents = deps.checkpointEveryEvents || undefined;
  const everyMs = deps.checkpointEveryMs || undefined;
  const signer = await CheckpointSigner.open({
    ledger: deps.ledger,
    keyDir: deps.keyDir,
    checkpointDir: deps.checkpointDir,
    ledgerId: deps.ledgerId,
    ...(everyEvents === undefined ? {} : { everyEvents }),
    ...(everyMs === undefined ? {} : { everyMs }),
    onSigned: (checkpoint, path) =>
      deps.logger.info('signed a checkpoint', { size: checkpoint.size, keyId: checkpoint.keyId, path }),
    onError: (error) => deps.logger.error('checkpoint signing failed', error),
  });
  deps.logger.info('checkpoint signer open', {
    keyId,
    signed: signer.signed ?? null,
    everyEvents: everyEvents ?? null,
    everyMs: everyMs ?? null,
  });
  return signer;
}
