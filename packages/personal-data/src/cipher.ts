import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CryptoProfile } from '@docket/event-store';
import { sm4CtrHmacSm3, sm4CtrHmacSm3Hkdf } from './sm4-ctr-hmac-sm3';

/**
 * A cipher suite seals a value with a 256-bit key and additional authenticated data (AAD): the AAD is not
 * stored in the sealed bytes, and opening with any other AAD (the value moved to another field or event)
 * fails, as does any change to the bytes. Every envelope names its suite (envelope.ts), so that a reader
 * knows which one to open it with and a second suite (国密: SM4 with HMAC-SM3) can sit beside the first.
 */
export interface CipherSuite {
  /** Stored in every envelope: lowercase letters, digits and `-`. Never reused for another algorithm. */
  readonly id: string;
  /**
   * The hash each value's own key is derived with from the subject's key (value-keys.ts): SHA-256, or SM3
   * in the 国密 suite, so that a 国密 deployment uses no other algorithm on personal data (GB/T 39786).
   */
  readonly valueKeyHash: 'sha256' | 'sm3';
  /** The bytes to store: whatever the suite needs to open them again (nonce, ciphertext, tag). */
  seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer;
  /** The plaintext, or an error when the key, the AAD or the bytes are not the ones sealed. */
  open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer;
}

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Sealed bytes that no key opens: tampered, truncated, sealed with another key or for another field. */
export class SealBroken extends Error {
  constructor(why: string) {
    super(`sealed value does not open: ${why}`);
    this.name = 'SealBroken';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`a data key is ${KEY_BYTES} bytes, not ${key.length}`);
}

/**
 * AES-256-GCM (NIST SP 800-38D): a random 96-bit nonce per value, a 128-bit tag; stored as nonce ‖
 * ciphertext ‖ tag. A random nonce is safe for 2^32 values per key (SP 800-38D §8.3); one key seals one
 * subject's values, far fewer.
 */
export const aes256gcm: CipherSuite = {
  valueKeyHash: 'sha256',
  id: 'aes-256-gcm',
  seal(key, plaintext, aad) {
    checkKey(key);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  },
  open(key, sealed, aad) {
    checkKey(key);
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealBroken('too short');
    const iv = sealed.subarray(0, IV_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new SealBroken('authentication failed');
    }
  },
};

const SUITE_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The suites a reader knows, by id, and the one new values are sealed with. */
export class CipherSuites {
  private readonly byId = new Map<string, CipherSuite>();

  constructor(
    readonly sealWith: CipherSuite,
    others: readonly CipherSuite[] = [],
  ) {
    for (const suite of [sealWith, ...others]) {
      if (!SUITE_ID.test(suite.id))
        throw new Error(`cipher suite id ${JSON.stringify(suite.id)} is not valid`);
      const known = this.byId.get(suite.id);
      if (known !== undefined && known !== suite) throw new Error(`two cipher suites are named ${suite.id}`);
      this.byId.set(suite.id, suite);
    }
  }

  get(id: string): CipherSuite | undefined {
    return this.byId.get(id);
  }
}

/** AES-256-GCM seals; AES-256-GCM and the 国密 suites (SM4-CTR + HMAC-SM3) open. */
export const defaultSuites = (): CipherSuites =>
  new CipherSuites(aes256gcm, [sm4CtrHmacSm3Hkdf, sm4CtrHmacSm3]);

/**
 * 国密 (`DOCKET_CRYPTO=gm`): SM4-CTR + HMAC-SM3 with value keys derived by SM3 seals (values and wrapped
 * keys); the first 国密 suite (value keys by SHA-256) and AES-256-GCM open what was sealed with them.
 */
export const gmSuites = (): CipherSuites => new CipherSuites(sm4CtrHmacSm3Hkdf, [sm4CtrHmacSm3, aes256gcm]);

/** The suites of a cryptography profile (`DOCKET_CRYPTO`, event-store's crypto-profile.ts). */
export const suitesFor = (profile: CryptoProfile): CipherSuites =>
  profile === 'gm' ? gmSuites() : defaultSuites();
