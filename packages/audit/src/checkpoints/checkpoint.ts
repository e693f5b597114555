import type { KeyObject } from 'node:crypto';
import { HASH_ALGORITHMS, type HashAlgorithm } from '@docket/event-store';
import { canonicalJson } from './canonical-json';
import { CheckpointError } from './errors';
import { keyIdOf, type TrustedKeys } from './keys';
import {
  type CheckpointSuite,
  KEY_ALGORITHMS,
  keyAlgorithmOf,
  SIGNATURE_ALGORITHMS,
  STANDARD_SUITE,
  signatureAlgorithmFor,
  signerOf,
  verifySignature,
} from './suite';

export const CHECKPOINT_FORMAT = 'docket-checkpoint/1';

/**
 * What the centre signs: the ledger's first `size` events (positions 1..size) have the tree root
 * `treeRoot` (RFC 6962 over their chain hashes), and the chain hash at position `size` is `headHash`.
 * The head hash alone already commits to the whole prefix through the chain; the root adds short proofs
 * that one event is in it and that a later checkpoint extends this one.
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  /** Which ledger: the centre's name unless the ledger carries an id of its own. */
  ledgerId: string;
  size: number;
  /** Hex; the genesis hash (64 zeros) for size 0. */
  headHash: string;
  /** Hex. */
  treeRoot: string;
  /** ISO-8601: when the centre signed, by its clock. */
  signedAt: string;
  keyId: string;
  /**
   * The suite (suite.ts), signed like every other field: the hash of the ledger's chain and of the tree
   * (`sha256`, `sm3`), the signature's algorithm (`ed25519`, `sm2-sm3`) and the key's (`ed25519`, `sm2`).
   * Every checkpoint signed now names all three; one that names none was signed before they existed and
   * is SHA-256 and Ed25519.
   */
  hashAlgorithm?: HashAlgorithm;
  signatureAlgorithm?: CheckpointSuite['signatureAlgorithm'];
  keyAlgorithm?: CheckpointSuite['keyAlgorithm'];
}

/** A checkpoint as stored and handed out: the body's fields and the signature (base64). */
export interface SignedCheckpoint extends CheckpointBody {
  signature: string;
}

/** The algorithms a checkpoint was made with: as it names them, or standard if it names none. */
export function checkpointSuite(checkpoint: CheckpointBody): CheckpointSuite {
  return checkpoint.hashAlgorithm === undefined
    ? STANDARD_SUITE
    : {
        hashAlgorithm: checkpoint.hashAlgorithm,
        signatureAlgorithm: checkpoint.signatureAlgorithm ?? 'ed25519',
        keyAlgorithm: checkpoint.keyAlgorithm ?? 'ed25519',
      };
}

/** The signed bytes: the body as canonical JSON (the signature itself excluded). */
export function checkpointBytes(body: CheckpointBody): Buffer {
  const { format, ledgerId, size, headHash, treeRoot, signedAt, keyId } = body;
  const { hashAlgorithm, signatureAlgorithm, keyAlgorithm } = body;
  return Buffer.from(
    canonicalJson({
      format,
      ledgerId,
      size,
      headHash,
      treeRoot,
      signedAt,
      keyId,
      hashAlgorithm,
      signatureAlgorithm,
      keyAlgorithm,
    }),
    'utf8',
  );
}

/** The fields a key adds to a body: its keyId and algorithms. */
export function keyFields(
  publicKey: KeyObject,
): Pick<CheckpointBody, 'keyId' | 'signatureAlgorithm' | 'keyAlgorithm'> {
  const keyAlgorithm = keyAlgorithmOf(publicKey);
  if (keyAlgorithm === undefined) {
    throw new CheckpointError('CheckpointKeyInvalid', 'A checkpoint key is an Ed25519 or an SM2 key');
  }
  return { keyId: keyIdOf(publicKey), signatureAlgorithm: signatureAlgorithmFor(keyAlgorithm), keyAlgorithm };
}

