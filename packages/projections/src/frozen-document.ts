import { type DeclaredCollection, isPlainDocument, normaliseDocument } from './collections';
import type { ReadModelDocument } from './read-model-store';

/**
 * The documents a batch holds are frozen JSON values: exactly what their stored text parses back to
 * (no undefined, no Dates, no -0), and immutable, so that a batch can hand the same object to every
 * `get` and serialise each document once, when it commits, instead of copying it through JSON text on
 * every read and every write. A projection that changed a document it read without writing it back
 * would make the batch's state differ from the stored one (and a live run from a rebuild); frozen, it
 * fails loudly instead.
 */

/** Deeper than this, the JSON round trip decides (it also reports cycles as JSON.stringify does). */
const MAX_DEPTH = 64;
/** A value the copy leaves to the round trip, which then gives the exact outcome (or the error). */
const UNUSUAL: unique symbol = Symbol('unusual');

/**
 * The document as it will be stored, frozen: the checks and the outcome of `normaliseDocument` (a JSON
 * round trip), without the round trip in the common case. Parts that are the very objects `previous`
 * holds at the same place (the document the batch had, as `{ ...doc, status }` leaves them) are frozen
 * and clean already, and are shared instead of copied.
 */
export function freezeDocument(
  collection: DeclaredCollection,
  doc: unknown,
  previous?: ReadModelDocument,
): ReadModelDocument {
  if (isPlainDocument(collection, doc)) {
    const copy = frozenCopy(doc, previous, 0);
    if (copy !== UNUSUAL) return copy as ReadModelDocument;
  }
  return freezeParsed(normaliseDocument(collection, doc));
}

/** Freezes a value fresh from JSON.parse (clean by construction) in place, and returns it. */
export function freezeParsed<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) for (const item of value) freezeParsed(item);
  else for (const key in value) freezeParsed(value[key]);
  return Object.freeze(value);
}

/**
 * A frozen copy of a JSON-able value, equal to JSON.parse(JSON.stringify(value)), or UNUSUAL where
 * only the round trip can tell (class instances, toJSON, functions, bigints, `__proto__` keys, depth).
 */
function frozenCopy(value: unknown, previous: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes NaN and ±Infinity as null, and -0 as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'object':
      break;
    default:
      return UNUSUAL;
  }
  if (value === null) return null;
  if (value === previous) return value;
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return UNUSUAL;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return UNUSUAL;
    const before = Array.isArray(previous) ? previous : undefined;
    const copy: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      // JSON writes undefined (and holes) in an array as null.
      const frozen = item === undefined ? null : frozenCopy(item, before?.[index], depth + 1);
      if (frozen === UNUSUAL) return UNUSUAL;
      copy.push(frozen);
    }
    return Object.freeze(copy);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return UNUSUAL;
  const before =
    typeof previous === 'object' && previous !== null && !Array.isArray(previous)
      ? (previous as Record<string, unknown>)
      : undefined;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  // for…in rather than Object.keys: the same keys in the same order on a plain object, and much faster.
  for (const key in record) {
    const item = record[key];
    // JSON leaves out undefined fields.
    if (item === undefined) continue;
    if (key === '__proto__') return UNUSUAL;
    const frozen = frozenCopy(item, before?.[key], depth + 1);
    if (frozen === UNUSUAL) return UNUSUAL;
    copy[key] = frozen;
  }
  return Object.freeze(copy);
}
