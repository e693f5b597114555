import type { LocalDate } from './time';

/**
 * Identity numbers and phone numbers as a person types them at the window or online (证件号码, 联系电话).
 * Pure checks, each naming the rule it applies, so that a refusal says which rule and where:
 *
 * - 居民身份证号码, GB 11643-1999 《公民身份号码》: 18 characters, a 6-digit address (region) code
 *   (GB/T 2260), the date of birth YYYYMMDD, a 3-digit sequence code (odd for a man, even for a woman), and
 *   a check character computed by ISO 7064:1983 MOD 11-2 (0–9 or X, X standing for 10). The 15-digit
 *   numbers of the first-generation cards stopped being valid in 2013 and are refused.
 * - 统一社会信用代码, GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: 18 characters of a
 *   31-character set (0–9 and the capitals but I, O, S, V, Z): registration authority (1), organisation
 *   category (1), the registering authority's region code (6 digits, GB/T 2260), the organisation code
 *   (9, GB 11714) and a check character computed mod 31 with the weights 3^(i−1) mod 31.
 * - Mobile numbers (手机号码): the 11-digit mainland numbering plan of the Ministry of Industry and Information
 *   Technology (电信网编号计划), 1 then 3–9 then 9 digits, optionally with +86; or, for someone without a
 *   mainland number, an international number in E.164 form (+ country code, at most 15 digits).
 * - Phone numbers in general (联系电话) add a mainland landline with its area code (区号: 010 and 02X with
 *   8-digit local numbers, 03XX–09XX with 7 or 8), optionally with an extension (021-63211234-801,
 *   021-63211234转801), and the 400/800 service numbers companies publish.
 *
 * Which field takes which (commands only; recorded events are read as they are):
 * - `resident_id` numbers: GB 11643; `unified_social_credit_code`: GB 32100; every other document
 *   (passport, permits, the foreigner's permanent residence card, `other`) only the text rule.
 * - A person applicant's and an agent's phone: a mobile number (the centre reaches a person by SMS).
 * - A company applicant's phone and a complainant's phone: any phone number (a switchboard, a landline).
 *
 * Messages never repeat the number (it is personal information) and start with the rule's name
 * (`GB 11643 check digit: …`), which the HTTP problem shows after the field's path.
 */

/** The rule a number broke: a stable code (the console translates it), with its name in the message. */
export const identityNumberRules = [
  'gb11643.format',
  'gb11643.region',
  'gb11643.birthDate',
  'gb11643.futureBirthDate',
  'gb11643.checkDigit',
  'gb32100.format',
  'gb32100.region',
  'gb32100.checkCharacter',
  'phone.mobile',
  'phone.any',
] as const;
export type IdentityNumberRule = (typeof identityNumberRules)[number];

export type NumberCheck =
  | { ok: true /** The number as it is recorded (a lowercase x or letter in upper case). */; value: string }
  | { ok: false; rule: IdentityNumberRule; message: string };

const MESSAGES: Record<IdentityNumberRule, string> = {
  'gb11643.format':
    'GB 11643 format: a resident identity number has 18 characters, 17 digits then a check character 0–9 or X',
  'gb11643.region': 'GB 11643 region code: characters 1–2 are not a province-level region code (GB/T 2260)',
  'gb11643.birthDate':
    'GB 11643 date of birth: characters 7–14 (YYYYMMDD) are not a real date of birth from 1800 on',
  'gb11643.futureBirthDate': 'GB 11643 date of birth: characters 7–14 (YYYYMMDD) are a date after today',
  'gb11643.checkDigit':
    'GB 11643 check digit: the 18th character does not match the first 17 (ISO 7064 MOD 11-2); a character is mistyped',
  'gb32100.format':
    'GB 32100 format: a unified social credit code has 18 characters from 0–9 and A–Z without I, O, S, V and Z',
  'gb32100.region': 'GB 32100 region code: characters 3–8 are not a 6-digit region code (GB/T 2260)',
  'gb32100.checkCharacter':
    'GB 32100 check character: the 18th character does not match the first 17 (mod 31); a character is mistyped',
  'phone.mobile':
    'mobile number: 11 digits starting 13–19 (13812345678, optionally +86), or + country code and number outside mainland China',
  'phone.any':
    'phone number: a mobile number (11 digits starting 13–19), a landline with its area code (021-63211234, an extension after - or 转), a 400/800 number, or + country code and number',
};

const refused = (rule: IdentityNumberRule): NumberCheck => ({ ok: false, rule, message: MESSAGES[rule] });

/** The message of a rule, as a refusal says it after the field's path (`applicant.phone: <message>`). */
export const identityRuleMessage = (rule: IdentityNumberRule): string => MESSAGES[rule];

/** The rule a refusal's message names (the inverse of `identityRuleMessage`), for a client to translate. */
export const identityRuleOfMessage = (message: string): IdentityNumberRule | undefined =>
  identityNumberRules.find((rule) => MESSAGES[rule] === message);

// GB 11643-1999 ---------------------------------------------------------------------------------------

/** ISO 7064 MOD 11-2 weights of characters 1–17: 2^(18−i) mod 11. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for (Σ aᵢ·Wᵢ) mod 11 = 0…10. */
const RESIDENT_ID_CHECK = '10X98765432';

