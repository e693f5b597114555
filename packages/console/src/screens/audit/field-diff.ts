/**
 * 字段级审计: what one event changed in the case, as dotted paths with their old and new values, from the
 * case's state just before and just after it (the audit API answers states, not field changes).
 */

/** A value as the diff shows it: a primitive, or a list of primitives compared whole. */
export type Leaf = string | number | boolean | readonly (string | number | boolean | null)[];

export interface FieldChange {
  /** Dotted path: `application.status`, `review.main.steps[1].completions[0].opinion`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: Leaf;
  after?: Leaf;
}

/** Fields that identify an element of a list of objects, so that a list is compared element by element. */
const IDENTITY_KEYS = ['id', 'taskId', 'code', 'index', 'department', 'eventId'] as const;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The field that names each element of the list uniquely, if there is one. */
function identityOf(items: readonly Record<string, unknown>[]): string | undefined {
  return IDENTITY_KEYS.find((key) => {
    const values = items.map((item) => item[key]);
    return (
      values.every((v) => typeof v === 'string' || typeof v === 'number') &&
      new Set(values).size === values.length
    );
  });
}

const join = (prefix: string, key: string) => (prefix === '' ? key : `${prefix}.${key}`);

/**
 * Every leaf of `value` by its dotted path. Null, undefined, `{}` and `[]` are absence (a field that
 * appears shows as added, not as null → value). A list of primitives is one leaf; a list of objects is
 * entered element by element, named by an identifying field (`materials[form]`) when every element has
 * one, else by index (`completions[0]`).
 */
export function flatten(value: unknown, prefix = '', into = new Map<string, Leaf>()): Map<string, Leaf> {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value)) {
    if (value.length === 0) return into;
    if (value.every(isPrimitive)) {
      into.set(prefix, value as Leaf);
      return into;
    }
    const objects = value.every(isPlainObject) ? (value as Record<string, unknown>[]) : undefined;
    const key = objects === undefined ? undefined : identityOf(objects);
    value.forEach((item, i) => {
      const name = key === undefined ? String(i) : String((item as Record<string, unknown>)[key]);
      flatten(item, `${prefix}[${name}]`, into);
    });
    return into;
  }
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, join(prefix, key), into);
    return into;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    into.set(prefix, value);
  else into.set(prefix, String(value));
  return into;
}

const same = (a: Leaf, b: Leaf) =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;

/**
 * The fields that differ between two states: those of `after` in its order (added or changed), then those
 * only `before` had (removed).
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: FieldChange[] = [];
  for (const [path, value] of now) {
    const previous = old.get(path);
    if (previous === undefined) changes.push({ path, kind: 'added', after: value });
    else if (!same(previous, value)) changes.push({ path, kind: 'changed', before: previous, after: value });
  }
  for (const [path, value] of old) if (!now.has(path)) changes.push({ path, kind: 'removed', before: value });
  return changes;
}
