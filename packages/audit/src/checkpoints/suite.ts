import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { HashAlgorithm } from '@docket/event-store';
import { isSm2Key, sm2Signer, sm2Verify } from './sm2';

/**
 * The algorithms of a checkpoint, named in it so that a verifier picks by them (never by configuration):
 *
 * | suite           | `hashAlgorithm` (chain, tree) | `signatureAlgorithm`       | `keyAlgorithm` |
 * | --------------- | ----------------------------- | -------------------------- | -------------- |
 * | standard        | `sha256`                      | `ed25519`                  | `ed25519`      |
 * | 国密 (`gm`)      | `sm3` (GB/T 32905)            | `sm2-sm3` (GB/T 32918.2)   | `sm2`          |
 *
 * `sm2-sm3` is SM2 over SM3(Z ‖ M) with the default identifier `1234567812345678` (GM/T 0009), the
 * signature DER (sm2.ts). A checkpoint that names none was signed before the choice existed: standard.
 */
export type SignatureAlgorithm = 'ed25519' | 'sm2-sm3';
export type KeyAlgorithm = 'ed25519' | 'sm2';

export interface CheckpointSuite {
  hashAlgorithm: HashAlgorithm;
  signatureAlgorithm: SignatureAlgorithm;
  keyAlgorithm: KeyAlgorithm;
}

export const STANDARD_SUITE: CheckpointSuite = {
  hashAlgorithm: 'sha256',
  signatureAlgorithm: 'ed25519',
  keyAlgorithm: 'ed25519',
};
export const GM_SUITE: CheckpointSuite = {
  hashAlgorithm: 'sm3',
  signatureAlgorithm: 'sm2-sm3',
  keyAlgorithm: 'sm2',
};

export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['ed25519', 'sm2-sm3'];
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['ed25519', 'sm2'];

/** The suite a ledger's checkpoints are made with: its chain's hash decides (SM3 goes with SM2). */
export const suiteForLedger = (hashAlgorithm: HashAlgorithm): CheckpointSuite =>
  hashAlgorithm === 'sm3' ? GM_SUITE : STANDARD_SUITE;

/** The key algorithm a ledger's checkpoint key must have. */
export const keyAlgorithmForLedger = (hashAlgorithm: HashAlgorithm): KeyAlgorithm =>
  suiteForLedger(hashAlgorithm).keyAlgorithm;

/** What a key is, for checkpoints: Ed25519, SM2, or something they do not use. */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  return isSm2Key(key) ? 'sm2' : undefined;
}

export const signatureAlgorithmFor = (key: KeyAlgorithm): SignatureAlgorithm =>
  key === 'sm2' ? 'sm2-sm3' : 'ed25519';

/** A key file's signing function: Ed25519 by OpenSSL, SM2 by sm2.ts (the parts read once). */
export function signerOf(privateKey: KeyObject): (bytes: Buffer) => Buffer {
  const algorithm = keyAlgorithmOf(privateKey);
  if (algorithm === 'sm2') {
    const sm2 = sm2Signer(privateKey);
    return (bytes) => sm2.sign(bytes);
  }
  if (algorithm === 'ed25519') return (bytes) => sign(null, bytes, privateKey);
  throw new TypeError('a checkpoint key is Ed25519 or SM2');
}

/** Does `signature` sign `bytes` with this algorithm and public key? A key of another algorithm: no. */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  bytes: Buffer,
  publicKey: KeyObject,
  signature: Buffer,
): boolean {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  if (algorithm === 'sm2-sm3') return keyAlgorithmOf(key) === 'sm2' && sm2Verify(bytes, key, signature);
  if (keyAlgorithmOf(key) !== 'ed25519') return false;
  try {
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}