/**
 * Province-level codes (GB/T 2260, the first two digits): 11–15 north, 21–23 north-east, 31–37 east,
 * 41–46 centre and south, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81 Hong Kong, 82 Macao; 83 is
 * the Taiwan residents' residence permit (港澳台居民居住证, whose numbers follow GB 11643 with 810000,
 * 820000 and 830000).
 */
const PROVINCES = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65', '71', '81', '82', '83'],
]);

/** The check character (0–9 or X) of a resident identity number's first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK[sum % 11] ?? '';
}

/** The date of birth a resident identity number carries (characters 7–14), if it is a real date. */
export function residentIdBirthDate(value: string): LocalDate | undefined {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(value);
  if (match === null) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1800 || m < 1 || m > 12 || d < 1) return undefined;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * 居民身份证号码 (GB 11643-1999). A lowercase x is taken as X. With `today` (the centre's local date), a
 * date of birth after it is refused; without it only the date's being real is checked (a schema has no
 * clock: the decider passes the day of the command).
 */
export function checkResidentIdNumber(value: string, options: { today?: LocalDate } = {}): NumberCheck {
  const number = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return refused('gb11643.format');
  if (!PROVINCES.has(number.slice(0, 2))) return refused('gb11643.region');
  const born = residentIdBirthDate(number);
  if (born === undefined) return refused('gb11643.birthDate');
  if (options.today !== undefined && born > options.today) return refused('gb11643.futureBirthDate');
  if (residentIdCheckCharacter(number) !== number[17]) return refused('gb11643.checkDigit');
  return { ok: true, value: number };
}

// GB 32100-2015 ---------------------------------------------------------------------------------------

/** The code's 31 characters, each worth its index: 0–9, then A–H, J–N, P–R, T–U, W–Y worth 10–30. */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of characters 1–17: 3^(i−1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of a unified social credit code's first 17 characters: 31 − (Σ Cᵢ·Wᵢ mod 31), 31 → 0. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARACTERS.indexOf(first17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31] ?? '';
}

/** 统一社会信用代码 (GB 32100-2015). Lowercase letters are taken as capitals. */
export function checkUnifiedSocialCreditCode(value: string): NumberCheck {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return refused('gb32100.format');
  if (!/^\d{6}$/.test(code.slice(2, 8))) return refused('gb32100.region');
  if (usccCheckCharacter(code) !== code[17]) return refused('gb32100.checkCharacter');
  return { ok: true, value: code };
}

// Phones -------------------------------------------------------------------------------------------------

/** 1[3-9] and 9 digits, grouped 3-4-4 by a space or hyphen if at all, after an optional +86 / 0086. */
const MAINLAND_MOBILE = /^(?:(?:\+|00)86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}$/;
/** E.164: + (or 00), a country code other than 86, at most 15 digits in all; spaces and hyphens between. */
const INTERNATIONAL = /^(?:\+|00)(?!86)[1-9](?:[ -]?\d){6,14}$/;
/**
 * A mainland landline: the area code (with its 0, in parentheses or not; after +86 without it), the local
 * number (7 or 8 digits, not starting 0 or 1, split once by a space or hyphen if at all), an extension
 * (1–6 digits after -, a space, 转, 分机, ext or #).
 */
const LANDLINE =
  /^(?:(?:\+|00)86[ -]?(?<intlArea>10|2\d|[3-9]\d{2})|\(?0(?<area>10|2\d|[3-9]\d{2})\)?)[ -]?(?<local>[2-9]\d{2,3}[ -]?\d{4})(?:(?:[ -]?(?:转|分机|ext\.?|#)[ -]?|[ -])\d{1,6})?$/i;
/** 400 and 800 service numbers: 10 digits. */
const SERVICE_NUMBER = /^[48]00[ -]?\d{3}[ -]?\d{4}$/;

const isMobile = (value: string): boolean => MAINLAND_MOBILE.test(value) || INTERNATIONAL.test(value);

function isLandline(value: string): boolean {
  const groups = LANDLINE.exec(value)?.groups;
  if (groups === undefined) return false;
  const area = groups.intlArea ?? groups.area ?? '';
  const local = (groups.local ?? '').replace(/[ -]/g, '').length;
  // 010 and 02X (Beijing, Shanghai, Tianjin, Chongqing and the big cities of 02X) have 8-digit numbers;
  // every other area code is 4 digits with the 0 (03XX–09XX), with 7- or 8-digit numbers.
  return area.length === 2 ? local === 8 : local === 7 || local === 8;
}

/** 手机号码: a mainland mobile number, or an international one (+ country code) for someone without one. */
export function checkMobileNumber(value: string): NumberCheck {
  return isMobile(value) ? { ok: true, value } : refused('phone.mobile');
}

/** 联系电话: a mobile number, a mainland landline with its area code, a 400/800 number. */
export function checkPhoneNumber(value: string): NumberCheck {
  return isMobile(value) || isLandline(value) || SERVICE_NUMBER.test(value)
    ? { ok: true, value }
    : refused('phone.any');
}

// By document type --------------------------------------------------------------------------------------

/**
 * An identity document's number by its type: GB 11643 for `resident_id`, GB 32100 for
 * `unified_social_credit_code`; any other document keeps its number as typed (only the text rule holds).
 */
export function checkIdNumber(
  idType: string,
  value: string,
  options: { today?: LocalDate } = {},
): NumberCheck {
  if (idType === 'resident_id') return checkResidentIdNumber(value, options);
  if (idType === 'unified_social_credit_code') return checkUnifiedSocialCreditCode(value);
  return { ok: true, value };
}
