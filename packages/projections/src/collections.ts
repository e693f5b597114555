import {
  InvalidCollectionSpec,
  InvalidDocument,
  InvalidQuery,
  UndeclaredField,
  UnknownCollection,
} from './errors';
import type {
  CollectionSpec,
  FieldRange,
  OrderBy,
  ReadModelDocument,
  Scalar,
  Where,
} from './read-model-store';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const RANGE_KEYS = new Set(['in', 'gt', 'gte', 'lt', 'lte', 'prefix']);

/** A declared collection: its indexes and the set of fields queries may use. */
export interface DeclaredCollection {
  name: string;
  indexes: string[][];
  fields: Set<string>;
}

/** One condition of a compiled `where`; prefixes are already turned into a half-open string range. */
export type Condition =
  | { field: string; op: 'eq'; value: Scalar }
  | { field: string; op: 'in'; values: Scalar[] }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number };

/** The collections a store knows, checked once when declared so that every query can trust them. */
export class Catalogue {
  private readonly collections = new Map<string, DeclaredCollection>();

  declare(specs: CollectionSpec[]): DeclaredCollection[] {
    return specs.map((spec) => {
      if (!NAME.test(spec.name)) {
        throw new InvalidCollectionSpec(`Collection name "${spec.name}" must match ${NAME.source}`);
      }
      const indexes = (spec.indexes ?? []).map((index) => {
        if (index.fields.length === 0)
          throw new InvalidCollectionSpec(`An index of "${spec.name}" has no fields`);
        for (const field of index.fields) {
          if (!NAME.test(field) || field === 'id') {
            throw new InvalidCollectionSpec(
              `Field "${field}" of "${spec.name}" must match ${NAME.source} and not be id`,
            );
          }
        }
        return [...index.fields];
      });
      const existing = this.collections.get(spec.name);
      const declared: DeclaredCollection = {
        name: spec.name,
        indexes: [...(existing?.indexes ?? []), ...indexes],
        fields: new Set([...(existing?.fields ?? []), ...indexes.flat()]),
      };
      this.collections.set(spec.name, declared);
      return declared;
    });
  }

