import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { CheckpointError } from './errors';
import { generateSm2KeyPair } from './sm2';
import { type KeyAlgorithm, keyAlgorithmOf } from './suite';

/**
 * The centre's checkpoint keys, in one directory:
 *
 *     checkpoint-key.pem        the current private key (PKCS8 PEM, mode 0600): signs
 *     checkpoint-key.pub.pem    its public key (SPKI PEM)
 *     keys/<keyId>.pub.pem      every public key the centre has signed with: the trusted set
 *
 * Rotation writes a new pair; the old public key stays in keys/ so older checkpoints still verify, the
 * old private key is gone so it can sign nothing more. Removing a public key from keys/ (a compromised
 * key) makes every checkpoint it signed fail as untrusted.
 */
export const PRIVATE_KEY_FILE = 'checkpoint-key.pem';
export const PUBLIC_KEY_FILE = 'checkpoint-key.pub.pem';
export const TRUSTED_KEYS_DIR = 'keys';

/** Public keys by keyId: whom a verifier believes. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

export interface CheckpointKeyFiles {
  keyId: string;
  privateKeyPath: string;
  publicKeyPath: string;
  /** The public key's copy in the trusted set. */
  trustedKeyPath: string;
}

/** keyId: the first 16 hex digits of SHA-256 over the public key's SPKI DER bytes. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * Writes a new key pair into `dir`: Ed25519, or SM2 (`algorithm: 'sm2'`) for a 国密 ledger (SM3: the
 * key follows the ledger's hash, suite.ts `keyAlgorithmForLedger`). Refuses when a key is there already
 * unless `rotate` is set: replacing the signing key by accident would leave checkpoints nobody can extend.
 */
export function generateCheckpointKey(
  dir: string,
  options: { rotate?: boolean; algorithm?: KeyAlgorithm } = {},
): CheckpointKeyFiles {
  const privateKeyPath = join(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = join(dir, PUBLIC_KEY_FILE);
  if (existsSync(privateKeyPath) && !options.rotate) {
    throw new CheckpointError(
      'CheckpointKeyExists',
      `${privateKeyPath} exists; pass rotate to replace it (its public key stays trusted in ${TRUSTED_KEYS_DIR}/)`,
    );
  }
  // A key directory made here is its owner's alone (the default one is in the account's configuration).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, TRUSTED_KEYS_DIR), { recursive: true });
  const { privateKey, publicKey } =
    options.algorithm === 'sm2' ? generateSm2KeyPair() : generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  // The trusted copy first: a crash in between leaves an extra trusted key, never a signer nobody trusts.
  const trustedKeyPath = join(dir, TRUSTED_KEYS_DIR, `${keyId}.pub.pem`);
  writeFileAtomically(trustedKeyPath, publicPem);
  writeFileAtomically(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
  // The mode given at creation is narrowed by the umask only; make sure of it anyway.
  chmodSync(privateKeyPath, 0o600);
  writeFileAtomically(publicKeyPath, publicPem);
  return { keyId, privateKeyPath, publicKeyPath, trustedKeyPath };
}

/** The current signing key. Refuses a private key file that others can read, as ssh does. */
export function loadSigningKey(dir: string): { keyId: string; privateKey: KeyObject } {
  const path = join(dir, PRIVATE_KEY_FILE);
  if (!existsSync(path)) {
    throw new CheckpointError('CheckpointKeyMissing', `No checkpoint key in ${dir}: generate one first`);
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new CheckpointError('CheckpointKeyExposed', `${path} is readable by others: chmod 600 it`);
  }
  const privateKey = createPrivateKey(readFileSync(path));
  if (keyAlgorithmOf(privateKey) === undefined) {
    throw new CheckpointError('CheckpointKeyInvalid', `${path} is not an Ed25519 or SM2 private key`);
  }
  const keyId = trustPublicKey(dir, createPublicKey(privateKey));
  return { keyId, privateKey };
}

/**
 * Puts a signing key's public key into the directory's trusted set, if it is not there: a signature
 * nobody could check is worse than none. Answers its keyId.
 */
export function trustPublicKey(dir: string, publicKey: KeyObject): string {
  const keyId = keyIdOf(publicKey);
  const trusted = join(dir, TRUSTED_KEYS_DIR, `${keyId}.pub.pem`);
  if (!existsSync(trusted)) {
    mkdirSync(join(dir, TRUSTED_KEYS_DIR), { recursive: true });
    writeFileAtomically(trusted, publicKey.export({ type: 'spki', format: 'pem' }) as string);
  }
  return keyId;
}

/**
 * The trusted set of a key directory: every public key in keys/. The keyId is computed from each key,
 * never taken from the file name, so a renamed file cannot stand in for another key.
 */
export function loadTrustedKeys(dir: string): TrustedKeys {
  const keysDir = join(dir, TRUSTED_KEYS_DIR);
  if (!existsSync(keysDir)) return new Map();
  const pems = readdirSync(keysDir)
    .filter((name) => name.endsWith('.pem'))
    .sort()
    .map((name) => readFileSync(join(keysDir, name), 'utf8'));
  return trustedKeysFromPem(pems);
}

/** A trusted set from public keys handed over outside the centre (SPKI PEM). */
export function trustedKeysFromPem(pems: readonly string[]): TrustedKeys {
  const keys = new Map<string, KeyObject>();
  for (const pem of pems) {
    const key = createPublicKey(pem);
    if (keyAlgorithmOf(key) === undefined) {
      throw new CheckpointError(
        'CheckpointKeyInvalid',
        'A trusted checkpoint key is not an Ed25519 or SM2 public key',
      );
    }
    keys.set(keyIdOf(key), key);
  }
  return keys;
}