/** Signs a body with a private key (Ed25519 or SM2); `hashAlgorithm` defaults to SHA-256. */
export function signCheckpointBody(
  body: Omit<CheckpointBody, 'format' | 'keyId' | 'signatureAlgorithm' | 'keyAlgorithm'>,
  privateKey: KeyObject,
): SignedCheckpoint {
  const full: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    ...body,
    hashAlgorithm: body.hashAlgorithm ?? 'sha256',
    ...keyFields(privateKey),
  };
  const signature = signerOf(privateKey)(checkpointBytes(full)).toString('base64');
  return { ...full, signature };
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; problem: 'untrusted-key' | 'bad-signature'; reason: string };

/** Is the checkpoint signed by a key in the trusted set, over exactly these fields? */
export function verifyCheckpointSignature(
  checkpoint: SignedCheckpoint,
  trusted: TrustedKeys,
): SignatureCheck {
  const key = trusted.get(checkpoint.keyId);
  if (!key) {
    return {
      ok: false,
      problem: 'untrusted-key',
      reason: `checkpoint ${checkpoint.size} is signed by key ${checkpoint.keyId}, which is not trusted`,
    };
  }
  const suite = checkpointSuite(checkpoint);
  if (keyAlgorithmOf(key) !== suite.keyAlgorithm) {
    return {
      ok: false,
      problem: 'bad-signature',
      reason: `checkpoint ${checkpoint.size} names an ${suite.keyAlgorithm} key, but the trusted key ${checkpoint.keyId} is not one`,
    };
  }
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (!verifySignature(suite.signatureAlgorithm, checkpointBytes(checkpoint), key, signature)) {
    return {
      ok: false,
      problem: 'bad-signature',
      reason: `checkpoint ${checkpoint.size}: the signature does not match its contents`,
    };
  }
  return { ok: true };
}

const HEX_64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const FIELDS = [
  'format',
  'ledgerId',
  'size',
  'headHash',
  'treeRoot',
  'signedAt',
  'keyId',
  'hashAlgorithm',
  'signatureAlgorithm',
  'keyAlgorithm',
  'signature',
];
const SUITE_FIELDS = ['hashAlgorithm', 'signatureAlgorithm', 'keyAlgorithm'] as const;

/**
 * Reads a checkpoint from parsed JSON, strictly: a field the signature does not cover must not ride
 * along in a file that looks signed, so unknown fields are refused.
 */
export function parseCheckpoint(value: unknown, source = 'checkpoint'): SignedCheckpoint {
  const fail = (why: string): never => {
    throw new CheckpointError('MalformedCheckpoint', `${source} is not a docket checkpoint: ${why}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('not an object');
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => !FIELDS.includes(k));
  if (extra.length > 0) fail(`unknown field ${extra.join(', ')}`);
  if (v.format !== CHECKPOINT_FORMAT) fail(`format is ${JSON.stringify(v.format)}, not ${CHECKPOINT_FORMAT}`);
  if (typeof v.ledgerId !== 'string' || v.ledgerId === '') fail('ledgerId missing');
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) fail('size is no count');
  if (typeof v.headHash !== 'string' || !HEX_64.test(v.headHash)) fail('headHash is no 256-bit hex');
  if (typeof v.treeRoot !== 'string' || !HEX_64.test(v.treeRoot)) fail('treeRoot is no 256-bit hex');
  // All three or none (a checkpoint signed before they existed).
  const named = SUITE_FIELDS.filter((k) => v[k] !== undefined);
  if (named.length !== 0 && named.length !== SUITE_FIELDS.length) fail('it names only part of its suite');
  if (named.length > 0) {
    if (!HASH_ALGORITHMS.includes(v.hashAlgorithm as HashAlgorithm)) fail('unknown hashAlgorithm');
    if (!SIGNATURE_ALGORITHMS.includes(v.signatureAlgorithm as never)) fail('unknown signatureAlgorithm');
    if (!KEY_ALGORITHMS.includes(v.keyAlgorithm as never)) fail('unknown keyAlgorithm');
  }
  if (typeof v.signedAt !== 'string' || Number.isNaN(Date.parse(v.signedAt))) fail('signedAt is no instant');
  if (typeof v.keyId !== 'string' || !KEY_ID.test(v.keyId)) fail('keyId is not 16 hex digits');
  if (typeof v.signature !== 'string' || !BASE64.test(v.signature)) fail('signature is not base64');
  return v as unknown as SignedCheckpoint;
}
