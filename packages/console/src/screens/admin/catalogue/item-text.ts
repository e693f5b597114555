import {
  DEFAULT_RETENTION,
  type Fee,
  type Material,
  type ProcedureStep,
  type Retention,
  type TimeLimit,
} from '@docket/domain';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '../../../api/departments';
import { formatYuan } from '../../../format';
import type { ItemChange, RetentionSide } from './item-diff';

/**
 * A service item's values as words: limits in working days or days, fees in yuan, materials and steps on
 * one line each, departments by name, the retention period with its basis (the default said as such). The
 * diff and the version view say every value the same way.
 */
export function useItemText() {
  const { t, i18n } = useTranslation('admin');
  const { t: common } = useTranslation();
  const departmentName = useDepartmentName();

  const limit = useCallback(
    (value: TimeLimit) =>
      value.unit === 'working_days'
        ? common('clock.workingDays', { count: value.value })
        : common('clock.naturalDays', { count: value.value }),
    [common],
  );
  const fee = useCallback(
    (value: Fee) =>
      value.kind === 'free'
        ? t('form.feeKind.free')
        : `${formatYuan(value.amountFen, i18n.language)}（${value.basis}）`,
    [t, i18n.language],
  );
  const material = useCallback(
    (m: Material) =>
      [
        `${m.code} ${m.name}`,
        t(`materialForm.${m.form}`),
        t('diff.count', { count: m.count }),
        t(`requirement.${m.requirement}`),
        m.condition,
      ]
        .filter(Boolean)
        .join(' · '),
    [t],
  );
  const step = useCallback(
    (s: ProcedureStep) =>
      [`${t(`stepKind.${s.kind}`)}：${s.name}`, t(`stepRole.${s.role}`), limit(s.limit)].join(' · '),
    [t, limit],
  );

  /** 定期30年 or 永久: the period alone, without its basis. */
  const retentionPeriod = useCallback(
    (r: Retention) =>
      r.kind === 'years' ? t('retention.years', { count: r.years }) : t('retention.permanent'),
    [t],
  );
  /**
   * A version's period as the diff says it: a period named, with its basis; the default as the default
   * (its basis is the archives rule's, the same for every item: the version view says it).
   */
  const retention = useCallback(
    (side: RetentionSide) =>
      side === 'default'
        ? t('retention.default', { period: retentionPeriod(DEFAULT_RETENTION) })
        : side.basis === undefined
          ? retentionPeriod(side)
          : t('retention.withBasis', { period: retentionPeriod(side), basis: side.basis }),
    [t, retentionPeriod],
  );

  /** The value one side of a change holds, as words; absent reads as "(none)". */
  const sideText = useCallback(
    (change: ItemChange, side: 'before' | 'after'): string => {
      const value = change[side];
      if (value === undefined) return t('none');
      switch (change.field) {
        case 'material':
          return material(value as Material);
        case 'step':
          return step(value as ProcedureStep);
        case 'coHandler': {
          const c = value as { department: string; limit: TimeLimit };
          return `${departmentName(c.department)} · ${limit(c.limit)}`;
        }
        case 'department':
        case 'leadDepartment':
          return departmentName(value as string);
        case 'category':
          return t(`category.${value as 'instant' | 'promised' | 'joint'}`);
        case 'statutoryLimit':
        case 'promisedLimit':
        case 'correctionLimit':
          return limit(value as TimeLimit);
        case 'fee':
          return fee(value as Fee);
        case 'deemedApprovalOnTimeout':
        case 'coHandlerSilenceIsConsent':
          return value ? t('yes') : t('no');
        case 'statutoryOverride':
          return (value as { basis: string }).basis;
        case 'retention':
          return retention(value as RetentionSide);
        default:
          return String(value);
      }
    },
    [t, material, step, limit, fee, retention, departmentName],
  );

  /** What a change is about: the field's label, with the material, step or department it concerns. */
  const fieldOf = useCallback(
    (change: ItemChange): string => {
      switch (change.field) {
        case 'material':
          return t('diff.material', { key: change.key });
        case 'step':
          return t('diff.step', { key: change.key });
        case 'coHandler':
          return t('diff.coHandler', { key: departmentName(change.key) });
        default:
          return t(`form.${change.field}`);
      }
    },
    [t, departmentName],
  );

  return { limit, fee, material, step, retentionPeriod, retention, sideText, fieldOf, departmentName };
}
