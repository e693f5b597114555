import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CheckpointSigner,
  type CheckpointSigningKey,
  checkpointKeyPlace,
  defaultCheckpointKeyDir,
  generateCheckpointKey,
  keyIdOf,
  keyInsideDataDirWarning,
  loadTrustedKeys,
  moveCheckpointKey,
  PRIVATE_KEY_FILE,
  readCheckpoints,
  signCheckpoint,
  verifyCheckpointDirectory,
} from '../src/checkpoints';
import { appendSteps, CENTRE, useTempLedgers } from './checkpoints-support';

/**
 * Issue 14, defect 10 (a): where the signing key lives. Outside the data directory unless the operator
 * says otherwise or an old data directory still holds it (then warned about); moved out by
 * moveCheckpointKey; or not on the machine at all, behind the CheckpointSigningKey interface.
 */
const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});
function temp(): string {
  const dir = tempDir('docket-key-place-');
  dirs.push(dir);
  return dir.path;
}

describe('the key directory of a data directory', () => {
  it('is the account configuration’s by default, never the data directory', () => {
    const root = temp();
    const data = join(root, 'data');
    const env = { XDG_CONFIG_HOME: join(root, 'config'), HOME: join(root, 'home') };
    const place = checkpointKeyPlace(data, { env });
    expect(place).toEqual({
      keyDir: join(root, 'config', 'docket', 'keys'),
      source: 'default',
      insideDataDir: false,
    });
    expect(keyInsideDataDirWarning(place)).toBeUndefined();
    // Without XDG_CONFIG_HOME: ~/.config.
    expect(defaultCheckpointKeyDir({ HOME: join(root, 'home') })).toBe(
      join(root, 'home', '.config', 'docket', 'keys'),
    );
  });

  it('is what the operator names (DOCKET_CHECKPOINT_KEY_DIR, --key-dir); one inside the data directory is flagged', () => {
    const root = temp();
    const data = join(root, 'data');
    const env = {
      XDG_CONFIG_HOME: join(root, 'config'),
      DOCKET_CHECKPOINT_KEY_DIR: join(root, 'hsm-exports'),
    };
    expect(checkpointKeyPlace(data, { env })).toMatchObject({
      keyDir: join(root, 'hsm-exports'),
      source: 'configured',
      insideDataDir: false,
    });
    const given = checkpointKeyPlace(data, { env, keyDir: join(data, 'secrets') });
    expect(given).toMatchObject({ source: 'configured', insideDataDir: true });
    expect(keyInsideDataDirWarning(given)).toMatch(/inside the data directory .*docket checkpoint move-key$/);
  });

  it('is <dataDir>/keys while a key is still there: it keeps working, with a warning', () => {
    const root = temp();
    const data = join(root, 'data');
    const env = { XDG_CONFIG_HOME: join(root, 'config') };
    mkdirSync(join(data, 'keys'), { recursive: true });
    // Only public keys there: not a signing key, the default place.
    expect(checkpointKeyPlace(data, { env }).source).toBe('default');
    generateCheckpointKey(join(data, 'keys'));
    const place = checkpointKeyPlace(data, { env });
    expect(place).toEqual({ keyDir: join(data, 'keys'), source: 'data-dir', insideDataDir: true });
    expect(keyInsideDataDirWarning(place)).toContain(join(data, 'keys', PRIVATE_KEY_FILE));
  });
});

describe('moving the key out', () => {
  it('moves the private key and every trusted public key, and leaves nothing behind', () => {
    const root = temp();
    const from = join(root, 'data', 'keys');
    const first = generateCheckpointKey(from);
    const second = generateCheckpointKey(from, { rotate: true });
    const to = join(root, 'config', 'docket', 'keys');
    expect(moveCheckpointKey(from, to)).toEqual({
      keyId: second.keyId,
      privateKeyPath: join(to, PRIVATE_KEY_FILE),
      trustedKeys: 2,
    });
    expect(existsSync(from)).toBe(false);
    expect(statSync(to).mode & 0o077).toBe(0);
    expect([...loadTrustedKeys(to).keys()].sort()).toEqual([first.keyId, second.keyId].sort());
    // A second run finds nothing to move; a destination with another key is refused.
    expect(() => moveCheckpointKey(from, to)).toThrow(/No checkpoint key/);
    generateCheckpointKey(from);
    expect(() => moveCheckpointKey(from, to)).toThrow(/holds another checkpoint key/);
    expect(existsSync(join(from, PRIVATE_KEY_FILE))).toBe(true);
  });
});

describe('a signing key that is not a file here (an HSM, a KMS)', () => {
  const newLedger = useTempLedgers();

  /** Stands in for a remote signer: the private key stays inside this closure, the signer sees bytes. */
  function remoteKey(answer?: (bytes: Buffer) => Buffer): CheckpointSigningKey & { calls: number } {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = {
      keyId: keyIdOf(publicKey),
      publicKey,
      location: 'kms://docket/checkpoints/1',
      calls: 0,
      async sign(bytes: Buffer) {
        key.calls += 1;
        return answer ? answer(bytes) : sign(null, bytes, privateKey);
      },
    };
    return key;
  }

  it('signs through the interface; its public key joins the trusted set, so the checkpoints verify', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 4);
    const signingKey = remoteKey();
    const { checkpoint } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
      ledgerId: CENTRE,
      signingKey,
    });
    expect(signingKey.calls).toBe(1);
    expect(checkpoint.keyId).toBe(signingKey.keyId);
    expect(readdirSync(join(ledger.keyDir, 'keys'))).toContain(`${signingKey.keyId}.pub.pem`);
    expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
      ok: true,
    });
  });

  it('stores nothing when the signer answers a signature its public key does not verify', async () => {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 4);
    const signer = await CheckpointSigner.open({
      ledger: store,
      keyDir: ledger.keyDir,
      checkpointDir: ledger.checkpointDir,
      ledgerId: CENTRE,
      signingKey: remoteKey(() => Buffer.alloc(64)),
    });
    try {
      await expect(signer.signNow()).rejects.toMatchObject({ code: 'CheckpointSignatureInvalid' });
    } finally {
      await signer.stop();
    }
    expect(readCheckpoints(ledger.checkpointDir)).toEqual([]);
  });
});
