import { describe, expect, it } from 'vitest';
import { Catalogue, documentJson, normaliseDocument } from '../src/collections';

/**
 * What a projection puts is stored as JSON text made without a parse back in the common case; the text
 * and the refusals must be exactly those of the JSON round trip (`normaliseDocument`) in every case.
 */
describe('a put document’s stored text', () => {
  const [cases] = new Catalogue().declare([{ name: 'cases', indexes: [{ fields: ['status', 'dueAt'] }] }]);
  class Case {
    constructor(
      readonly id: string,
      readonly status: string,
    ) {}
  }
  const nullPrototype = Object.assign(Object.create(null), { id: 'c-7', status: 'open' });
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
  ];

  const outcome = (run: () => string) => {
    try {
      return { json: run() };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  };

  it.each(inputs)('is the JSON round trip’s, refusals included: %s', (_label, input) => {
    const expected = outcome(() => JSON.stringify(normaliseDocument(cases!, input)));
    expect(outcome(() => documentJson(cases!, input).json)).toEqual(expected);
  });

  it('refuses what the round trip refuses, and keeps undefined out of the text', () => {
    expect(outcome(() => documentJson(cases!, { id: 'c-5', status: { code: 'open' } }).json)).toHaveProperty(
      'refused',
    );
    expect(documentJson(cases!, { id: 'c-2', status: undefined }).json).toBe('{"id":"c-2"}');
  });
});
