/**
 * Field paths of an event, dotted from the event itself: `data.applicant.idNumber`, `actor.name`. A reader
 * that shows a field otherwise than stored (packages/personal-data opens sealed personal values) lists the
 * stored value under its path in the event's `sealed`, and `storedForm` puts it back: what the hash covers.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function valueAt(root: unknown, path: string): unknown {
  let here: unknown = root;
  for (const key of path.split('.')) {
    if (!isRecord(here)) return undefined;
    here = here[key];
  }
  return here;
}

/**
 * A copy of `root` with the value at `path` replaced, copying only the objects on the path (the rest is
 * shared, and the original, often a frozen event shared by every subscriber, is not touched). Keys keep
 * their order, so the copy serialises like the original but for the one value. A path that does not lead
 * to a value leaves `root` as it is.
 */
export function withValueAt<T>(root: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const replace = (node: unknown, depth: number): unknown => {
    if (!isRecord(node)) return node;
    const key = keys[depth]!;
    if (!(key in node)) return node;
    const next = depth === keys.length - 1 ? value : replace(node[key], depth + 1);
    return next === node[key] ? node : { ...node, [key]: next };
  };
  return replace(root, 0) as T;
}

/**
 * The event with every value listed in its `sealed` back at its path, as the ledger stored and hashed it
 * (and without `sealed`). An event without `sealed` is returned as it is.
 */
export function storedForm<
  E extends { data: unknown; actor: unknown; sealed?: Readonly<Record<string, string>> },
>(event: E): E {
  const { sealed } = event;
  if (sealed === undefined) return event;
  const { sealed: _, ...rest } = event;
  let stored = rest as E;
  for (const [path, value] of Object.entries(sealed)) stored = withValueAt(stored, path, value);
  return stored;
}
