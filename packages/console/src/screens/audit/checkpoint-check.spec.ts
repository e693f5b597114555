import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, checkpointBytes, checkSignature } from './checkpoint-check';

/** A checkpoint signed as packages/audit signs one (Ed25519 over the canonical body). */
function signed() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const body = {
    format: 'docket-checkpoint/1',
    ledgerId: 'docket',
    size: 15,
    headHash: 'a'.repeat(64),
    treeRoot: 'b'.repeat(64),
    signedAt: '2026-12-07T20:49:37.288Z',
    keyId: 'dde3aebd64b9aa20',
  };
  const canonical = `{"format":"docket-checkpoint/1","headHash":"${body.headHash}","keyId":"dde3aebd64b9aa20","ledgerId":"docket","signedAt":"2026-12-07T20:49:37.288Z","size":15,"treeRoot":"${body.treeRoot}"}`;
  const signature = sign(null, Buffer.from(canonical), privateKey).toString('base64');
  const checkpoint: Checkpoint = { ...body, signature };
  const keys = [
    { keyId: body.keyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string },
  ];
  return { checkpoint, keys, canonical };
}

describe('a signed checkpoint checked in the browser', () => {
  it('signs the canonical JSON of its fields but the signature', () => {
    const { checkpoint, canonical } = signed();
    expect(new TextDecoder().decode(checkpointBytes(checkpoint))).toBe(canonical);
  });

  it('holds with the centre’s key, and fails when a field or the key differs', async () => {
    const { checkpoint, keys } = signed();
    expect(await checkSignature(checkpoint, keys)).toBe('valid');
    expect(await checkSignature({ ...checkpoint, size: 16 }, keys)).toBe('invalid');
    expect(await checkSignature({ ...checkpoint, keyId: 'ffffffffffffffff' }, keys)).toBe('untrusted-key');
  });
});

describe('a 国密 checkpoint (SM2 with SM3)', () => {
  it('is not checked in the browser, which has no SM2: it says to check it on the server', async () => {
    const { checkpoint, keys } = signed();
    const gm: Checkpoint = {
      ...checkpoint,
      hashAlgorithm: 'sm3',
      signatureAlgorithm: 'sm2-sm3',
      keyAlgorithm: 'sm2',
    };
    expect(await checkSignature(gm, keys)).toBe('server-only');
  });

  it('an Ed25519 checkpoint that names its suite is checked over every field it names', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { signature: _unsigned, ...body } = {
      ...signed().checkpoint,
      hashAlgorithm: 'sha256' as const,
      signatureAlgorithm: 'ed25519' as const,
      keyAlgorithm: 'ed25519' as const,
    };
    const signature = sign(
      null,
      Buffer.from(checkpointBytes({ ...body, signature: '' })),
      privateKey,
    ).toString('base64');
    const keys = [
      { keyId: body.keyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string },
    ];
    expect(new TextDecoder().decode(checkpointBytes({ ...body, signature }))).toContain(
      '"hashAlgorithm":"sha256"',
    );
    expect(await checkSignature({ ...body, signature }, keys)).toBe('valid');
    expect(await checkSignature({ ...body, signature, hashAlgorithm: 'sm3' }, keys)).toBe('invalid');
  });
});
