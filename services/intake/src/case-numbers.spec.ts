import { describe, expect, it } from 'vitest';
import { newCaseNo, normaliseQueryCode, queryCodeFor, queryCodeHash } from './case-numbers';

describe('case numbers and query codes', () => {
  it('numbers a case by its local submission date and six base32 characters, never the same twice in practice', () => {
    const numbers = new Set(Array.from({ length: 200 }, () => newCaseNo('2026-12-01T15:31:00+08:00')));
    expect(numbers.size).toBe(200);
    for (const caseNo of numbers) expect(caseNo).toMatch(/^20261201-[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('derives the query code from the case number with the centre’s secret: same case, same code', () => {
    const secret = Buffer.from('a centre secret of some length');
    const code = queryCodeFor(secret, '20261201-7K3QXM');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(queryCodeFor(secret, '20261201-7K3QXM')).toBe(code);
    expect(queryCodeFor(secret, '20261201-7K3QXN')).not.toBe(code);
    expect(queryCodeFor(Buffer.from('another centre'), '20261201-7K3QXM')).not.toBe(code);
    expect(queryCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a typed query code whatever its case and separators', () => {
    expect(normaliseQueryCode('7k3q xm2a')).toBe('7K3Q-XM2A');
    expect(normaliseQueryCode('7K3QXM2A')).toBe('7K3Q-XM2A');
    expect(normaliseQueryCode('7K3Q-XM2A')).toBe('7K3Q-XM2A');
    // Not a code at all: left as typed, so it simply does not match.
    expect(normaliseQueryCode('hello')).toBe('hello');
  });
});
