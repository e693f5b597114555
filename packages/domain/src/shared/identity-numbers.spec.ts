import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  checkMobileNumber,
  checkPhoneNumber,
  checkResidentIdNumber,
  checkUnifiedSocialCreditCode,
  type NumberCheck,
} from './identity-numbers';

const ruleOf = (check: NumberCheck): string => (check.ok ? 'ok' : check.rule);

/*
 * The check characters below are worked out in this file from the standards' tables, not with the
 * module's own functions, so that a wrong weight or table in the module cannot agree with itself.
 *
 * GB 11643-1999, ISO 7064 MOD 11-2: the weights of characters 1–17 are 2^(18−i) mod 11,
 *   7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 * and the remainder of the weighted sum mod 11 gives the check character:
 *   remainder 0 1 2 3 4 5 6 7 8 9 10
 *   check     1 0 X 9 8 7 6 5 4 3 2
 */
const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK: Record<number, string> = {
  0: '1',
  1: '0',
  2: 'X',
  3: '9',
  4: '8',
  5: '7',
  6: '6',
  7: '5',
  8: '4',
  9: '3',
  10: '2',
};
const byTable11643 = (first17: string): string =>
  GB11643_CHECK[[...first17].reduce((sum, digit, i) => sum + Number(digit) * GB11643_WEIGHTS[i]!, 0) % 11]!;

/*
 * GB 32100-2015: characters are worth 0–9 for the digits, then
 *   A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30
 * (no I, O, S, V, Z); the weights of characters 1–17 are 3^(i−1) mod 31,
 *   1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28,
 * and the check character is worth 31 − (weighted sum mod 31), 31 written 0.
 */
const GB32100_VALUES: Record<string, number> = {
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  J: 18,
  K: 19,
  L: 20,
  M: 21,
  N: 22,
  P: 23,
  Q: 24,
  R: 25,
  T: 26,
  U: 27,
  W: 28,
  X: 29,
  Y: 30,
};
const GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const valueOf32100 = (character: string): number => GB32100_VALUES[character] ?? Number(character);
const byTable32100 = (first17: string): string => {
  const sum = [...first17].reduce((total, c, i) => total + valueOf32100(c) * GB32100_WEIGHTS[i]!, 0);
  const value = (31 - (sum % 31)) % 31;
  return value < 10 ? String(value) : Object.keys(GB32100_VALUES).find((c) => GB32100_VALUES[c] === value)!;
};

