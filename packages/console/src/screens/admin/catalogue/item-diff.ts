import type { Material, ProcedureStep, Retention, ServiceItemDefinition, TimeLimit } from '@docket/domain';

/** The fields of a service item a revision can change, one entry per field or per entry of a list. */
export type ItemField =
  | 'name'
  | 'department'
  | 'legalBasis'
  | 'category'
  | 'statutoryLimit'
  | 'promisedLimit'
  | 'correctionLimit'
  | 'fee'
  | 'material'
  | 'step'
  | 'leadDepartment'
  | 'coHandler'
  | 'deemedApprovalOnTimeout'
  | 'coHandlerSilenceIsConsent'
  | 'statutoryOverride'
  | 'retention';

type CoHandler = { department: string; limit: TimeLimit };

/**
 * 保管期限 as a version holds it: the period it names, or `'default'` when it names none (the domain's
 * DEFAULT_RETENTION, 定期30年, then applies). A version without one has a period all the same, so a
 * period named where there was none is a change from the default, never an addition.
 */
export type RetentionSide = Retention | 'default';

/** What a changed field held before and holds after (absent on the side where it did not exist). */
export type ItemChange =
  | { field: 'material'; key: string; kind: ChangeKind; before?: Material; after?: Material }
  | { field: 'step'; key: string; kind: ChangeKind; before?: ProcedureStep; after?: ProcedureStep }
  | { field: 'coHandler'; key: string; kind: ChangeKind; before?: CoHandler; after?: CoHandler }
  | { field: 'retention'; kind: ChangeKind; before?: RetentionSide; after?: RetentionSide }
  | {
      field: Exclude<ItemField, 'material' | 'step' | 'coHandler' | 'retention'>;
      kind: ChangeKind;
      before?: unknown;
      after?: unknown;
    };

export type ChangeKind = 'added' | 'removed' | 'changed';

/** Equal as data: key order and absent-versus-undefined do not count. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const SCALAR_FIELDS = [
  'name',
  'department',
  'legalBasis',
  'category',
  'statutoryLimit',
  'promisedLimit',
  'correctionLimit',
  'fee',
  'deemedApprovalOnTimeout',
  'coHandlerSilenceIsConsent',
  'statutoryOverride',
] as const;

function kindOf(before: unknown, after: unknown): ChangeKind | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  return sameValue(before, after) ? undefined : 'changed';
}

/** Entries of two keyed lists compared by key: the earlier list's order, then what was added. */
function listChanges<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (entry: T, index: number) => string,
) {
  const earlier = new Map(before.map((entry, i) => [keyOf(entry, i), entry]));
  const later = new Map(after.map((entry, i) => [keyOf(entry, i), entry]));
  const keys = [...earlier.keys(), ...[...later.keys()].filter((k) => !earlier.has(k))];
  return keys.flatMap((key) => {
    const kind = kindOf(earlier.get(key), later.get(key));
    return kind === undefined ? [] : [{ key, kind, before: earlier.get(key), after: later.get(key) }];
  });
}

/**
 * 版本差异: what a revision changes, field by field. Materials are matched by their code, co-handlers by
 * their department, and the procedure's steps by their place (承办 → 审核 → 批准 is an order, not a set).
 * The item's code and version are the stream's and never differ between two versions of one item.
 */
export function diffItems(
  before: ServiceItemDefinition | undefined,
  after: ServiceItemDefinition,
): ItemChange[] {
  const changes: ItemChange[] = [];
  for (const field of SCALAR_FIELDS) {
    const kind = kindOf(before?.[field], after[field]);
    if (kind !== undefined) changes.push({ field, kind, before: before?.[field], after: after[field] });
  }
  const retention = {
    before: before === undefined ? undefined : (before.retention ?? ('default' as const)),
    after: after.retention ?? ('default' as const),
  };
  const retentionKind = kindOf(retention.before, retention.after);
  if (retentionKind !== undefined) changes.push({ field: 'retention', kind: retentionKind, ...retention });
  for (const c of listChanges(before?.materials ?? [], after.materials, (m) => m.code))
    changes.push({ field: 'material', ...c });
  for (const c of listChanges(before?.steps ?? [], after.steps, (_s, i) => String(i + 1)))
    changes.push({ field: 'step', ...c });
  const lead = kindOf(before?.joint?.leadDepartment, after.joint?.leadDepartment);
  if (lead !== undefined)
    changes.push({
      field: 'leadDepartment',
      kind: lead,
      before: before?.joint?.leadDepartment,
      after: after.joint?.leadDepartment,
    });
  for (const c of listChanges(
    before?.joint?.coHandlers ?? [],
    after.joint?.coHandlers ?? [],
    (h) => h.department,
  ))
    changes.push({ field: 'coHandler', ...c });
  return changes;
}
