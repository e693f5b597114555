import type { Condition, DeclaredCollection } from '../collections';
import type { OrderBy } from '../read-model-store';

export type SqlValue = string | number | null;

export function tableName(collection: string): string {
  return `"rm_${collection}"`;
}

/** The exact expression the indexes are built on: queries must repeat it for SQLite to use them. */
export function fieldExpression(field: string): string {
  return field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

export const indexName = (collection: string, fields: string[]) => `"rm_${collection}__${fields.join('__')}"`;

export function indexStatements(collection: DeclaredCollection): string[] {
  return collection.indexes.map(
    (fields) =>
      `CREATE INDEX IF NOT EXISTS ${indexName(collection.name, fields)} ON ${tableName(collection.name)} (${fields
        .map(fieldExpression)
        .join(', ')})`,
  );
}

export function dropIndexStatements(collection: DeclaredCollection): string[] {
  return collection.indexes.map((fields) => `DROP INDEX IF EXISTS ${indexName(collection.name, fields)}`);
}

/** json_extract gives booleans as 1/0, and better-sqlite3 cannot bind booleans. */
function bindable(value: string | number | boolean | null): SqlValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * SQL for the compiled conditions. Range bounds also bound the other type (numbers sort before every
 * string in SQLite, and `''` is the least string), so that `gt: 5` never matches a string and
 * `lt: 'm'` never matches a number: MongoDB's type bracketing, reproduced.
 */
export function whereSql(conditions: Condition[]): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const condition of conditions) {
    const expression = fieldExpression(condition.field);
    if (condition.op === 'eq') {
      if (condition.value === null) clauses.push(`${expression} IS NULL`);
      else {
        clauses.push(`${expression} = ?`);
        params.push(bindable(condition.value));
      }
    } else if (condition.op === 'in') {
      const present = condition.values.filter((value) => value !== null);
      const parts: string[] = [];
      if (present.length > 0) {
        parts.push(`${expression} IN (${present.map(() => '?').join(', ')})`);
        params.push(...present.map(bindable));
      }
      if (present.length < condition.values.length) parts.push(`${expression} IS NULL`);
      clauses.push(parts.length === 0 ? '0' : `(${parts.join(' OR ')})`);
    } else {
      const operator = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[condition.op];
      clauses.push(`${expression} ${operator} ?`);
      params.push(condition.value);
      clauses.push(typeof condition.value === 'number' ? `${expression} < ''` : `${expression} >= ''`);
    }
  }
  return { sql: clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`, params };
}

export function orderSql(orderBy: Required<OrderBy>[]): string {
  return ` ORDER BY ${orderBy
    .map((order) => `${fieldExpression(order.field)} ${order.direction === 'desc' ? 'DESC' : 'ASC'}`)
    .join(', ')}`;
}
