import type { PersonalDataField } from '@docket/contracts';
import { maskAddress, maskIdNumber, maskPhone } from '@docket/identity';

/** One personal value found in a case's events, and what it is shown as when masked. */
export interface PersonalValue {
  field: PersonalDataField;
  value: string;
  masked: string;
}

const MASKERS: Record<PersonalDataField, (value: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The personal values the events of a case carry, wherever they are: an applicant's or agent's ID number
 * and phone, a person's address, a complainant's phone, a recipient's phone. Found by field name at any
 * depth, so that a new event type carrying an `idNumber` or `phone` is masked without a change here. A
 * company's 统一社会信用代码 is public (printed on the business licence) and is not collected, nor is a
 * company's address.
 */
export function collectPersonalData(events: readonly { data: unknown }[]): PersonalValue[] {
  const found = new Map<string, PersonalValue>();
  const add = (field: PersonalDataField, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return;
    const key = `${field}\n${value}`;
    if (!found.has(key)) found.set(key, { field, value, masked: MASKERS[field](value) });
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isObject(value)) return;
    if (value.idType !== 'unified_social_credit_code') add('idNumber', value.idNumber);
    add('phone', value.phone);
    if (value.type !== 'company') add('address', value.address);
    for (const item of Object.values(value)) visit(item);
  };
  for (const event of events) visit(event.data);
  // Longest first, so that a value containing another is replaced whole.
  return [...found.values()].sort((a, b) => b.value.length - a.value.length);
}

/**
 * A copy of `value` with every occurrence of the personal values replaced by their masked forms, in every
 * string at any depth: structured fields, free text (a reason that quotes a phone number) and the export's
 * `record` strings alike. Fields in `shown` stay in full (an audited disclosure). Keys, numbers, booleans
 * and bigints are kept as they are.
 */
export function maskPersonalData<T>(
  value: T,
  personal: readonly PersonalValue[],
  shown: ReadonlySet<PersonalDataField> = new Set(),
): T {
  const hidden = personal.filter((p) => !shown.has(p.field) && p.value !== p.masked);
  if (hidden.length === 0) return value;
  const maskString = (text: string): string => {
    let out = text;
    for (const p of hidden) if (out.includes(p.value)) out = out.split(p.value).join(p.masked);
    return out;
  };
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return maskString(item);
    if (Array.isArray(item)) return item.map(walk);
    if (isObject(item)) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(item)) out[key] = walk(inner);
      return out;
    }
    return item;
  };
  return walk(value) as T;
}
