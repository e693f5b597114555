import { type ServiceItemRule, serviceItemRules } from '@docket/domain';
import type { NamePath } from 'antd/es/form/interface';
import { ApiError } from '../../../api/client';
import type { ItemFormValues } from './item-values';

type Field = NamePath<ItemFormValues>;

/**
 * A catalogue rule the domain found broken, as the API names it: a 422 problem whose `details.issues`
 * lists every issue (rule, path in the definition, message), @docket/domain's `ServiceItemIssue`.
 */
export interface RuleIssue {
  rule: ServiceItemRule;
  path: string;
}

const RULES = new Set<string>(serviceItemRules);

/** The rule issues a refusal names; empty for any other failure (or issues of a rule this console does not know). */
export function ruleIssues(error: unknown): RuleIssue[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const details = error.problem.details as { issues?: unknown } | undefined;
  if (!Array.isArray(details?.issues)) return [];
  return details.issues.flatMap((issue: unknown) => {
    const { rule, path } = (issue ?? {}) as { rule?: unknown; path?: unknown };
    return typeof rule === 'string' && RULES.has(rule) && typeof path === 'string'
      ? [{ rule: rule as ServiceItemRule, path }]
      : [];
  });
}

/** The form's fields named by a path of the definition that has a field of its own in the form. */
const FIELDS: Record<string, Field> = {
  statutoryLimit: ['statutoryLimit', 'value'],
  promisedLimit: ['promisedLimit', 'value'],
  'fee.basis': ['feeBasis'],
  'retention.basis': ['retentionBasis'],
  'joint.leadDepartment': ['leadDepartment'],
  coHandlerSilenceIsConsent: ['coHandlerSilenceIsConsent'],
};

/** Paths into a list's entries: `materials.2.condition` is the condition of the form's third material row. */
const ROWS: [RegExp, (index: number, field: string) => Field][] = [
  [/^materials\.(\d+)\.condition$/, (index) => ['materials', index, 'condition']],
  [/^steps\.(\d+)\.(kind|role)$/, (index, field) => ['steps', index, field === 'kind' ? 'kind' : 'role']],
  [/^joint\.coHandlers\.(\d+)\.limit$/, (index) => ['coHandlers', index, 'limit', 'value']],
];

/**
 * The form field an issue's path lands on, or undefined when the issue is about the item as a whole or a
 * whole list (the steps' total, a duplicate code): those are said above the save button only.
 */
export function issueField(path: string): Field | undefined {
  const field = FIELDS[path];
  if (field !== undefined) return field;
  for (const [pattern, name] of ROWS) {
    const match = pattern.exec(path);
    if (match) return name(Number(match[1]), match[2] ?? '');
  }
  return undefined;
}
