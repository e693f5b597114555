import { describe, expect, it } from 'vitest';
import { Catalogue, normaliseDocument } from '../src/collections';
import { freezeDocument, freezeParsed } from '../src/frozen-document';
import type { ReadModelDocument } from '../src/read-model-store';

const deeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));

/**
 * What a batch holds for a put document is a frozen copy made without a JSON round trip in the common
 * case; the copy, its stored text and the refusals must be exactly those of the round trip
 * (`normaliseDocument`) in every case.
 */
describe('a put document, frozen', () => {
  const [cases] = new Catalogue().declare([{ name: 'cases', indexes: [{ fields: ['status', 'dueAt'] }] }]);
  class Case {
    constructor(
      readonly id: string,
      readonly status: string,
    ) {}
  }
  const nullPrototype = Object.assign(Object.create(null), { id: 'c-7', status: 'open' });
  // Holes at 1 and 2, an undefined at 3: JSON writes all three as null.
  const holey: unknown[] = [1];
  holey[3] = undefined;
  holey[4] = 'x';
  const cyclic: Record<string, unknown> = { id: 'c-20' };
  cyclic.self = { back: cyclic };
  const inputs: [string, unknown][] = [
    ['a plain document', { id: 'c-1', status: 'open', steps: [{ at: 1, note: undefined }] }],
    ['undefined fields', { id: 'c-2', status: undefined, extra: undefined }],
    ['a Date in an indexed field', { id: 'c-3', dueAt: new Date('2027-01-04T00:00:00Z') }],
    ['NaN in an indexed field', { id: 'c-4', dueAt: Number.NaN }],
    ['an object in an indexed field', { id: 'c-5', status: { code: 'open' } }],
    ['a class instance', new Case('c-6', 'open')],
    ['a null prototype', nullPrototype],
    ['its own toJSON', { id: 'c-8', toJSON: () => ({ id: 'c-8b' }) }],
    ['a number id', { id: 9 }],
    ['an empty id', { id: '' }],
    ['a reserved field', { id: 'c-10', _id: 'x' }],
    ['a reserved field left undefined', { id: 'c-11', _position: undefined }],
    ['an array', [{ id: 'c-12' }]],
    ['a non-enumerable id', Object.defineProperty({}, 'id', { value: 'c-13', enumerable: false })],
    [
      'numbers JSON cannot hold, nested',
      { id: 'c-14', n: [Number.NaN, -0, Number.POSITIVE_INFINITY, 1e21], m: { z: -0 } },
    ],
    ['holes and undefined in arrays', { id: 'c-15', list: holey }],
    ['a nested Date and class instance', { id: 'c-16', at: { when: new Date(0), who: new Case('x', 'y') } }],
    ['a nested toJSON', { id: 'c-17', part: { toJSON: (key: string) => `part ${key}` } }],
    ['functions and symbols', { id: 'c-18', f: () => 1, s: Symbol('s'), list: [() => 1, Symbol('t')] }],
    ['a bigint', { id: 'c-19', big: 1n }],
    ['a cycle', cyclic],
    ['a __proto__ key', JSON.parse('{"id":"c-21","__proto__":{"polluted":true}}')],
    ['a null-prototype part', { id: 'c-22', part: Object.assign(Object.create(null), { a: 1 }) }],
    ['Chinese text and escapes', { id: 'c-23', name: '张三\u2028"\\', nested: [{ 地址: '上海' }] }],
  ];

  const outcome = (run: () => unknown) => {
    try {
      const value = run();
      return { value, json: JSON.stringify(value) };
    } catch (error) {
      return { refused: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };

  it.each(inputs)('is the JSON round trip’s, refusals included: %s', (_label, input) => {
    const expected = outcome(() => normaliseDocument(cases!, input));
    const actual = outcome(() => freezeDocument(cases!, input));
    expect(actual).toStrictEqual(expected);
    if ('value' in actual) expect(deeplyFrozen(actual.value)).toBe(true);
  });

  it('shares the parts it holds already and copies the rest, leaving the caller’s objects alone', () => {
    const applicant = { name: '张三', phone: '13800000000' };
    const held = freezeDocument(cases!, { id: 'c-1', status: 'open', applicant, steps: [{ n: 1 }] });
    expect(held.applicant).not.toBe(applicant);
    expect(Object.isFrozen(applicant)).toBe(false);

    const currentStep = { index: 1 };
    const next = freezeDocument(cases!, { ...held, status: 'decided', currentStep }, held);
    expect(next.applicant).toBe(held.applicant);
    expect(next.steps).toBe(held.steps);
    expect(next.currentStep).toEqual(currentStep);
    expect(next.currentStep).not.toBe(currentStep);
    expect(deeplyFrozen(next)).toBe(true);
    expect(JSON.stringify(next)).toBe(
      JSON.stringify(normaliseDocument(cases!, { ...held, status: 'decided', currentStep })),
    );
  });

  it('freezes what JSON.parse gave, in place', () => {
    const parsed = JSON.parse('{"id":"a","list":[{"x":1}],"part":{"y":[2]}}') as ReadModelDocument;
    expect(freezeParsed(parsed)).toBe(parsed);
    expect(deeplyFrozen(parsed)).toBe(true);
  });
});