  get(name: string): DeclaredCollection {
    const found = this.collections.get(name);
    if (!found) throw new UnknownCollection(name);
    return found;
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * The document as it will be stored: a JSON round trip (so both backends hold exactly what SQLite's
 * JSON text holds: no undefined, no Dates), with a string id and scalar declared fields.
 */
export function normaliseDocument(collection: DeclaredCollection, doc: unknown): ReadModelDocument {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InvalidDocument(`A document of "${collection.name}" must be a JSON object`);
  }
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  if (typeof copy.id !== 'string' || copy.id === '') {
    throw new InvalidDocument(`A document of "${collection.name}" must have a non-empty string id`);
  }
  // Reserved by the MongoDB adapter (key and per-document position); refused everywhere alike.
  for (const reserved of ['_id', '_position']) {
    if (reserved in copy)
      throw new InvalidDocument(`"${reserved}" is reserved and cannot be a document field`);
  }
  for (const field of collection.fields) {
    const value = copy[field];
    if (value !== undefined && !isScalar(value)) {
      throw new InvalidDocument(
        `Field "${field}" of "${collection.name}" is indexed and must be a string, number, boolean or null`,
      );
    }
  }
  return copy as ReadModelDocument;
}

/**
 * The common case of a document (a plain object, string id, nothing reserved, scalar or absent indexed
 * fields), checked on the object: for such a document the checks of `normaliseDocument` come out the
 * same on its JSON round trip, so it can be stored without one (frozen-document.ts).
 */
export function isPlainDocument(collection: DeclaredCollection, doc: unknown): doc is ReadModelDocument {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const prototype = Object.getPrototypeOf(doc);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = doc as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return false;
  if (
    typeof record.id !== 'string' ||
    record.id === '' ||
    !Object.prototype.propertyIsEnumerable.call(record, 'id')
  ) {
    return false;
  }
  if ('_id' in record || '_position' in record) return false;
  for (const field of collection.fields) {
    const value = record[field];
    if (value !== undefined && !isScalar(value)) return false;
  }
  return true;
}

function checkField(collection: DeclaredCollection, field: string): void {
  if (field !== 'id' && !collection.fields.has(field)) throw new UndeclaredField(collection.name, field);
}

function isRange(value: Scalar | FieldRange): value is FieldRange {
  return typeof value === 'object' && value !== null;
}

/**
 * The smallest string greater than every string that starts with `prefix`, or undefined when there is
 * none. Code-point order equals UTF-8 byte order, which is how SQLite (BINARY) and MongoDB (no
 * collation) compare strings.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (char) => char.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}

export function compileWhere(collection: DeclaredCollection, where: Where | undefined): Condition[] {
  const conditions: Condition[] = [];
  for (const [field, value] of Object.entries(where ?? {})) {
    checkField(collection, field);
    if (!isRange(value)) {
      if (!isScalar(value)) throw new InvalidQuery(`Equality on "${field}" needs a scalar value`);
      conditions.push({ field, op: 'eq', value });
      continue;
    }
    for (const [key, bound] of Object.entries(value)) {
      if (!RANGE_KEYS.has(key)) throw new InvalidQuery(`Unknown condition "${key}" on "${field}"`);
      if (bound === undefined) continue;
      if (key === 'in') {
        if (!Array.isArray(bound) || !bound.every(isScalar)) {
          throw new InvalidQuery(`"in" on "${field}" needs an array of scalars`);
        }
        conditions.push({ field, op: 'in', values: bound });
      } else if (key === 'prefix') {
        if (typeof bound !== 'string') throw new InvalidQuery(`"prefix" on "${field}" needs a string`);
        conditions.push({ field, op: 'gte', value: bound });
        const upper = prefixUpperBound(bound);
        if (upper !== undefined) conditions.push({ field, op: 'lt', value: upper });
      } else {
        if (typeof bound !== 'string' && !(typeof bound === 'number' && Number.isFinite(bound))) {
          throw new InvalidQuery(`"${key}" on "${field}" needs a string or a finite number`);
        }
        conditions.push({ field, op: key as 'gt' | 'gte' | 'lt' | 'lte', value: bound });
      }
    }
  }
  return conditions;
}

export function checkOrderBy(
  collection: DeclaredCollection,
  orderBy: OrderBy[] | undefined,
): Required<OrderBy>[] {
  const checked = (orderBy ?? []).map((order) => {
    checkField(collection, order.field);
    if (order.direction !== undefined && order.direction !== 'asc' && order.direction !== 'desc') {
      throw new InvalidQuery(`Direction of "${order.field}" must be asc or desc`);
    }
    return { field: order.field, direction: order.direction ?? ('asc' as const) };
  });
  // The id tie-break makes the order total, so offset paging is stable.
  if (!checked.some((order) => order.field === 'id')) checked.push({ field: 'id', direction: 'asc' });
  return checked;
}

/** The index a `walkOrder` query reads: the first declared one starting with the order's first field. */
export function orderIndexOf(collection: DeclaredCollection, orderBy: Required<OrderBy>[]): string[] {
  const first = orderBy[0]?.field;
  const index = collection.indexes.find((fields) => fields[0] === first);
  if (index === undefined)
    throw new InvalidQuery(
      `No index of "${collection.name}" starts with "${first}": it cannot be walked in order`,
    );
  return index;
}

export function checkAtMost(atMost: number | undefined): void {
  if (atMost !== undefined && (!Number.isInteger(atMost) || atMost < 0))
    throw new InvalidQuery('atMost must be a non-negative integer');
}

export function checkPaging(limit: number | undefined, offset: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new InvalidQuery('limit must be a non-negative integer');
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new InvalidQuery('offset must be a non-negative integer');
  }
}
