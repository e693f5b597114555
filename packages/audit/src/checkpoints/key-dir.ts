import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PRIVATE_KEY_FILE } from './keys';

/**
 * Where the centre's checkpoint key lives, one rule for every process that signs or verifies (the audit
 * service, the embedded mode, the CLI):
 *
 * 1. `DOCKET_CHECKPOINT_KEY_DIR` (or the CLI's `--key-dir`), when given;
 * 2. else `<dataDir>/keys`, if a private key is there already: data directories made before the key
 *    moved out keep working, and every start warns (`docket checkpoint move-key` takes it out);
 * 3. else `$XDG_CONFIG_HOME/docket/keys` (default `~/.config/docket/keys`; `%APPDATA%\docket\keys` on
 *    Windows): the configuration of the OS account that runs docket.
 *
 * Why not beside the data directory (`<dataDir>/../docket-keys`)? The data directory's parent is often a
 * shared place (/tmp, /var/lib, a mounted volume) where a sibling would be shared by unrelated data
 * directories, or created first by someone else, and it travels with the same copies and mounts. The
 * account's configuration directory is not part of what is backed up, copied, mounted into a container
 * or handed to an auditor with the data; someone who may write the data directory (a backup restore, a
 * storage administrator, a support copy) does not thereby hold the key; and it needs no configuration,
 * so `npm start` works as before. A key of one account may sign several of its ledgers (demo, test):
 * each checkpoint names its ledger and lives in its ledger's data directory.
 */
export const KEY_DIR_VARIABLE = 'DOCKET_CHECKPOINT_KEY_DIR';
/** Where the key was kept inside the data directory before it moved out. */
export const DATA_DIR_KEY_DIR_NAME = 'keys';

export interface CheckpointKeyPlace {
  keyDir: string;
  /** `configured`: named by the operator; `data-dir`: found inside the data directory; `default`. */
  source: 'configured' | 'data-dir' | 'default';
  /** The key directory is inside the data directory: whoever may write the one may sign with the other. */
  insideDataDir: boolean;
}

type Env = Record<string, string | undefined>;

const given = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** `$XDG_CONFIG_HOME/docket/keys`, else `~/.config/docket/keys` (`%APPDATA%\docket\keys` on Windows). */
export function defaultCheckpointKeyDir(env: Env = process.env): string {
  const config =
    given(env.XDG_CONFIG_HOME) ??
    (process.platform === 'win32' ? given(env.APPDATA) : undefined) ??
    join(given(env.HOME) ?? homedir(), '.config');
  return resolve(config, 'docket', 'keys');
}

/** The key directory of a data directory by the rule above. */
export function checkpointKeyPlace(
  dataDir: string,
  options: { keyDir?: string | undefined; env?: Env } = {},
): CheckpointKeyPlace {
  const env = options.env ?? process.env;
  const data = resolve(dataDir);
  const configured = given(options.keyDir) ?? given(env[KEY_DIR_VARIABLE]);
  const inside = join(data, DATA_DIR_KEY_DIR_NAME);
  const place = (keyDir: string, source: CheckpointKeyPlace['source']): CheckpointKeyPlace => ({
    keyDir,
    source,
    insideDataDir: isInside(data, keyDir),
  });
  if (configured !== undefined) return place(resolve(configured), 'configured');
  if (existsSync(join(inside, PRIVATE_KEY_FILE))) return place(inside, 'data-dir');
  return place(defaultCheckpointKeyDir(env), 'default');
}

/** What an operator is told at every start while the signing key is inside the data directory. */
export function keyInsideDataDirWarning(place: CheckpointKeyPlace): string | undefined {
  if (!place.insideDataDir) return undefined;
  const key = join(place.keyDir, PRIVATE_KEY_FILE);
  return (
    `the checkpoint signing key is inside the data directory (${key}): whoever can write the data ` +
    'directory can rewrite the ledger and sign it again. Move it out: docket checkpoint move-key'
  );
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
