import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aes256gcm, CipherSuites, defaultSuites, gmSuites, SealBroken, suitesFor } from './cipher';
import { sealedValueAad } from './envelope';
import { sm4CtrHmacSm3, sm4CtrHmacSm3Hkdf } from './sm4-ctr-hmac-sm3';
import { valueKey } from './value-keys';

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

  it('seals in a 国密 deployment with value keys derived by SM3; every reader opens every suite', () => {
    expect(suitesFor('gm').sealWith).toBe(sm4CtrHmacSm3Hkdf);
    expect(suitesFor('standard').sealWith).toBe(aes256gcm);
    for (const suites of [defaultSuites(), gmSuites()] as CipherSuites[]) {
      expect(suites.get('sm4-ctr-hmac-sm3-hkdf-sm3')).toBe(sm4CtrHmacSm3Hkdf);
      // The first 国密 suite (value keys by SHA-256) still opens what was sealed with it.
      expect(suites.get('sm4-ctr-hmac-sm3')).toBe(sm4CtrHmacSm3);
      expect(suites.get('aes-256-gcm')).toBe(aes256gcm);
    }
  });

  it('derives each value’s key as HKDF-Expand with HMAC-SM3 in the 国密 suite, HMAC-SHA256 otherwise', () => {
    const info = Buffer.concat([Buffer.from('docket/sealed/1 value key\n', 'utf8'), aad, Buffer.from([1])]);
    const bySm3 = createHmac('sm3', key).update(info).digest();
    const bySha256 = createHmac('sha256', key).update(info).digest();
    expect(valueKey(key, aad, sm4CtrHmacSm3Hkdf.valueKeyHash)).toEqual(bySm3);
    expect(valueKey(key, aad, sm4CtrHmacSm3.valueKeyHash)).toEqual(bySha256);
    expect(valueKey(key, aad, aes256gcm.valueKeyHash)).toEqual(bySha256);
    expect(bySm3).not.toEqual(bySha256);
  });
});
