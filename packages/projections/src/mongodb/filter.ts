import type { Document, Sort } from 'mongodb';
import type { Condition } from '../collections';
import type { OrderBy } from '../read-model-store';

function fieldName(field: string): string {
  return field === 'id' ? '_id' : field;
}

const OPERATORS = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte' } as const;

/**
 * The compiled conditions as a MongoDB filter. `{ field: null }` and `$in: [null]` also match an absent
 * field, as SQLite's json_extract gives NULL for one; range operators only match values of the
 * bound's type (MongoDB's type bracketing), which the SQLite adapter reproduces.
 */
export function mongoFilter(conditions: Condition[]): Document {
  const clauses = conditions.map((condition): Document => {
    const name = fieldName(condition.field);
    if (condition.op === 'eq') return { [name]: condition.value };
    if (condition.op === 'in') return { [name]: { $in: condition.values } };
    return { [name]: { [OPERATORS[condition.op]]: condition.value } };
  });
  return clauses.length === 0 ? {} : { $and: clauses };
}

export function mongoSort(orderBy: Required<OrderBy>[]): Sort {
  return orderBy.map((order): [string, 1 | -1] => [
    fieldName(order.field),
    order.direction === 'desc' ? -1 : 1,
  ]);
}
