import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrustedKeys, readCheckpoints } from '@docket/audit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateDataDir } from './data-dir';
import { docket } from './run-docket';

/**
 * Issue 14, defect 10 (a): the checkpoint signing key sat in the data directory, so whoever could write
 * the directory could rewrite the ledger and sign it again. The key now lives outside it by default
 * (`$XDG_CONFIG_HOME/docket/keys`; run-docket points XDG_CONFIG_HOME at `<dataDir>.config`), a data
 * directory that still holds its key keeps working with a warning, and `move-key` takes the key out.
 */
const dir = tempDir('docket-cli-keys-');
const base = join(dir.path, 'base');
const CENTRE = '黄浦区政务服务中心';

beforeAll(async () => {
  await populateDataDir(base);
}, 120_000);
afterAll(() => dir.cleanup());

function copyOfBase(name: string): string {
  const copy = join(dir.path, name);
  cpSync(base, copy, { recursive: true });
  return copy;
}

/** Where the key goes by default for a data directory the tests run docket on. */
const defaultKeyDir = (data: string) => join(`${data}.config`, 'docket', 'keys');

describe('the checkpoint key outside the data directory', () => {
  it('is made under $XDG_CONFIG_HOME/docket/keys by default; the data directory holds no private key', () => {
    const data = copyOfBase('fresh');
    const keyDir = defaultKeyDir(data);
    const key = docket(data, ['checkpoint', 'key']);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).toContain(`private key  ${join(keyDir, 'checkpoint-key.pem')}`);
    expect(key.stderr).toBe('');
    expect(existsSync(join(keyDir, 'checkpoint-key.pem'))).toBe(true);
    // Its folder is the owner's alone (the private key itself is 0600, as before).
    expect(statSync(keyDir).mode & 0o077).toBe(0);
    expect(existsSync(join(data, 'keys'))).toBe(false);

    const signed = docket(data, ['checkpoint', 'sign', '--ledger-id', CENTRE]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stderr).toBe('');
    expect(docket(data, ['checkpoint', 'verify']).code).toBe(0);
    expect(readdirSync(data).filter((name) => name.endsWith('.pem') || name === 'keys')).toEqual([]);

    // --key-dir (and DOCKET_CHECKPOINT_KEY_DIR) still choose the place.
    const chosen = join(dir.path, 'chosen-keys');
    expect(docket(data, ['checkpoint', 'key', '--key-dir', chosen]).code).toBe(0);
    expect(existsSync(join(chosen, 'checkpoint-key.pem'))).toBe(true);
    const viaEnv = join(dir.path, 'env-keys');
    expect(docket(data, ['checkpoint', 'key'], { env: { DOCKET_CHECKPOINT_KEY_DIR: viaEnv } }).code).toBe(0);
    expect(existsSync(join(viaEnv, 'checkpoint-key.pem'))).toBe(true);
  });

  it('a data directory that holds its key keeps working, warns, and move-key takes the key out', () => {
    const data = copyOfBase('legacy');
    // How docket left a data directory before: the key pair in <data-dir>/keys.
    expect(docket(data, ['checkpoint', 'key', '--key-dir', join(data, 'keys')]).code).toBe(0);

    const signed = docket(data, ['checkpoint', 'sign', '--ledger-id', CENTRE]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stderr).toMatch(
      /^warning: the checkpoint signing key is inside the data directory \(.*keys\/checkpoint-key\.pem\)[^\n]*docket checkpoint move-key/,
    );
    const [first] = readCheckpoints(join(data, 'checkpoints'));
    expect(docket(data, ['checkpoint', 'verify']).code).toBe(0);

    const moved = docket(data, ['checkpoint', 'move-key']);
    expect(moved.code, moved.stderr).toBe(0);
    const keyDir = defaultKeyDir(data);
    expect(moved.stdout).toContain(`moved checkpoint key ${first!.keyId}`);
    expect(moved.stdout).toContain(keyDir);
    expect(existsSync(join(data, 'keys'))).toBe(false);
    expect(existsSync(join(keyDir, 'checkpoint-key.pem'))).toBe(true);
    expect(statSync(join(keyDir, 'checkpoint-key.pem')).mode & 0o077).toBe(0);
    expect(loadTrustedKeys(keyDir).has(first!.keyId)).toBe(true);

    // The same key signs on from its new place, without a warning; what it signed before still verifies.
    const again = docket(data, ['checkpoint', 'sign', '--force']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(readCheckpoints(join(data, 'checkpoints')).map((c) => c.keyId)).toEqual([first!.keyId]);
    expect(docket(data, ['checkpoint', 'verify']).code).toBe(0);
    // Nothing left to move.
    const nothing = docket(data, ['checkpoint', 'move-key']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('no checkpoint key in the data directory');
  });

  it('move-key refuses to overwrite another key at the destination', () => {
    const data = copyOfBase('two-keys');
    expect(docket(data, ['checkpoint', 'key', '--key-dir', join(data, 'keys')]).code).toBe(0);
    // Another key in the default place (made there by another data directory of this account).
    expect(docket(data, ['checkpoint', 'key', '--key-dir', defaultKeyDir(data)]).code).toBe(0);
    const refused = docket(data, ['checkpoint', 'move-key']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds another checkpoint key');
    expect(existsSync(join(data, 'keys', 'checkpoint-key.pem'))).toBe(true);
    // To a place of its own, it moves.
    const to = join(dir.path, 'own-place');
    const moved = docket(data, ['checkpoint', 'move-key', '--to', to]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`DOCKET_CHECKPOINT_KEY_DIR=${to}`);
    expect(existsSync(join(to, 'checkpoint-key.pem'))).toBe(true);
  });
});
