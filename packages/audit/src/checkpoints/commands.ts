import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SignedCheckpoint } from './checkpoint';
import { readCheckpointFile, readCheckpoints } from './checkpoint-store';
import { loadTrustedKeys, type TrustedKeys } from './keys';
import { leafArchivePath } from './leaf-archive';
import type { CheckpointLedger } from './ledger-tree';
import { CheckpointSigner, type CheckpointSignerOptions } from './signer';
import {
  type CheckpointVerification,
  verifyAgainstCheckpoint,
  verifyAgainstCheckpoints,
} from './verify-checkpoints';

/**
 * What `docket checkpoint sign|verify` call. Both take a ledger opened by the caller (embedded: the data
 * directory's ledger.db) and plain directories, so the CLI stays a thin layer of argument parsing.
 */

export interface SignResult {
  checkpoint: SignedCheckpoint;
  path: string | undefined;
  /** False when the newest checkpoint already covered the ledger's head (nothing was written). */
  signed: boolean;
}

/**
 * Checks the ledger against every checkpoint in `checkpointDir`, then signs its head with the key in
 * `keyDir` and stores `<checkpointDir>/<size>.json`. Throws LedgerDisagreesWithCheckpoints rather than
 * sign over a rewritten history.
 */
export async function signCheckpoint(
  ledger: CheckpointLedger,
  keyDir: string,
  checkpointDir: string,
  options: Pick<CheckpointSignerOptions, 'ledgerId' | 'clock' | 'signingKey' | 'courier'> & {
    force?: boolean;
  } = {},
): Promise<SignResult> {
  const signer = await CheckpointSigner.open({ ledger, keyDir, checkpointDir, ...options });
  let signed: Awaited<ReturnType<CheckpointSigner['signNow']>>;
  try {
    signed = await signer.signNow({ force: options.force === true });
  } finally {
    await signer.stop();
  }
  if (signed) return { ...signed, signed: true };
  const latest = readCheckpoints(checkpointDir).at(-1)!;
  return { checkpoint: latest, path: undefined, signed: false };
}

/** Trusted keys given as a set, or as a key directory (its keys/ folder). */
export type TrustSource = TrustedKeys | string;

function trustedFrom(source: TrustSource): TrustedKeys {
  return typeof source === 'string' ? loadTrustedKeys(source) : source;
}

/**
 * One checkpoint file against the ledger. The leaf archive beside the file, if there is one, is used to
 * name the first rewritten position (it is checked against the signed root before it is believed).
 */
export function verifyCheckpointFile(
  ledger: CheckpointLedger,
  checkpointPath: string,
  trusted: TrustSource,
  options: { leafArchive?: string; ledgerId?: string } = {},
): Promise<CheckpointVerification> {
  const checkpoint = readCheckpointFile(checkpointPath);
  const archive = options.leafArchive ?? leafArchivePath(dirname(checkpointPath));
  return verifyAgainstCheckpoint(ledger, checkpoint, trustedFrom(trusted), {
    ...options,
    ...(existsSync(archive) ? { leafArchive: archive } : {}),
  });
}

/** Every checkpoint in a directory against the ledger, in one pass; reports the first that fails. */
export function verifyCheckpointDirectory(
  ledger: CheckpointLedger,
  checkpointDir: string,
  trusted: TrustSource,
  options: { ledgerId?: string } = {},
): Promise<CheckpointVerification> {
  const archive = leafArchivePath(checkpointDir);
  return verifyAgainstCheckpoints(ledger, readCheckpoints(checkpointDir), trustedFrom(trusted), {
    ...options,
    ...(existsSync(archive) ? { leafArchive: archive } : {}),
  });
}
