// The shapes most HTTP bindings share, so that a declaration says only what is its own.

/** 办件编号 in a path. */
export const CASE_PARAM = { caseNo: '办件编号 (case number), e.g. 20261201-7K3QXM' } as const;
/** 实施编码 in a path. */
export const ITEM_PARAM = { code: '实施编码 (item code)' } as const;
/** 投诉编号 in a path. */
export const COMPLAINT_PARAM = { id: '投诉编号 (complaint id), e.g. TS-20261201-7K3QXM' } as const;
/** 督办单编号 in a path. */
export const ORDER_PARAM = { id: '督办单编号 (supervision order id), e.g. DB-20261201-7K3QXM' } as const;

/** What names an operation: its id, path and how the document files and sums it up. */
export interface Named {
  operationId: string;
  path: string;
  tag: string;
  summary: string;
  description?: string;
}

/**
 * A command on one thing named in the path (a case, a complaint, an order): POST, the body as the
 * command's data, If-Match, and the problems such a command may answer.
 */
export const commandOn = <const P extends Record<string, string>, const N extends Named>(
  params: P,
  named: N,
) =>
  ({
    method: 'POST',
    access: 'bearer',
    params,
    binds: 'data',
    success: 200,
    conditional: true,
    problems: [400, 401, 403, 404, 409, 422],
    ...named,
  }) as const;

/** A read of what the bearer may see: GET, no body, 200; the problems are the query's own. */
export const readAt = <const R extends Named & Partial<Record<'params' | 'query' | 'fromQuery', unknown>>>(
  read: R & { problems: readonly number[] },
) => ({ method: 'GET', access: 'bearer', binds: 'none', success: 200, ...read }) as const;
