import { createECDH, createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  A,
  type AffinePoint,
  B,
  GX,
  GY,
  isOnCurve,
  mod,
  modInverse,
  N,
  twoScalarMultiply,
} from './sm2-curve';

/**
 * SM2 digital signatures with SM3 (GB/T 32918.2-2016; GM/T 0009-2012 for the identifier and the DER form),
 * made and checked here rather than by Node's `crypto.sign('sm3', …)`, because that does not give them:
 *
 * - a key from `generateKeyPairSync('ec', { namedCurve: 'SM2' })` signs **ECDSA** over the SM2 curve;
 * - the same key read back from its PEM signs SM2, but OpenSSL 3.0 computes Z with an **empty**
 *   distinguishing identifier (ENTL = 0), and Node has no way to set one;
 *
 * while GM/T 0009-2012 says a signer who agreed no identifier uses the default `1234567812345678`, which is
 * what outside verifiers (GmSSL, BouncyCastle, a 密评 tool) assume. Checked by the test vector of GM/T
 * 0003.5-2012 (GB/T 32918.5) Annex A, and against both OpenSSL behaviours (test/checkpoints-sm2.spec.ts).
 *
 * What a signature is: e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA); a random k
 * (OpenSSL: `createECDH('SM2').generateKeys()` draws it and computes (x1, y1) = [k]G in its constant-time
 * code); r = (e + x1) mod n; s = (1 + d)⁻¹ · (k − r·d) mod n; DER SEQUENCE { r INTEGER, s INTEGER }.
 * The last two lines run in JavaScript BigInt arithmetic, which is not constant-time: a signer that signs
 * on its own schedule (every N events or T ms) gives an observer no chosen timings; an HSM is the answer
 * where that is not enough (a `CheckpointSigningKey`).
 */

/** GM/T 0009-2012 §10: the identifier when none was agreed. */
export const SM2_DEFAULT_ID = '1234567812345678';

