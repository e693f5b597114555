import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CheckpointKeyPlace, checkpointKeyPlace, DATA_DIR_KEY_DIR_NAME } from '@docket/audit';
import { openSqliteLedger, type SqliteEventStore } from '@docket/event-store';
import { ledgerFileError, missingLedger } from './ledger-file';

/**
 * Where the embedded mode keeps its files, and where the CLI finds checkpoints and their key. One
 * function, so that every subcommand (and the audit service, which uses the same names) agree:
 *
 * - `<dataDir>/ledger.db`: the ledger (packages/embedded);
 * - `<dataDir>/<service>.read.db`: each service's read models (packages/embedded, packages/e2e);
 * - `<dataDir>/checkpoints/`: signed checkpoints `<size>.json` and the leaf archive `leaves.bin`
 *   (`DOCKET_CHECKPOINT_DIR` moves it);
 * - the key directory: the signing key (`checkpoint-key.pem`, `checkpoint-key.pub.pem`) and the trusted
 *   public keys (`keys/<keyId>.pub.pem`), outside the data directory: `--key-dir`, else
 *   `DOCKET_CHECKPOINT_KEY_DIR`, else `<dataDir>/keys` if a key is still there (warned about), else
 *   `$XDG_CONFIG_HOME/docket/keys` (@docket/audit's `checkpointKeyPlace`, the rule the service follows).
 *
 * The same names and variables as the audit service and the embedded mode's signer, so that the CLI
 * verifies what they sign.
 */
export interface DataDirLayout {
  dataDir: string;
  ledger: string;
  checkpointDir: string;
  keyDir: string;
  /** How the key directory was chosen, and whether it is inside the data directory. */
  keyPlace: CheckpointKeyPlace;
  readModel(service: string): string;
}

export const CHECKPOINT_DIR_NAME = 'checkpoints';
/** Where the key was kept inside a data directory before it moved out (`docket checkpoint move-key`). */
export const CHECKPOINT_KEY_DIR_NAME = DATA_DIR_KEY_DIR_NAME;
/** The ledger's name in a first checkpoint, as the audit service's default (`DOCKET_LEDGER_ID`). */
export const DEFAULT_LEDGER_ID = 'docket';

export function dataDirLayout(
  dataDir: string,
  options: { keyDir?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): DataDirLayout {
  const dir = resolve(dataDir);
  const env = options.env ?? process.env;
  const keyPlace = checkpointKeyPlace(dir, { keyDir: options.keyDir, env });
  return {
    dataDir: dir,
    ledger: join(dir, 'ledger.db'),
    checkpointDir:
      env.DOCKET_CHECKPOINT_DIR === undefined || env.DOCKET_CHECKPOINT_DIR === ''
        ? join(dir, CHECKPOINT_DIR_NAME)
        : resolve(env.DOCKET_CHECKPOINT_DIR),
    keyDir: keyPlace.keyDir,
    keyPlace,
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

/**
 * Opens the data directory's ledger; never creates one (a missing ledger is an error, not an empty log).
 * A file that is no readable ledger is a LedgerFileError (exit code 3), whatever went wrong.
 */
export function openExistingLedger(layout: DataDirLayout): SqliteEventStore {
  if (!existsSync(layout.ledger)) throw missingLedger(layout.ledger);
  try {
    return openSqliteLedger({ path: layout.ledger });
  } catch (error) {
    throw ledgerFileError(error, layout.ledger) ?? error;
  }
}
