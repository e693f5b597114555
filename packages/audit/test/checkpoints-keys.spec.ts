import { createHash, generateKeyPairSync } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  CheckpointError,
  checkpointBytes,
  generateCheckpointKey,
  keyIdOf,
  loadSigningKey,
  loadTrustedKeys,
  PRIVATE_KEY_FILE,
  parseCheckpoint,
  signCheckpointBody,
  TRUSTED_KEYS_DIR,
  trustedKeysFromPem,
  verifyCheckpointSignature,
} from '../src/checkpoints';
import { canonicalJson } from '../src/checkpoints/canonical-json';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});
function keyDir(): string {
  const dir = tempDir('docket-keys-');
  dirs.push(dir);
  return join(dir.path, 'keys');
}
const body = {
  ledgerId: '某某区政务服务中心',
  size: 10,
  headHash: 'a'.repeat(64),
  treeRoot: 'b'.repeat(64),
  signedAt: '2026-03-02T01:30:00.000Z',
};

describe('checkpoint keys', () => {
  it('writes a private key only its owner can read, its public key, and the key into the trusted set', () => {
    const dir = keyDir();
    const files = generateCheckpointKey(dir);
    expect(statSync(files.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(files.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(files.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(readdirSync(join(dir, TRUSTED_KEYS_DIR))).toEqual([`${files.keyId}.pub.pem`]);
    // keyId: the first 16 hex digits of SHA-256 over the SPKI DER bytes.
    const der = Buffer.from(
      readFileSync(files.publicKeyPath, 'utf8').replace(/-----[A-Z ]+-----|\s/g, ''),
      'base64',
    );
    expect(files.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(loadSigningKey(dir).keyId).toBe(files.keyId);
  });

  it('refuses to replace a key unless asked to rotate; rotation keeps the old public key trusted', () => {
    const dir = keyDir();
    const first = generateCheckpointKey(dir);
    const older = signCheckpointBody(body, loadSigningKey(dir).privateKey);
    expect(() => generateCheckpointKey(dir)).toThrow(/rotate/);
    const second = generateCheckpointKey(dir, { rotate: true });
    expect(second.keyId).not.toBe(first.keyId);
    expect(loadSigningKey(dir).keyId).toBe(second.keyId);
    const newer = signCheckpointBody({ ...body, size: 11 }, loadSigningKey(dir).privateKey);
    expect(newer.keyId).toBe(second.keyId);
    const trusted = loadTrustedKeys(dir);
    expect([...trusted.keys()].sort()).toEqual([first.keyId, second.keyId].sort());
    expect(verifyCheckpointSignature(older, trusted)).toEqual({ ok: true });
    expect(verifyCheckpointSignature(newer, trusted)).toEqual({ ok: true });
  });

  it('a checkpoint signed by a key not in the trusted set fails, also once its key is withdrawn', () => {
    const dir = keyDir();
    const { keyId } = generateCheckpointKey(dir);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect(verifyCheckpointSignature(signCheckpointBody(body, stranger), loadTrustedKeys(dir))).toMatchObject(
      {
        ok: false,
        problem: 'untrusted-key',
      },
    );
    const own = signCheckpointBody(body, loadSigningKey(dir).privateKey);
    rmSync(join(dir, TRUSTED_KEYS_DIR, `${keyId}.pub.pem`));
    // (loadSigningKey would put it back: only the signer does that, a verifier reads keys/ as it is.)
    expect(verifyCheckpointSignature(own, loadTrustedKeys(dir))).toMatchObject({
      ok: false,
      problem: 'untrusted-key',
    });
  });

  it('takes a trusted key’s id from the key, not from its file name', () => {
    const dir = keyDir();
    const { keyId, trustedKeyPath } = generateCheckpointKey(dir);
    renameSync(trustedKeyPath, join(dir, TRUSTED_KEYS_DIR, '0000000000000000.pub.pem'));
    expect([...loadTrustedKeys(dir).keys()]).toEqual([keyId]);
    const outside = trustedKeysFromPem([readFileSync(join(dir, 'checkpoint-key.pub.pem'), 'utf8')]);
    expect([...outside.keys()]).toEqual([keyId]);
    expect(keyIdOf(loadSigningKey(dir).privateKey)).toBe(keyId);
  });

  it('refuses a private key file that others can read', () => {
    const dir = keyDir();
    generateCheckpointKey(dir);
    chmodSync(join(dir, PRIVATE_KEY_FILE), 0o644);
    expect(() => loadSigningKey(dir)).toThrow(CheckpointError);
    expect(() => loadSigningKey(join(dir, 'nowhere'))).toThrow(/No checkpoint key/);
  });
});

describe('the checkpoint format', () => {
  it('signs the canonical JSON of the body: sorted keys, no whitespace, the signature excluded', () => {
    const dir = keyDir();
    generateCheckpointKey(dir);
    const signed = signCheckpointBody(body, loadSigningKey(dir).privateKey);
    expect(signed.format).toBe(CHECKPOINT_FORMAT);
    expect(checkpointBytes(signed).toString('utf8')).toBe(
      `{"format":"docket-checkpoint/1","hashAlgorithm":"sha256","headHash":"${'a'.repeat(64)}","keyAlgorithm":"ed25519","keyId":"${signed.keyId}","ledgerId":"某某区政务服务中心","signatureAlgorithm":"ed25519","signedAt":"2026-03-02T01:30:00.000Z","size":10,"treeRoot":"${'b'.repeat(64)}"}`,
    );
    // Written and read back in another key order, it still verifies.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    expect(verifyCheckpointSignature(parseCheckpoint(reordered), loadTrustedKeys(dir))).toEqual({ ok: true });
  });

  it('a changed field breaks the signature', () => {
    const dir = keyDir();
    generateCheckpointKey(dir);
    const signed = signCheckpointBody(body, loadSigningKey(dir).privateKey);
    const trusted = loadTrustedKeys(dir);
    for (const changed of [
      { size: 11 },
      { treeRoot: 'c'.repeat(64) },
      { headHash: 'c'.repeat(64) },
      { signedAt: '2026-03-03T01:30:00.000Z' },
      { ledgerId: '另一个中心' },
    ]) {
      expect(verifyCheckpointSignature({ ...signed, ...changed }, trusted)).toMatchObject({
        ok: false,
        problem: 'bad-signature',
      });
    }
  });

  it('parsing refuses fields the signature does not cover and malformed values', () => {
    const dir = keyDir();
    generateCheckpointKey(dir);
    const signed = signCheckpointBody(body, loadSigningKey(dir).privateKey);
    expect(parseCheckpoint(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
    for (const bad of [
      { ...signed, note: 'unsigned' },
      { ...signed, format: 'docket-checkpoint/2' },
      { ...signed, size: -1 },
      { ...signed, size: 1.5 },
      { ...signed, treeRoot: 'XYZ' },
      { ...signed, keyId: 'short' },
      { ...signed, signedAt: 'yesterday' },
      [],
      null,
    ]) {
      expect(() => parseCheckpoint(bad)).toThrow(/not a docket checkpoint/);
    }
  });

  it('canonical JSON sorts nested keys, drops undefined and refuses what it cannot write exactly', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: true, u: undefined })).toBe(
      '{"a":true,"b":[1,{"c":null,"d":"x"}]}',
    );
    expect(() => canonicalJson({ n: 0.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 10n })).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(TypeError);
  });
});
