import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqliteLedger, type SqliteEventStore } from '@docket/event-store';

/**
 * Where the embedded mode keeps its files, and where the CLI puts checkpoints and their key. One
 * function, so that every subcommand (and the audit service, which uses the same names) agree:
 *
 * - `<dataDir>/ledger.db`: the ledger (packages/embedded);
 * - `<dataDir>/<service>.read.db`: each service's read models (packages/embedded, packages/e2e);
 * - `<dataDir>/checkpoints/`: signed checkpoints `<size>.json` and the leaf archive `leaves.bin`
 *   (`DOCKET_CHECKPOINT_DIR` moves it);
 * - `<dataDir>/keys/`: the signing key (`checkpoint-key.pem`, `checkpoint-key.pub.pem`) and the trusted
 *   public keys (`keys/<keyId>.pub.pem`). `DOCKET_CHECKPOINT_KEY_DIR` (or `--key-dir`) moves it out of
 *   the data directory, where the private key is better kept.
 *
 * The same names and variables as the audit service and the embedded mode's signer (service-kit's
 * CheckpointConfig), so that the CLI verifies what they sign.
 */
export interface DataDirLayout {
  dataDir: string;
  ledger: string;
  checkpointDir: string;
  keyDir: string;
  readModel(service: string): string;
}

export const CHECKPOINT_DIR_NAME = 'checkpoints';
export const CHECKPOINT_KEY_DIR_NAME = 'keys';
/** The ledger's name in a first checkpoint, as the audit service's default (`DOCKET_LEDGER_ID`). */
export const DEFAULT_LEDGER_ID = 'docket';

export function dataDirLayout(
  dataDir: string,
  options: { keyDir?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): DataDirLayout {
  const dir = resolve(dataDir);
  const env = options.env ?? process.env;
  const keyDir = options.keyDir ?? env.DOCKET_CHECKPOINT_KEY_DIR;
  return {
    dataDir: dir,
    ledger: join(dir, 'ledger.db'),
    checkpointDir:
      env.DOCKET_CHECKPOINT_DIR === undefined || env.DOCKET_CHECKPOINT_DIR === ''
        ? join(dir, CHECKPOINT_DIR_NAME)
        : resolve(env.DOCKET_CHECKPOINT_DIR),
    keyDir: keyDir === undefined || keyDir === '' ? join(dir, CHECKPOINT_KEY_DIR_NAME) : resolve(keyDir),
    readModel: (service) => join(dir, `${service}.read.db`),
  };
}

/** `--data-dir`, else `$DOCKET_DATA_DIR`, else `./data`. */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  env.DOCKET_DATA_DIR !== undefined && env.DOCKET_DATA_DIR !== '' ? env.DOCKET_DATA_DIR : 'data';

/** A problem with how the command was called or what it was pointed at (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Opens the data directory's ledger; never creates one (a missing ledger is an error, not an empty log). */
export function openExistingLedger(layout: DataDirLayout): SqliteEventStore {
  if (!existsSync(layout.ledger))
    throw new UsageError(`no ledger at ${layout.ledger} (is --data-dir / DOCKET_DATA_DIR right?)`);
  return openSqliteLedger({ path: layout.ledger });
}
