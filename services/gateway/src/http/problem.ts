/**
 * Errors as `application/problem+json` (RFC 9457). Every error docket raises has a stable `code`; the
 * problem's `type` is built from it, and its status comes from the error's `kind` (domain, identity and
 * remote errors all carry one) or, for ledger and bus errors, from the code itself.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  /** What the error names (the missing materials, the refused role, the issues of a bad body…). */
  details?: unknown;
}

export const PROBLEM_TYPE_PREFIX = 'urn:docket:problem:';

const STATUS_BY_KIND: Record<string, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  /** A stale If-Match (http/forward.ts): RFC 9110 §13.1.1. */
  precondition_failed: 412,
  rule_broken: 422,
  unavailable: 503,
};

/** Ledger and bus errors carry no kind: their codes say what they are. */
const STATUS_BY_CODE: Record<string, number> = {
  WrongExpectedRevision: 409,
  IdempotencyKeyReused: 422,
  DuplicateEventId: 409,
  EventTooLarge: 413,
  InvalidAppend: 400,
  RateLimited: 429,
  NoResponders: 503,
  BusClosed: 503,
  LedgerClosed: 503,
  StorageFull: 507,
  RequestTimeout: 504,
  MalformedMessage: 502,
  NotALedger: 500,
  InternalError: 500,
  RouteNotFound: 404,
  MethodNotAllowed: 405,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  // Refused by Fastify or Node's HTTP parser before any route runs (http/framework-errors.ts).
  UriTooLong: 414,
  ClientTimeout: 408,
  HeaderFieldsTooLarge: 431,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Business rule broken',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
  507: 'Insufficient storage',
};

/** Codes of failures inside docket whose message must not reach the client. */
const OPAQUE = new Set(['InternalError', 'NotALedger', 'MalformedMessage']);

export function problemOf(error: unknown, instance?: string): Problem {
  const e = (error ?? {}) as { code?: unknown; kind?: unknown; message?: unknown; details?: unknown };
  const code =
    typeof e.code === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(e.code) ? e.code : 'InternalError';
  const status =
    (typeof e.kind === 'string' ? STATUS_BY_KIND[e.kind] : undefined) ?? STATUS_BY_CODE[code] ?? 500;
  const opaque = status === 500 || OPAQUE.has(code);
  const problem: Problem = {
    type: `${PROBLEM_TYPE_PREFIX}${opaque && status === 500 ? 'InternalError' : code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: opaque || typeof e.message !== 'string' ? 'The request could not be handled' : e.message,
    code: opaque && status === 500 ? 'InternalError' : code,
  };
  if (instance !== undefined) problem.instance = instance;
  if (!opaque && e.details !== undefined) problem.details = e.details;
  return problem;
}

/** An error the gateway itself raises, shaped like every other docket error. */
export class HttpProblem extends Error {
  constructor(
    readonly code: string,
    readonly kind: string | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = code;
  }
}
