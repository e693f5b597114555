import { describe, expect, it } from 'vitest';
import { fieldChanges, flatten } from './field-diff';

describe('field-level audit: the fields an event changed, old → new', () => {
  it('names nested fields by dotted path and reports a changed value with both sides', () => {
    const before = { application: { status: 'submitted', applicant: { phone: '139****5678' } } };
    const after = {
      application: {
        status: 'accepted',
        applicant: { phone: '139****5678' },
        acceptance: { at: '2026-12-08T09:00:00+08:00' },
      },
    };
    expect(fieldChanges(before, after)).toEqual([
      { path: 'application.status', kind: 'changed', before: 'submitted', after: 'accepted' },
      { path: 'application.acceptance.at', kind: 'added', after: '2026-12-08T09:00:00+08:00' },
    ]);
  });

  it('treats null and empty as absence: an aggregate that appears is added field by field', () => {
    expect(fieldChanges({ review: null, orders: {} }, { review: { status: 'open' }, orders: {} })).toEqual([
      { path: 'review.status', kind: 'added', after: 'open' },
    ]);
    expect(fieldChanges({ clock: { activeStep: 1 } }, { clock: { activeStep: null } })).toEqual([
      { path: 'clock.activeStep', kind: 'removed', before: 1 },
    ]);
  });

  it('compares lists of objects element by element, by an identifying field when every element has one', () => {
    const materials = (count: number) => [
      { code: 'form', count: 1 },
      { code: 'licence', count },
    ];
    expect(fieldChanges({ materials: materials(1) }, { materials: materials(2) })).toEqual([
      { path: 'materials[licence].count', kind: 'changed', before: 1, after: 2 },
    ]);
    // Without an identity, by index: a completion appended to a step shows as added at its index.
    const step = (completions: { outcome: string }[]) => ({ steps: [{ name: '承办', completions }] });
    expect(fieldChanges(step([]), step([{ outcome: 'pass' }]))).toEqual([
      { path: 'steps[0].completions[0].outcome', kind: 'added', after: 'pass' },
    ]);
  });

  it('compares a list of primitives whole', () => {
    expect(fieldChanges({ fields: ['phone'] }, { fields: ['phone', 'idNumber'] })).toEqual([
      { path: 'fields', kind: 'changed', before: ['phone'], after: ['phone', 'idNumber'] },
    ]);
    expect(fieldChanges({ fields: ['phone'] }, { fields: ['phone'] })).toEqual([]);
  });

  it('finds nothing between equal states, and flattens to leaves only', () => {
    const state = { a: { b: [{ id: 'x', v: true }], c: 0 } };
    expect(fieldChanges(state, structuredClone(state))).toEqual([]);
    expect([...flatten(state)]).toEqual([
      ['a.b[x].id', 'x'],
      ['a.b[x].v', true],
      ['a.c', 0],
    ]);
  });
});
