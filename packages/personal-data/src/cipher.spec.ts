import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aes256gcm, CipherSuites, SealBroken } from './cipher';
import { formatEnvelope, parseEnvelope, sealedValueAad } from './envelope';

const key = randomBytes(32);
const aad = sealedValueAad('application-1', 'e1', 'ApplicationSubmitted', 'data.applicant.name');
const name = Buffer.from('测试删除人甲', 'utf8');

describe('aes-256-gcm', () => {
  it('opens what it sealed, with a fresh nonce every time', () => {
    const once = aes256gcm.seal(key, name, aad);
    const twice = aes256gcm.seal(key, name, aad);
    expect(once.equals(twice)).toBe(false);
    expect(once.includes(name)).toBe(false);
    expect(aes256gcm.open(key, once, aad).toString('utf8')).toBe('测试删除人甲');
  });

  it('refuses a changed byte anywhere (nonce, ciphertext, tag), another key, or another field', () => {
    const sealed = aes256gcm.seal(key, name, aad);
    for (const at of [0, 12, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 1;
      expect(() => aes256gcm.open(key, changed, aad)).toThrow(SealBroken);
    }
    expect(() => aes256gcm.open(randomBytes(32), sealed, aad)).toThrow(SealBroken);
    const phone = sealedValueAad('application-1', 'e1', 'ApplicationSubmitted', 'data.applicant.phone');
    expect(() => aes256gcm.open(key, sealed, phone)).toThrow(SealBroken);
    expect(() => aes256gcm.open(key, sealed.subarray(0, 20), aad)).toThrow(SealBroken);
  });

  it('takes 256-bit keys only', () => {
    expect(() => aes256gcm.seal(randomBytes(16), name, aad)).toThrow(RangeError);
  });
});

describe('envelopes', () => {
  it('are one string naming the suite and the key, read back exactly; other strings are not envelopes', () => {
    const bytes = aes256gcm.seal(key, name, aad);
    const text = formatEnvelope({ suite: 'aes-256-gcm', keyId: 'a'.repeat(32), bytes });
    expect(text).toMatch(/^sealed:v1:aes-256-gcm:a{32}:[A-Za-z0-9_-]+$/);
    const parsed = parseEnvelope(text);
    expect(parsed?.suite).toBe('aes-256-gcm');
    expect(parsed?.bytes.equals(bytes)).toBe(true);
    expect(parseEnvelope('测试删除人甲')).toBeUndefined();
    expect(parseEnvelope('sealed:v1:made up')).toBeUndefined();
    expect(parseEnvelope(42)).toBeUndefined();
  });

  it('a reader knows each suite by its id; two suites cannot share one', () => {
    const other = { ...aes256gcm, id: 'sm4-ctr-hmac-sm3' };
    const suites = new CipherSuites(aes256gcm, [other]);
    expect(suites.get('sm4-ctr-hmac-sm3')).toBe(other);
    expect(suites.sealWith).toBe(aes256gcm);
    expect(() => new CipherSuites(aes256gcm, [{ ...aes256gcm }])).toThrow(/two cipher suites/);
  });
});
