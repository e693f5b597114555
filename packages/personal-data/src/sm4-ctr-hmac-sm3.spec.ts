import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aes256gcm, CipherSuites, defaultSuites, gmSuites, SealBroken, suitesFor } from './cipher';
import { sealedValueAad } from './envelope';
import { sm4CtrHmacSm3 } from './sm4-ctr-hmac-sm3';

const key = randomBytes(32);
const aad = sealedValueAad('application-1', 'e1', 'ApplicationSubmitted', 'data.applicant.name');
const name = Buffer.from('测试删除人甲', 'utf8');

describe('sm4-ctr-hmac-sm3 (国密: SM4-CTR, then HMAC-SM3 over AAD ‖ IV ‖ ciphertext ‖ AAD bits)', () => {
  it('opens what it sealed, with a fresh IV every time, and is the construction it says', () => {
    const once = sm4CtrHmacSm3.seal(key, name, aad);
    const twice = sm4CtrHmacSm3.seal(key, name, aad);
    expect(once.equals(twice)).toBe(false);
    expect(once.includes(name)).toBe(false);
    expect(sm4CtrHmacSm3.open(key, once, aad).toString('utf8')).toBe('测试删除人甲');
    // Recomputed from its parts with OpenSSL's SM4 and SM3: what an outside implementation does.
    const iv = once.subarray(0, 16);
    const ciphertext = once.subarray(16, once.length - 32);
    const cipher = createCipheriv('sm4-ctr', key.subarray(16), iv);
    expect(Buffer.concat([cipher.update(name), cipher.final()]).equals(ciphertext)).toBe(true);
    const bits = Buffer.alloc(8);
    bits.writeBigUInt64BE(BigInt(aad.length * 8));
    const tag = createHmac('sm3', key.subarray(0, 16))
      .update(Buffer.concat([aad, iv, ciphertext, bits]))
      .digest();
    expect(once.subarray(once.length - 32).equals(tag)).toBe(true);
  });

  it('refuses a changed byte anywhere (IV, ciphertext, tag), another key, another field, a cut value', () => {
    const sealed = sm4CtrHmacSm3.seal(key, name, aad);
    for (const at of [0, 16, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 1;
      expect(() => sm4CtrHmacSm3.open(key, changed, aad)).toThrow(SealBroken);
    }
    expect(() => sm4CtrHmacSm3.open(randomBytes(32), sealed, aad)).toThrow(SealBroken);
    const phone = sealedValueAad('application-1', 'e1', 'ApplicationSubmitted', 'data.applicant.phone');
    expect(() => sm4CtrHmacSm3.open(key, sealed, phone)).toThrow(SealBroken);
    expect(() => sm4CtrHmacSm3.open(key, sealed.subarray(0, 40), aad)).toThrow(SealBroken);
    expect(() => sm4CtrHmacSm3.seal(randomBytes(16), name, aad)).toThrow(RangeError);
  });

  it('seals in a 国密 deployment; every reader opens both suites', () => {
    expect(suitesFor('gm').sealWith).toBe(sm4CtrHmacSm3);
    expect(suitesFor('standard').sealWith).toBe(aes256gcm);
    for (const suites of [defaultSuites(), gmSuites()] as CipherSuites[]) {
      expect(suites.get('sm4-ctr-hmac-sm3')).toBe(sm4CtrHmacSm3);
      expect(suites.get('aes-256-gcm')).toBe(aes256gcm);
    }
  });
});
