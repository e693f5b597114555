import type { ServiceItemDefinition } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { diffItems, sameValue } from './item-diff';

const days = (value: number) => ({ value, unit: 'working_days' as const });
const licence: ServiceItemDefinition = {
  code: '310101-FOOD-BL',
  name: '食品经营许可',
  department: 'huangpu-market',
  legalBasis: '《食品安全法》第三十五条',
  category: 'promised',
  statutoryLimit: days(20),
  promisedLimit: days(10),
  correctionLimit: days(5),
  materials: [
    { code: 'M01', name: '营业执照', requirement: 'mandatory', form: 'copy', count: 1 },
    { code: 'M02', name: '场所平面图', requirement: 'mandatory', form: 'original', count: 1 },
  ],
  fee: { kind: 'free' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(5) },
    { kind: 'approve', name: '批准', role: 'head', limit: days(3) },
  ],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
};

describe('the differences between two versions of a service item', () => {
  it('finds none between a version and itself, whatever the key order', () => {
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const reordered = { ...reversed(licence), materials: licence.materials.map(reversed) };
    expect(diffItems(licence, licence)).toEqual([]);
    expect(diffItems(licence, reordered)).toEqual([]);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
  });

  it('names each changed field with its value before and after', () => {
    const revised = { ...licence, name: '食品经营许可（新办）', promisedLimit: days(7) };
    expect(diffItems(licence, revised)).toEqual([
      { field: 'name', kind: 'changed', before: '食品经营许可', after: '食品经营许可（新办）' },
      { field: 'promisedLimit', kind: 'changed', before: days(10), after: days(7) },
    ]);
  });

  it('matches materials by code: one changed, one removed, one added', () => {
    const revised = {
      ...licence,
      materials: [
        { code: 'M03', name: '健康证明', requirement: 'mandatory' as const, form: 'copy' as const, count: 1 },
        { ...licence.materials[0]!, count: 2 },
      ],
    };
    expect(diffItems(licence, revised)).toEqual([
      {
        field: 'material',
        key: 'M01',
        kind: 'changed',
        before: licence.materials[0],
        after: revised.materials[1],
      },
      { field: 'material', key: 'M02', kind: 'removed', before: licence.materials[1], after: undefined },
      { field: 'material', key: 'M03', kind: 'added', before: undefined, after: revised.materials[0] },
    ]);
  });

  it('compares the steps by their place in the procedure', () => {
    const review = { kind: 'review' as const, name: '审核', role: 'reviewer' as const, limit: days(2) };
    const revised = { ...licence, steps: [licence.steps[0]!, review, licence.steps[1]!] };
    expect(diffItems(licence, revised).map((c) => [c.field, 'key' in c ? c.key : '', c.kind])).toEqual([
      ['step', '2', 'changed'],
      ['step', '3', 'added'],
    ]);
  });

  it('reports a joint handling added, its lead and each co-handler', () => {
    const joint = {
      ...licence,
      category: 'joint' as const,
      joint: {
        leadDepartment: 'huangpu-market',
        coHandlers: [{ department: 'huangpu-fire', limit: days(5) }],
      },
    };
    expect(diffItems(licence, joint).map((c) => [c.field, c.kind])).toEqual([
      ['category', 'changed'],
      ['leadDepartment', 'added'],
      ['coHandler', 'added'],
    ]);
  });

  it('lists every field of a first version as added', () => {
    const first = diffItems(undefined, licence);
    expect(first.every((c) => c.kind === 'added')).toBe(true);
    expect(first.filter((c) => c.field === 'material')).toHaveLength(2);
    expect(first.some((c) => c.field === 'statutoryOverride')).toBe(false);
  });
});

describe('the differences in the retention period', () => {
  const tenYears = { kind: 'years' as const, years: 10, basis: '本中心保管期限表第 12 条' };
  const permanent = { kind: 'permanent' as const, basis: '《档案法》第十八条' };

  it('shows a period named where there was none as a change from the default, and back', () => {
    expect(diffItems(licence, { ...licence, retention: tenYears })).toEqual([
      { field: 'retention', kind: 'changed', before: 'default', after: tenYears },
    ]);
    expect(diffItems({ ...licence, retention: tenYears }, licence)).toEqual([
      { field: 'retention', kind: 'changed', before: tenYears, after: 'default' },
    ]);
  });

  it('shows a change of the years, the kind or the basis alone, and none for the same period', () => {
    const revised = (retention: typeof tenYears | typeof permanent) =>
      diffItems({ ...licence, retention: tenYears }, { ...licence, retention });
    expect(revised({ ...tenYears, years: 15 })).toHaveLength(1);
    expect(revised(permanent)).toEqual([
      { field: 'retention', kind: 'changed', before: tenYears, after: permanent },
    ]);
    expect(revised({ ...tenYears, basis: '《某条例》第九条' })).toHaveLength(1);
    expect(revised({ ...tenYears })).toEqual([]);
  });

  it('tells a period of 30 years named with its basis from the default that names none', () => {
    const thirty = { kind: 'years' as const, years: 30, basis: '国家档案局令第8号' };
    expect(diffItems(licence, { ...licence, retention: thirty }).map((c) => c.field)).toEqual(['retention']);
  });

  it('lists the default period of a first version as added', () => {
    expect(diffItems(undefined, licence).filter((c) => c.field === 'retention')).toEqual([
      { field: 'retention', kind: 'added', before: undefined, after: 'default' },
    ]);
  });
});
