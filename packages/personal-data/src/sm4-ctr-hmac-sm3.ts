import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CipherSuite, KEY_BYTES, SealBroken } from './cipher';

const IV_BYTES = 16;
const TAG_BYTES = 32;
// Half of cipher.ts's KEY_BYTES, written out: cipher.ts imports this module (the suites it knows), so
// nothing from it is read while the modules load.
const HALF = 16;

/**
 * The 国密 suite (`DOCKET_CRYPTO=gm`): SM4 (GB/T 32907-2016) in CTR mode, authenticated by HMAC-SM3
 * (GB/T 32905 in HMAC, GB/T 15852.2), encrypt-then-MAC. Node's OpenSSL 3.0 has no SM4-GCM, so the AEAD is
 * built the way JWA's AES_CBC_HMAC_SHA2 is (RFC 7518 §5.2): the 256-bit data key is split, its first half
 * the MAC key and its second the SM4 key (SM4's keys are 128 bits); the tag is
 *
 *     HMAC-SM3(macKey, AAD ‖ IV ‖ ciphertext ‖ AL)     AL = the AAD's length in bits, 64-bit big-endian
 *
 * in full (32 bytes), checked in constant time before anything is decrypted. A random 128-bit IV per value
 * is the initial counter block: one key seals one subject's values, far fewer than would make two counter
 * ranges meet. Stored as IV ‖ ciphertext ‖ tag.
 */
const sm4CtrHmacSm3With = (id: string, valueKeyHash: CipherSuite['valueKeyHash']): CipherSuite => ({
  id,
  valueKeyHash,
  seal(key, plaintext, aad) {
    checkKey(key);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-ctr', key.subarray(HALF), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, ciphertext, tagOf(key, aad, iv, ciphertext)]);
  },
  open(key, sealed, aad) {
    checkKey(key);
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealBroken('too short');
    const iv = sealed.subarray(0, IV_BYTES);
    const ciphertext = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    // Encrypt-then-MAC: nothing is decrypted before the tag holds, and the comparison takes the same
    // time wherever the first differing byte is.
    if (!timingSafeEqual(tag, tagOf(key, aad, iv, ciphertext))) throw new SealBroken('authentication failed');
    const decipher = createDecipheriv('sm4-ctr', key.subarray(HALF), iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  },
});

/**
 * What a 国密 deployment seals with: each value's key derived from the subject's key by HMAC-SM3
 * (value-keys.ts), so no SHA-256 touches personal data.
 */
export const sm4CtrHmacSm3Hkdf: CipherSuite = sm4CtrHmacSm3With('sm4-ctr-hmac-sm3-hkdf-sm3', 'sm3');

/**
 * The first 国密 suite, the same sealing with each value's key derived by HMAC-SHA256: still opened, so that
 * what a 国密 deployment sealed with it stays readable; nothing new is sealed with it.
 */
export const sm4CtrHmacSm3: CipherSuite = sm4CtrHmacSm3With('sm4-ctr-hmac-sm3', 'sha256');

function tagOf(key: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const bits = Buffer.alloc(8);
  bits.writeBigUInt64BE(BigInt(aad.length) * 8n);
  return createHmac('sm3', key.subarray(0, HALF))
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .update(bits)
    .digest();
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`a data key is ${KEY_BYTES} bytes, not ${key.length}`);
}
