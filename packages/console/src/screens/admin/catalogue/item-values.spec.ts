import type { ServiceItemVersion } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { diffItems } from './item-diff';
import { toDefinition, toFormValues } from './item-values';

const days = (value: number) => ({ value, unit: 'working_days' as const });
const joint: ServiceItemVersion = {
  code: '310101-PLAN-BP',
  version: 3,
  name: '建设工程规划许可',
  department: 'huangpu-planning',
  legalBasis: '《城乡规划法》第四十条',
  category: 'joint',
  statutoryLimit: days(45),
  promisedLimit: days(30),
  correctionLimit: days(5),
  materials: [
    { code: 'P01', name: '申请表', requirement: 'mandatory', form: 'original', count: 1 },
    {
      code: 'P02',
      name: '消防设计文件',
      requirement: 'conditional',
      condition: '涉及消防',
      form: 'copy',
      count: 2,
    },
  ],
  fee: { kind: 'fixed', amountFen: 123450, basis: '沪价费〔2020〕1号' },
  steps: [{ kind: 'approve', name: '批准', role: 'head', limit: days(10) }],
  joint: {
    leadDepartment: 'huangpu-planning',
    coHandlers: [{ department: 'huangpu-fire', limit: days(10) }],
  },
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: true,
};

describe('the item form and the definition it sends', () => {
  it('gives back the same definition it was filled from (the version number aside)', () => {
    const { version: _, ...definition } = joint;
    expect(toDefinition(toFormValues(joint))).toEqual(definition);
    expect(diffItems(joint, toDefinition(toFormValues(joint)))).toEqual([]);
  });

  it('writes the fee in yuan and sends it in fen', () => {
    const values = toFormValues(joint);
    expect(values.feeYuan).toBe(1234.5);
    expect(toDefinition({ ...values, feeYuan: 12.3 }).fee).toEqual({
      kind: 'fixed',
      amountFen: 1230,
      basis: '沪价费〔2020〕1号',
    });
  });

  it('leaves out the joint handling of an item that is no longer joint, and blank optional text', () => {
    const values = { ...toFormValues(joint), category: 'promised' as const, statutoryOverrideBasis: '  ' };
    values.materials = values.materials.map((m) => ({ ...m, condition: '' }));
    const definition = toDefinition(values);
    expect(definition.joint).toBeUndefined();
    expect(definition.statutoryOverride).toBeUndefined();
    expect(definition.materials.every((m) => !('condition' in m))).toBe(true);
  });
});

describe('the retention period in the form', () => {
  const tenYears = { kind: 'years' as const, years: 10, basis: '本中心保管期限表第 12 条' };

  it('reads an item that names none as the default, and sends the default as no period at all', () => {
    const values = toFormValues(joint);
    expect(values.retentionKind).toBe('default');
    expect(values.retentionYears).toBe(30); // offered when 定期 is chosen
    expect(values.retentionBasis).toBeUndefined();
    expect('retention' in toDefinition(values)).toBe(false);
    // A period written and then taken back to the default: nothing of it is sent.
    const backToDefault = {
      ...values,
      retentionKind: 'default' as const,
      retentionYears: 10,
      retentionBasis: 'x',
    };
    expect('retention' in toDefinition(backToDefault)).toBe(false);
  });

  it('gives back a period of years and a permanent one as they were, basis and all', () => {
    for (const retention of [tenYears, { kind: 'permanent' as const, basis: '《档案法》第十八条' }]) {
      const item = { ...joint, retention };
      const { version: _, ...definition } = item;
      expect(toDefinition(toFormValues(item))).toEqual(definition);
      expect(diffItems(item, toDefinition(toFormValues(item)))).toEqual([]);
    }
    expect(toFormValues({ ...joint, retention: tenYears })).toMatchObject({
      retentionKind: 'years',
      retentionYears: 10,
      retentionBasis: '本中心保管期限表第 12 条',
    });
  });

  it('sends the years only for a period of years, and the basis trimmed; a blank basis is left for the domain to refuse', () => {
    const values = toFormValues(joint);
    expect(
      toDefinition({ ...values, retentionKind: 'years', retentionYears: 10, retentionBasis: '  表第 12 条 ' })
        .retention,
    ).toEqual({ kind: 'years', years: 10, basis: '表第 12 条' });
    expect(
      toDefinition({ ...values, retentionKind: 'permanent', retentionYears: 10, retentionBasis: '档案法' })
        .retention,
    ).toEqual({ kind: 'permanent', basis: '档案法' });
    expect(toDefinition({ ...values, retentionKind: 'permanent', retentionBasis: '  ' }).retention).toEqual({
      kind: 'permanent',
    });
  });

  it('keeps an explicit period of 30 years apart from the default', () => {
    const values = { ...toFormValues(joint), retentionKind: 'years' as const, retentionBasis: '表第 1 条' };
    expect(toDefinition(values).retention).toEqual({ kind: 'years', years: 30, basis: '表第 1 条' });
  });
});
