import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a number read out at the window is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const base32 = (bytes: Buffer, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
};

/**
 * 办件编号: the local date of submission and six random characters (`20261201-7K3QXM`). Random rather
 * than a counter so that several intake instances need no coordination; a collision (one in a billion
 * per day) is caught by the ledger, because the stream then already exists, and a new number is drawn.
 */
export function newCaseNo(now: string): string {
  return `${now.slice(0, 10).replaceAll('-', '')}-${base32(randomBytes(6), 6)}`;
}

/**
 * 查询码: the code an applicant looks their case up with. Derived from the case number with the
 * centre's secret, so a retried submission (or a reprinted receipt) gives the same code while the
 * ledger holds only its sha256. 8 characters of base32: 40 bits.
 */
export function queryCodeFor(secret: Buffer, caseNo: string): string {
  const code = base32(createHmac('sha256', secret).update(caseNo).digest(), 8);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const queryCodeHash = (queryCode: string): string =>
  createHash('sha256').update(queryCode).digest('hex');

/**
 * The query code as typed by a person: case and separators do not matter (`7k3q xm2a` is `7K3Q-XM2A`).
 * Anything that is not 8 base32 characters is left as it is (and will simply not match).
 */
export function normaliseQueryCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(plain) ? `${plain.slice(0, 4)}-${plain.slice(4)}` : typed;
}
