import {
  DEFAULT_RETENTION,
  type HandlingCategory,
  type Material,
  type ProcedureStep,
  type Retention,
  type ServiceItemDefinition,
  type ServiceItemVersion,
  type TimeLimit,
} from '@docket/domain';

/** 保管期限 as the form offers it: the default (no period named: 定期30年), a number of years, or permanent. */
export type RetentionChoice = 'default' | Retention['kind'];

/**
 * The item form's values: the definition as a person fills it in. The fee is written in yuan (stored in
 * fen), and the joint handling's fields stand on their own so that they can be left empty until the item
 * is made a joint one. So do the retention's: the years and the basis are kept while the default is chosen,
 * and only sent for a period chosen.
 */
export interface ItemFormValues {
  code: string;
  name: string;
  department: string;
  legalBasis: string;
  category: HandlingCategory;
  statutoryLimit: TimeLimit;
  promisedLimit: TimeLimit;
  correctionLimit: TimeLimit;
  feeKind: 'free' | 'fixed';
  feeYuan?: number;
  feeBasis?: string;
  materials: Material[];
  steps: ProcedureStep[];
  leadDepartment?: string;
  coHandlers: { department: string; limit: TimeLimit }[];
  deemedApprovalOnTimeout: boolean;
  coHandlerSilenceIsConsent: boolean;
  statutoryOverrideBasis?: string;
  retentionKind: RetentionChoice;
  /** The years of a 定期 period (1–100); offered as the default's 30 when the period is first chosen. */
  retentionYears?: number;
  retentionBasis?: string;
  /** 修订说明: only a revision has one. */
  note?: string;
}

const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });

/** The years a 定期 period starts from when it is chosen: the default's (定期30年). */
const DEFAULT_YEARS = DEFAULT_RETENTION.kind === 'years' ? DEFAULT_RETENTION.years : 30;

/** A new item's starting point: a promised item handled, reviewed and approved in its department. */
export const blankItem = (department = ''): ItemFormValues => ({
  code: '',
  name: '',
  department,
  legalBasis: '',
  category: 'promised',
  statutoryLimit: days(20),
  promisedLimit: days(10),
  correctionLimit: days(5),
  feeKind: 'free',
  materials: [],
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(4) },
    { kind: 'review', name: '审核', role: 'reviewer', limit: days(3) },
    { kind: 'approve', name: '批准', role: 'head', limit: days(3) },
  ],
  coHandlers: [],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  retentionKind: 'default',
  retentionYears: DEFAULT_YEARS,
});

export function toFormValues(item: ServiceItemDefinition | ServiceItemVersion): ItemFormValues {
  return {
    code: item.code,
    name: item.name,
    department: item.department,
    legalBasis: item.legalBasis,
    category: item.category,
    statutoryLimit: { ...item.statutoryLimit },
    promisedLimit: { ...item.promisedLimit },
    correctionLimit: { ...item.correctionLimit },
    feeKind: item.fee.kind,
    ...(item.fee.kind === 'fixed' ? { feeYuan: item.fee.amountFen / 100, feeBasis: item.fee.basis } : {}),
    materials: item.materials.map((m) => ({ ...m })),
    steps: item.steps.map((s) => ({ ...s, limit: { ...s.limit } })),
    ...(item.joint ? { leadDepartment: item.joint.leadDepartment } : {}),
    coHandlers: (item.joint?.coHandlers ?? []).map((c) => ({
      department: c.department,
      limit: { ...c.limit },
    })),
    deemedApprovalOnTimeout: item.deemedApprovalOnTimeout,
    coHandlerSilenceIsConsent: item.coHandlerSilenceIsConsent,
    ...(item.statutoryOverride ? { statutoryOverrideBasis: item.statutoryOverride.basis } : {}),
    ...retentionValues(item.retention),
  };
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function retentionValues(
  retention: Retention | undefined,
): Pick<ItemFormValues, 'retentionKind' | 'retentionYears' | 'retentionBasis'> {
  if (retention === undefined) return { retentionKind: 'default', retentionYears: DEFAULT_YEARS };
  return {
    retentionKind: retention.kind,
    retentionYears: retention.kind === 'years' ? retention.years : DEFAULT_YEARS,
    ...(retention.basis === undefined ? {} : { retentionBasis: retention.basis }),
  };
}

/** The period the definition names: none for the default; a blank basis left out (the domain refuses it). */
function retentionOfValues(values: ItemFormValues): Retention | undefined {
  const basis = text(values.retentionBasis);
  const withBasis = basis === undefined ? {} : { basis };
  switch (values.retentionKind) {
    case 'years':
      return { kind: 'years', years: values.retentionYears ?? DEFAULT_YEARS, ...withBasis };
    case 'permanent':
      return { kind: 'permanent', ...withBasis };
    default:
      return undefined;
  }
}

/** The definition the API is sent: yuan to fen, empty optional text left out, joint only for a joint item. */
export function toDefinition(values: ItemFormValues): ServiceItemDefinition {
  const condition = (m: Material) => text(m.condition);
  const override = text(values.statutoryOverrideBasis);
  const retention = retentionOfValues(values);
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    department: values.department,
    legalBasis: values.legalBasis.trim(),
    category: values.category,
    statutoryLimit: values.statutoryLimit,
    promisedLimit: values.promisedLimit,
    correctionLimit: values.correctionLimit,
    materials: (values.materials ?? []).map((m) => {
      const { condition: _, ...rest } = m;
      const written = condition(m);
      return written === undefined ? rest : { ...rest, condition: written };
    }),
    fee:
      values.feeKind === 'fixed'
        ? {
            kind: 'fixed',
            amountFen: Math.round((values.feeYuan ?? 0) * 100),
            basis: values.feeBasis?.trim() ?? '',
          }
        : { kind: 'free' },
    steps: values.steps ?? [],
    ...(values.category === 'joint'
      ? {
          joint: {
            leadDepartment: values.leadDepartment ?? values.department,
            coHandlers: values.coHandlers ?? [],
          },
        }
      : {}),
    deemedApprovalOnTimeout: values.deemedApprovalOnTimeout,
    coHandlerSilenceIsConsent: values.coHandlerSilenceIsConsent,
    ...(override === undefined ? {} : { statutoryOverride: { basis: override } }),
    ...(retention === undefined ? {} : { retention }),
  };
}