const BYTES = 32;
const toBytes = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(BYTES * 2, '0'), 'hex');
const toBigInt = (bytes: Buffer): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`));

// SubjectPublicKeyInfo of an SM2 key: id-ecPublicKey (1.2.840.10045.2.1), curve sm2 (1.2.156.10197.1.301),
// then the BIT STRING of the uncompressed point 04 ‖ x ‖ y.
const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const ALGORITHM_ID = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');

/** Is this (public or private) key an SM2 key? Node names neither type for an SM2 key read from PEM. */
export function isSm2Key(key: KeyObject): boolean {
  if (key.asymmetricKeyType !== undefined && key.asymmetricKeyType !== 'ec') return false;
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return der.length === SPKI_PREFIX.length + 65 && der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX);
}

/** The public key's point (refused unless it is an SM2 key with an uncompressed point on the curve). */
export function sm2PublicPoint(key: KeyObject): AffinePoint {
  if (!isSm2Key(key)) throw new TypeError('not an SM2 key');
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  const point = der.subarray(SPKI_PREFIX.length);
  const xy = { x: toBigInt(point.subarray(1, 33)), y: toBigInt(point.subarray(33)) };
  if (point[0] !== 0x04 || !isOnCurve(xy))
    throw new TypeError('the SM2 public key is not a point of the curve');
  return xy;
}

/** A fresh SM2 key pair (GB/T 32918.1, the recommended curve); written as PKCS#8 / SPKI PEM like any other. */
export function generateSm2KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return { privateKey, publicKey };
}

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), ENTL the ID's length in bits (two bytes). */
export function sm2Z(point: AffinePoint, id: string = SM2_DEFAULT_ID): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  if (idBytes.length * 8 > 0xffff) throw new RangeError('an SM2 identifier is at most 8191 bytes');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  const parts = [entl, idBytes, ...[A, B, GX, GY, point.x, point.y].map(toBytes)];
  return createHash('sm3').update(Buffer.concat(parts)).digest();
}

/** e = SM3(Z_A ‖ M), as an integer. */
export function sm2Digest(message: Buffer, point: AffinePoint, id: string = SM2_DEFAULT_ID): bigint {
  return toBigInt(createHash('sm3').update(sm2Z(point, id)).update(message).digest());
}

/** The private scalar d of a PKCS#8 SM2 key: PrivateKeyInfo { 0, AlgorithmIdentifier, OCTET STRING { ECPrivateKey } }. */
function privateScalar(key: KeyObject): bigint {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const info = readTlv(der, 0, 0x30);
  const version = readTlv(der, info.start, 0x02);
  const algorithm = readTlv(der, version.end, 0x30);
  if (!der.subarray(version.end, algorithm.end).equals(ALGORITHM_ID))
    throw new TypeError('not an SM2 private key');
  const octets = readTlv(der, algorithm.end, 0x04);
  const ecPrivateKey = readTlv(der, octets.start, 0x30);
  const ecVersion = readTlv(der, ecPrivateKey.start, 0x02);
  const d = readTlv(der, ecVersion.end, 0x04);
  return toBigInt(der.subarray(d.start, d.end));
}

/** An SM2 private key's parts, read once: what every signature with it needs. */
export interface Sm2Signer {
  readonly point: AffinePoint;
  sign(message: Buffer): Buffer;
}

/** Signs with the default identifier (or `id`); the signature is DER, as GM/T 0009 encodes SM2 signatures. */
export function sm2Signer(privateKey: KeyObject, id: string = SM2_DEFAULT_ID): Sm2Signer {
  const point = sm2PublicPoint(privateKey);
  const d = privateScalar(privateKey);
  if (d <= 0n || d >= N - 1n) throw new TypeError('the SM2 private key is out of range');
  const z = sm2Z(point, id);
  const inverse = modInverse(1n + d, N);
  return {
    point,
    sign(message) {
      const e = toBigInt(createHash('sm3').update(z).update(message).digest());
      for (;;) {
        const ecdh = createECDH('SM2');
        const r1 = ecdh.generateKeys();
        const k = toBigInt(ecdh.getPrivateKey());
        const r = mod(e + toBigInt(r1.subarray(1, 1 + BYTES)), N);
        if (r === 0n || r + k === N) continue;
        const s = mod(inverse * mod(k - r * d, N), N);
        if (s === 0n) continue;
        return encodeSignature(r, s);
      }
    },
  };
}

/** GB/T 32918.2 §7: does `signature` (DER) sign `message` under the public key, with this identifier? */
export function sm2Verify(
  message: Buffer,
  publicKey: KeyObject,
  signature: Buffer,
  id: string = SM2_DEFAULT_ID,
): boolean {
  let point: AffinePoint;
  let r: bigint;
  let s: bigint;
  try {
    point = sm2PublicPoint(publicKey);
    ({ r, s } = decodeSignature(signature));
  } catch {
    return false;
  }
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const sum = twoScalarMultiply(s, t, point);
  if (sum === undefined) return false;
  return mod(sm2Digest(message, point, id) + sum.x, N) === r;
}

/** SEQUENCE { r INTEGER, s INTEGER }, minimal DER. */
export function encodeSignature(r: bigint, s: bigint): Buffer {
  const integer = (value: bigint): Buffer => {
    const hex = value.toString(16);
    let bytes = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
    if ((bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
  };
  const body = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** r and s of a DER signature; anything but exactly one SEQUENCE of two non-negative INTEGERs is refused. */
export function decodeSignature(signature: Buffer): { r: bigint; s: bigint } {
  const sequence = readTlv(signature, 0, 0x30);
  if (sequence.end !== signature.length) throw new TypeError('trailing bytes after the signature');
  const r = readTlv(signature, sequence.start, 0x02);
  const s = readTlv(signature, r.end, 0x02);
  if (s.end !== sequence.end) throw new TypeError('not two integers');
  for (const part of [r, s]) {
    if (part.end === part.start || (signature[part.start]! & 0x80) !== 0)
      throw new TypeError('not a positive integer');
  }
  return { r: toBigInt(signature.subarray(r.start, r.end)), s: toBigInt(signature.subarray(s.start, s.end)) };
}

/** One DER element of the expected tag at `offset`: where its contents start and end. */
function readTlv(der: Buffer, offset: number, tag: number): { start: number; end: number } {
  if (der[offset] !== tag) throw new TypeError(`DER: expected tag ${tag} at ${offset}`);
  let length = der[offset + 1];
  let start = offset + 2;
  if (length === undefined) throw new TypeError('DER: truncated');
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 2) throw new TypeError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? Number.NaN);
    start += count;
  }
  const end = start + length;
  if (!Number.isInteger(end) || end > der.length) throw new TypeError('DER: truncated');
  return { start, end };
}
