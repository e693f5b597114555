import type {
  HandlingCategory,
  Material,
  ProcedureStep,
  ServiceItemDefinition,
  ServiceItemVersion,
  TimeLimit,
} from '@docket/domain';

/**
 * The item form's values: the definition as a person fills it in. The fee is written in yuan (stored in
 * fen), and the joint handling's fields stand on their own so that they can be left empty until the item
 * is made a joint one.
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
  /** 修订说明: only a revision has one. */
  note?: string;
}

const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });

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
  };
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The definition the API is sent: yuan to fen, empty optional text left out, joint only for a joint item. */
export function toDefinition(values: ItemFormValues): ServiceItemDefinition {
  const condition = (m: Material) => text(m.condition);
  const override = text(values.statutoryOverrideBasis);
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
  };
}
