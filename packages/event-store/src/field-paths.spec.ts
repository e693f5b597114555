import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, recordStringOf } from './encoding';
import { storedForm, valueAt, withValueAt } from './field-paths';
import type { RecordedEvent } from './port';
import { openSqliteLedger } from './sqlite';

describe('field paths', () => {
  it('replace one value, copying only the objects on the path and keeping the key order', () => {
    const shared = Object.freeze({ deep: 1 });
    const event = Object.freeze({
      data: Object.freeze({ a: Object.freeze({ name: 'x', id: 1 }), other: shared }),
    });
    const copy = withValueAt(event, 'data.a.name', 'y');
    expect(copy).toEqual({ data: { a: { name: 'y', id: 1 }, other: { deep: 1 } } });
    expect(Object.keys(copy.data.a)).toEqual(['name', 'id']);
    expect(copy.data.other).toBe(shared);
    expect(event.data.a.name).toBe('x');
    expect(withValueAt(event, 'data.b.name', 'y')).toBe(event);
    expect(valueAt(copy, 'data.a.name')).toBe('y');
  });

  it('the record of an event shown otherwise than stored is the stored one, so its hash still checks', async () => {
    const ledger = openSqliteLedger({ path: ':memory:' });
    await ledger.appendToStream('application-1', [
      {
        type: 'ApplicationSubmitted',
        data: { applicant: { name: 'sealed:v1:x', phone: '1' } },
        occurredAt: '2026-03-02T01:00:00.000Z',
        actor: { id: 'u-1', name: 'sealed:v1:y', roles: ['applicant'] },
      },
    ]);
    const [stored] = (await ledger.readAll()) as [RecordedEvent];
    const shown: RecordedEvent = {
      ...stored,
      actor: { ...stored.actor, name: '张三' },
      data: { applicant: { name: '〔已删除〕', phone: '1' } },
      sealed: { 'data.applicant.name': 'sealed:v1:x', 'actor.name': 'sealed:v1:y' },
    };
    expect(chainHash(GENESIS_HASH, recordStringOf(shown))).toBe(stored.hash);
    expect(storedForm(shown)).toEqual(stored);
    const { sealed: _, ...withoutStoredValues } = shown;
    expect(chainHash(GENESIS_HASH, recordStringOf(withoutStoredValues))).not.toBe(stored.hash);
    await ledger.close();
  });
});
