import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointError,
  DATA_DIR_KEY_DIR_NAME,
  defaultCheckpointKeyDir,
  generateCheckpointKey,
  KEY_DIR_VARIABLE,
  type KeyAlgorithm,
  keyAlgorithmForLedger,
  keyInsideDataDirWarning,
  moveCheckpointKey,
} from '@docket/audit';
import {
  type HashAlgorithm,
  hashAlgorithmOf,
  openSqliteLedger,
  parseCryptoProfile,
} from '@docket/event-store';
import { type Parsed, stringOption } from '../command';
import type { DataDirLayout } from '../data-dir';
import type { Io } from '../output';

/** Said on stderr by every command that signs while the key is inside the data directory. */
export function warnIfKeyInsideDataDir(layout: DataDirLayout, io: Io): void {
  const warning = keyInsideDataDirWarning(layout.keyPlace);
  if (warning !== undefined) io.err(`warning: ${warning}\n`);
}

/**
 * The key a data directory's checkpoints are signed with follows its ledger's hash: SM2 for an SM3 (国密)
 * ledger, Ed25519 for a SHA-256 one. Without a ledger yet, `DOCKET_CRYPTO` says what it will be.
 */
function keyAlgorithmFor(layout: DataDirLayout, env: NodeJS.ProcessEnv): KeyAlgorithm {
  let hash: HashAlgorithm | undefined;
  if (existsSync(layout.ledger)) {
    const ledger = openSqliteLedger({ path: layout.ledger });
    hash = ledger.hashAlgorithm;
    void ledger.close();
  }
  return keyAlgorithmForLedger(hash ?? hashAlgorithmOf(parseCryptoProfile(env.DOCKET_CRYPTO)));
}

/** `docket checkpoint key [--rotate]`. */
export function key({ values, layout }: Parsed, io: Io): number {
  warnIfKeyInsideDataDir(layout, io);
  try {
    const algorithm = keyAlgorithmFor(layout, io.env);
    const files = generateCheckpointKey(layout.keyDir, { rotate: values.rotate === true, algorithm });
    io.out(
      `${values.rotate === true ? 'rotated: new' : 'new'} checkpoint key ${files.keyId} (${algorithm === 'sm2' ? 'SM2, 国密' : 'Ed25519'})\n` +
        `  private key  ${files.privateKeyPath}\n` +
        `  public key   ${files.publicKeyPath}\n` +
        `  trusted as   ${files.trustedKeyPath}\n` +
        '  hand the public key to the outside parties who check checkpoints\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof CheckpointError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * `docket checkpoint move-key [--to <dir>]`: the key of a data directory made before the key moved out
 * (`<data-dir>/keys`, or a DOCKET_CHECKPOINT_KEY_DIR inside the data directory) to the default key
 * directory, or to `--to`.
 */
export function moveKey({ values, layout }: Parsed, io: Io): number {
  const from = layout.keyPlace.insideDataDir ? layout.keyDir : join(layout.dataDir, DATA_DIR_KEY_DIR_NAME);
  const to = stringOption(values.to) ?? defaultCheckpointKeyDir(io.env);
  try {
    const moved = moveCheckpointKey(from, to);
    const isDefault = to === defaultCheckpointKeyDir(io.env);
    io.out(
      `moved checkpoint key ${moved.keyId} out of the data directory\n` +
        `  from         ${from}\n` +
        `  private key  ${moved.privateKeyPath}\n` +
        `  trusted keys ${moved.trustedKeys} public key(s) into ${join(to, 'keys')}\n` +
        (isDefault && layout.keyPlace.source !== 'configured'
          ? '  docket and this command find it there by default\n'
          : `  set ${KEY_DIR_VARIABLE}=${to} for docket and this command\n`) +
        '  copies of the data directory made before still hold the key: if any left your hands, rotate it\n' +
        `  (docket checkpoint key --rotate${isDefault ? '' : ` --key-dir ${to}`})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CheckpointError) {
      io.err(
        error.code === 'CheckpointKeyMissing'
          ? `no checkpoint key in the data directory (${from}): nothing to move\n`
          : `${error.message}\n`,
      );
      return 1;
    }
    throw error;
  }
}
