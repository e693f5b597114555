import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { HashAlgorithm } from '@docket/event-store';
import {
  CHECKPOINT_FORMAT,
  type CheckpointBody,
  checkpointBytes,
  keyFields,
  type SignedCheckpoint,
} from './checkpoint';
import { CheckpointError } from './errors';
import { loadSigningKey, PRIVATE_KEY_FILE } from './keys';
import { keyAlgorithmForLedger, signerOf, verifySignature } from './suite';

/**
 * What signs checkpoints. The key file of a key directory is one; an HSM or a cloud KMS is another,
 * behind the same members, so that the private key never has to be on the machine that holds the
 * ledger. An Ed25519 key's `sign` answers the 64-byte signature over the bytes given, as
 * `crypto.sign(null, bytes, key)` does; an SM2 key's the DER signature over SM3(Z ‖ bytes) with the
 * default identifier (GM/T 0009; sm2.ts), as a 国密 signing device (签名服务器, GM/T 0018 SDF) gives it.
 * Its public key must be handed to outside parties like any other.
 */
export interface CheckpointSigningKey {
  /** keyIdOf(publicKey): what a checkpoint names. */
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** Where the key is, for the operator (a file path, an HSM slot, a KMS key name); never secret. */
  readonly location: string;
  sign(bytes: Buffer): Promise<Buffer>;
}

/** The private key file of a key directory (checkpoint-key.pem), read once. */
export function fileSigningKey(keyDir: string): CheckpointSigningKey {
  const { keyId, privateKey } = loadSigningKey(keyDir);
  return {
    keyId,
    publicKey: createPublicKey(privateKey),
    location: join(keyDir, PRIVATE_KEY_FILE),
    sign: (() => {
      const signWith = signerOf(privateKey);
      return async (bytes: Buffer) => signWith(bytes);
    })(),
  };
}

/**
 * Signs a checkpoint body with any signing key, and checks the signature with its public key before
 * the checkpoint is believed: a remote signer that answered wrongly (or with another key) stores nothing.
 */
export async function signCheckpointWith(
  body: Omit<CheckpointBody, 'format' | 'keyId' | 'hashAlgorithm' | 'signatureAlgorithm' | 'keyAlgorithm'> & {
    hashAlgorithm: HashAlgorithm;
  },
  key: CheckpointSigningKey,
): Promise<SignedCheckpoint> {
  const fields = refuseKeyOfOtherSuite(key, body.hashAlgorithm);
  if (fields.keyId !== key.keyId) {
    throw new CheckpointError('CheckpointKeyInvalid', `${key.location}: its keyId is not its public key's`);
  }
  const full: CheckpointBody = { format: CHECKPOINT_FORMAT, ...body, ...fields };
  const bytes = checkpointBytes(full);
  const signature = await key.sign(bytes);
  if (!verifySignature(full.signatureAlgorithm!, bytes, key.publicKey, signature)) {
    throw new CheckpointError(
      'CheckpointSignatureInvalid',
      `${key.location} answered a signature its public key does not verify`,
    );
  }
  return { ...full, signature: signature.toString('base64') };
}

/**
 * The suite is one: an SM3 (国密) ledger's checkpoints are signed with SM2, a SHA-256 ledger's with
 * Ed25519, never across (a 密评 assessor, and a verifier, reads one suite per checkpoint). Answers the key's
 * checkpoint fields.
 */
export function refuseKeyOfOtherSuite(
  key: CheckpointSigningKey,
  hashAlgorithm: HashAlgorithm,
): ReturnType<typeof keyFields> {
  const fields = keyFields(key.publicKey);
  const wanted = keyAlgorithmForLedger(hashAlgorithm);
  if (fields.keyAlgorithm !== wanted) {
    throw new CheckpointError(
      'CheckpointKeyOfOtherSuite',
      `${key.location} is an ${fields.keyAlgorithm} key, but the ledger is chained with ${hashAlgorithm.toUpperCase()}: ` +
        `its checkpoints are signed with an ${wanted} key (docket checkpoint keygen --rotate makes one of the ledger's kind)`,
    );
  }
  return fields;
}
