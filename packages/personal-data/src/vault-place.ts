import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CipherSuites } from './cipher';
import { openVault, type PersonalDataVault } from './vault';

/**
 * Where a data directory's personal-data vault is. Its keys are kept out of the data directory, for the
 * reasons @docket/audit gives for the checkpoint key (packages/audit/src/checkpoints/key-dir.ts): what is
 * backed up, copied, mounted or handed over with the data must not carry the keys that open it, or a copy
 * would survive every erasure. Here it matters twice: an erasure destroys a key in the one vault, and every
 * copy of the ledger is erased with it, as long as no copy of the ledger travels with its vault.
 *
 * 1. `DOCKET_PERSONAL_DATA_KEY_DIR` (or the caller's `keyDir`), when given;
 * 2. else `$XDG_CONFIG_HOME/docket/personal-data` (default `~/.config/docket/personal-data`; `%APPDATA%` on
 *    Windows), the same account-level place as the checkpoint key's default.
 *
 * One directory may hold the vaults of several data directories (a demo, the tests): each data directory
 * names its own in `personal-data-vault.json` (a random id, written with the vault), so a data directory
 * moved or restored elsewhere still finds it, and two never share keys.
 */
export const PERSONAL_DATA_KEY_DIR_VARIABLE = 'DOCKET_PERSONAL_DATA_KEY_DIR';
/** The file in the data directory that names its vault. */
export const VAULT_ID_FILE = 'personal-data-vault.json';
const VAULT_ID_FORMAT = 'docket-personal-data-vault/1';

type Env = Record<string, string | undefined>;

const given = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

export interface VaultPlace {
  keyDir: string;
  /** The vault's id, from the data directory; undefined when it has none yet. */
  id: string | undefined;
  /** The vault's files, when it has an id. */
  path: string | undefined;
  kekPath: string | undefined;
  /** The key directory is inside the data directory: its copies carry the keys (warn the operator). */
  insideDataDir: boolean;
}

export function personalDataKeyDir(options: { keyDir?: string | undefined; env?: Env } = {}): string {
  const env = options.env ?? process.env;
  const configured = given(options.keyDir) ?? given(env[PERSONAL_DATA_KEY_DIR_VARIABLE]);
  if (configured !== undefined) return resolve(configured);
  const config =
    given(env.XDG_CONFIG_HOME) ??
    (process.platform === 'win32' ? given(env.APPDATA) : undefined) ??
    join(given(env.HOME) ?? homedir(), '.config');
  return resolve(config, 'docket', 'personal-data');
}

/** Where the data directory's vault is, by the rule above; nothing is created. */
export function vaultPlace(
  dataDir: string,
  options: { keyDir?: string | undefined; env?: Env } = {},
): VaultPlace {
  const keyDir = personalDataKeyDir(options);
  const id = readVaultId(dataDir);
  const rel = relative(resolve(dataDir), keyDir);
  return {
    keyDir,
    id,
    path: id === undefined ? undefined : join(keyDir, `${id}.vault.db`),
    kekPath: id === undefined ? undefined : join(keyDir, `${id}.kek`),
    insideDataDir: rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)),
  };
}

/** The data directory names a vault that is not where it should be: refuse, never start an empty one. */
export class VaultMissing extends Error {
  constructor(dataDir: string, path: string) {
    super(
      `the data directory ${dataDir} has sealed personal data whose vault ${path} is missing: without it ` +
        `every personal value would read as erased. Point ${PERSONAL_DATA_KEY_DIR_VARIABLE} at the directory ` +
        'that holds it, or restore it from its backup',
    );
    this.name = 'VaultMissing';
  }
}

export interface OpenDataDirVaultOptions {
  keyDir?: string | undefined;
  env?: Env;
  suites?: CipherSuites;
}

/**
 * The data directory's vault, made when it has none. A data directory without one gets a new vault (keys directory 0700, key
 * file and vault 0600), its id written last, so that a crash halfway leaves no id naming a vault that is
 * not there. A data directory whose vault is missing is an error (VaultMissing), never a new empty vault.
 */
export function openDataDirVault(dataDir: string, options: OpenDataDirVaultOptions = {}): PersonalDataVault {
  const existing = openExistingDataDirVault(dataDir, options);
  if (existing !== undefined) return existing;
  const place = vaultPlace(dataDir, options);
  const suites = options.suites === undefined ? {} : { suites: options.suites };
  mkdirSync(place.keyDir, { recursive: true, mode: 0o700 });
  const id = randomBytes(16).toString('hex');
  const vault = openVault({
    path: join(place.keyDir, `${id}.vault.db`),
    kekPath: join(place.keyDir, `${id}.kek`),
    ...suites,
  });
  try {
    writeVaultId(dataDir, id);
  } catch (error) {
    vault.close();
    throw error;
  }
  // Another process may have named its vault first (two services starting on one new data directory).
  const named = readVaultId(dataDir);
  if (named === id) return vault;
  vault.close();
  for (const suffix of ['.vault.db', '.vault.db-wal', '.vault.db-shm', '.kek'])
    rmSync(join(place.keyDir, `${id}${suffix}`), { force: true });
  const theirs = openExistingDataDirVault(dataDir, options);
  if (theirs === undefined) throw new Error(`${join(dataDir, VAULT_ID_FILE)} vanished as it was written`);
  return theirs;
}

/**
 * The data directory's vault if it has one (a data directory whose ledger never sealed anything has
 * none: the CLI then reads the ledger as it is); VaultMissing when it names one that is not there.
 */
export function openExistingDataDirVault(
  dataDir: string,
  options: OpenDataDirVaultOptions = {},
): PersonalDataVault | undefined {
  const place = vaultPlace(dataDir, options);
  if (place.id === undefined || place.path === undefined || place.kekPath === undefined) return undefined;
  if (!existsSync(place.path)) throw new VaultMissing(resolve(dataDir), place.path);
  const suites = options.suites === undefined ? {} : { suites: options.suites };
  return openVault({ path: place.path, kekPath: place.kekPath, ...suites });
}

function readVaultId(dataDir: string): string | undefined {
  const file = join(dataDir, VAULT_ID_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; id?: unknown };
  if (parsed.format !== VAULT_ID_FORMAT || typeof parsed.id !== 'string' || !/^[0-9a-f]{32}$/.test(parsed.id))
    throw new Error(`${file} does not name a personal-data vault (${VAULT_ID_FORMAT})`);
  return parsed.id;
}

/** Written whole or not at all: the id goes to a file of its own first, then is linked into place. */
function writeVaultId(dataDir: string, id: string): void {
  mkdirSync(dataDir, { recursive: true });
  const temp = join(dataDir, `.${VAULT_ID_FILE}.${id}`);
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify({ format: VAULT_ID_FORMAT, id })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, join(dataDir, VAULT_ID_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}