describe('居民身份证号码 (GB 11643-1999)', () => {
  it("accepts the standard's own examples", () => {
    // GB 11643-1999 gives 11010519491231002X (Beijing Chaoyang, born 31 Dec 1949, a woman) and
    // 440524188001010014 (Guangdong, born 1 Jan 1880, a man).
    expect(checkResidentIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkResidentIdNumber('440524188001010014')).toEqual({ ok: true, value: '440524188001010014' });
    expect(byTable11643('11010519491231002')).toBe('X');
    expect(byTable11643('44052418800101001')).toBe('4');
  });

  it('accepts numbers whose check digit is worked out by hand from the table', () => {
    // 3·7+1·9+0·10+1·5+0·8+4·4+1·2+9·1+8·6+5·3+1·7+2·9+1·10+2·5+0·8+0·4+1·2 = 172; 172 mod 11 = 7 → 5
    expect(byTable11643('31010419851212001')).toBe('5');
    // 4·7+4·9+0+3·5+0+5·4+1·2+9·1+9·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 255; 255 mod 11 = 2 → X
    expect(byTable11643('44030519991231002')).toBe('X');
    // 29 February 2000 is a date (2000 is a leap year): 193 mod 11 = 6 → 6
    expect(byTable11643('65010220000229003')).toBe('6');
    for (const number of ['310104198512120015', '44030519991231002X', '650102200002290036'])
      expect(checkResidentIdNumber(number)).toEqual({ ok: true, value: number });
  });

  it('takes a lowercase x as X, the way the number is recorded', () => {
    expect(checkResidentIdNumber('44030519991231002x')).toEqual({ ok: true, value: '44030519991231002X' });
  });

  it('refuses every mistyped digit and every swap of two neighbouring digits (the check digit catches both)', () => {
    const number = '310104198512120015';
    for (let at = 0; at < 18; at++)
      for (const digit of '0123456789X') {
        if (digit === number[at] || (digit === 'X' && at < 17)) continue;
        const typo = `${number.slice(0, at)}${digit}${number.slice(at + 1)}`;
        expect(checkResidentIdNumber(typo).ok, typo).toBe(false);
        // Outside the region's first two digits and the date of birth, only the check digit tells.
        if (at >= 14 || (at >= 2 && at < 6))
          expect(ruleOf(checkResidentIdNumber(typo)), typo).toBe('gb11643.checkDigit');
      }
    for (let at = 0; at < 17; at++) {
      if (number[at] === number[at + 1]) continue;
      const swapped = `${number.slice(0, at)}${number[at + 1]}${number[at]}${number.slice(at + 2)}`;
      expect(checkResidentIdNumber(swapped).ok, swapped).toBe(false);
    }
  });

  it.each([
    ['123', 'gb11643.format'],
    ['', 'gb11643.format'],
    // A first-generation card's 15 digits: no longer valid since 2013.
    ['310104851212001', 'gb11643.format'],
    ['31010419851212001Y', 'gb11643.format'],
    ['3101041985121200１5', 'gb11643.format'],
    ['310104 19851212 0015', 'gb11643.format'],
    // Region 00 and 99 are no province (the check digit of each is right: 4 and 3).
    ['000105194912310024', 'gb11643.region'],
    ['990105194912310023', 'gb11643.region'],
    // 30 February, month 13, the year 1799: not a date of birth (the check digit of each is right).
    ['110105199902300015', 'gb11643.birthDate'],
    ['110105200013010021', 'gb11643.birthDate'],
    ['44030517991231003X', 'gb11643.birthDate'],
    ['110101190002290010', 'gb11643.birthDate'],
    ['310104198512120016', 'gb11643.checkDigit'],
    ['31010419851212001X', 'gb11643.checkDigit'],
  ])('refuses %j: %s', (number, rule) => {
    expect(ruleOf(checkResidentIdNumber(number))).toBe(rule);
  });

  it('refuses a date of birth after today when it knows today, and accepts one born today', () => {
    // 2027-01-01, check digit 0 (worked out as above: 11010520270101004 → 0)
    expect(byTable11643('11010520270101004')).toBe('0');
    expect(ruleOf(checkResidentIdNumber('110105202701010040'))).toBe('ok');
    expect(ruleOf(checkResidentIdNumber('110105202701010040', { today: '2026-12-31' }))).toBe(
      'gb11643.futureBirthDate',
    );
    expect(ruleOf(checkResidentIdNumber('110105202701010040', { today: '2027-01-01' }))).toBe('ok');
  });

  it('names the rule in its message and never repeats the number', () => {
    const check = checkResidentIdNumber('310104198512120016');
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/^GB 11643 check digit: /) });
    expect(JSON.stringify(check)).not.toContain('310104198512120016');
    expect(checkResidentIdNumber('110105199902300015')).toMatchObject({
      message: expect.stringMatching(/^GB 11643 date of birth: /),
    });
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // The example code published with the standard, and two companies' codes from the public register
    // (国家企业信用信息公示系统): 华为技术有限公司 and 深圳市腾讯计算机系统有限公司.
    for (const code of ['91350100M000100Y43', '914403001922038216', '9144030071526726XG']) {
      expect(checkUnifiedSocialCreditCode(code)).toEqual({ ok: true, value: code });
      expect(byTable32100(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it('accepts codes whose check character is worked out by hand from the table', () => {
    // 1·1+2·3+1·9+0+0+0+0+0+4·20+0… = 96; 96 mod 31 = 3; 31 − 3 = 28 → W
    expect(byTable32100('12100000400000000')).toBe('W');
    // 9·1+1·3+3·9+1·27+0+1·26+1·16+5·17+M21·20+A10·29+1·25+K19·13+4·8+L20·24+L20·10+L20·30+1·28 = 2515;
    // 2515 mod 31 = 4; 31 − 4 = 27 → U
    expect(byTable32100('91310115MA1K4LLL1')).toBe('U');
    for (const code of ['12100000400000000W', '91310115MA1K4LLL1U'])
      expect(checkUnifiedSocialCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('takes lowercase letters as capitals, the way the code is recorded', () => {
    expect(checkUnifiedSocialCreditCode('91350100m000100y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
  });

  it('refuses every mistyped character (the check character catches each)', () => {
    const code = '91310115MA1K4LLL1U';
    const characters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let at = 0; at < 18; at++)
      for (const c of characters) {
        if (c === code[at]) continue;
        const typo = `${code.slice(0, at)}${c}${code.slice(at + 1)}`;
        expect(checkUnifiedSocialCreditCode(typo).ok, typo).toBe(false);
      }
  });

  it.each([
    ['x', 'gb32100.format'],
    ['91350100M000100Y4', 'gb32100.format'],
    // I, O, S, V and Z are not in the code's character set.
    ['91350100M000I00Y43', 'gb32100.format'],
    ['91350100MO00100Y43', 'gb32100.format'],
    ['91350100M000100Y4Z', 'gb32100.format'],
    // Characters 3–8 are the registering authority's region code: digits (the check character is right).
    ['91AB0100M000100Y4T', 'gb32100.region'],
    ['91350100M000100Y44', 'gb32100.checkCharacter'],
    ['91310101MA1FL0000X', 'gb32100.checkCharacter'],
  ])('refuses %j: %s', (code, rule) => {
    expect(ruleOf(checkUnifiedSocialCreditCode(code))).toBe(rule);
  });

  it('names the rule in its message', () => {
    expect(checkUnifiedSocialCreditCode('91350100M000100Y44')).toMatchObject({
      message: expect.stringMatching(/^GB 32100 check character: /),
    });
  });
});

describe('mobile and phone numbers', () => {
  const mobiles = [
    '13812345678',
    '19912345678',
    '138 1234 5678',
    '138-1234-5678',
    '+8613812345678',
    '+86 138 1234 5678',
    '0086 13812345678',
    // Outside mainland China: + country code and number (E.164), Hong Kong, the UK, the US.
    '+852 9123 4567',
    '+44 20 7946 0958',
    '+1 202 555 0143',
  ];
  const landlines = [
    '021-63211234',
    '02163211234',
    '(021) 6321 1234',
    '021 6321-1234',
    '021-63211234-801',
    '021-63211234转801',
    '010 62751234 分机 12',
    '0571-88881234',
    '0571-8888123',
    '+86 21 6321 1234',
    '400-820-8820',
    '800 820 8820',
  ];

  it.each(mobiles)('takes %j as a mobile number and as a phone number', (number) => {
    expect(checkMobileNumber(number)).toEqual({ ok: true, value: number });
    expect(checkPhoneNumber(number)).toEqual({ ok: true, value: number });
  });

  it.each(landlines)('takes %j as a phone number but not as a mobile number', (number) => {
    expect(checkPhoneNumber(number)).toEqual({ ok: true, value: number });
    expect(ruleOf(checkMobileNumber(number))).toBe('phone.mobile');
  });

  it.each([
    'x',
    '',
    '1',
    '12345678901',
    '1381234567',
    '138123456789',
    '23812345678',
    '+86 12345678901',
    '+86 138',
    '+0 1234567',
    '+1 2',
    '１３８１２３４５６７８',
  ])('refuses %j as a mobile number and as a phone number', (number) => {
    expect(ruleOf(checkMobileNumber(number))).toBe('phone.mobile');
    expect(ruleOf(checkPhoneNumber(number))).toBe('phone.any');
  });

  it.each([
    // No area code; a 2-digit area code (010, 02X) with 7 digits; a local number starting 0 or 1;
    // an area code 01X other than 010; 6 digits; an extension without a separator cannot be told apart.
    '63211234',
    '021-6321123',
    '021-03211234',
    '010-12345678',
    '011-63211234',
    '0571-888812',
    '021632112348011',
    '021-63211234 转',
  ])('refuses %j as a phone number', (number) => {
    expect(ruleOf(checkPhoneNumber(number))).toBe('phone.any');
  });

  it('names the rule in its message', () => {
    expect(checkMobileNumber('x')).toMatchObject({ message: expect.stringMatching(/^mobile number: /) });
    expect(checkPhoneNumber('x')).toMatchObject({ message: expect.stringMatching(/^phone number: /) });
  });
});

describe('an ID number by its document type', () => {
  it('holds a resident ID to GB 11643 and a credit code to GB 32100', () => {
    expect(ruleOf(checkIdNumber('resident_id', '123'))).toBe('gb11643.format');
    expect(ruleOf(checkIdNumber('unified_social_credit_code', '123'))).toBe('gb32100.format');
    expect(checkIdNumber('resident_id', '44030519991231002x')).toEqual({
      ok: true,
      value: '44030519991231002X',
    });
  });

  it.each(['passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_resident_id', 'other'])(
    'keeps a %s number as typed (the text rule alone holds it)',
    (idType) => {
      expect(checkIdNumber(idType, 'e12345678')).toEqual({ ok: true, value: 'e12345678' });
      expect(checkIdNumber(idType, '123')).toEqual({ ok: true, value: '123' });
    },
  );
});
