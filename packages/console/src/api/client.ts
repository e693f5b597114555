import { type CallOf, type HttpEndpoint, httpRequestOf, type ReplyOf } from '@docket/contracts';

/** A problem+json answer (RFC 9457) as the gateway sends every refusal. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  [field: string]: unknown;
}

/** A refused or failed call: the problem the API answered, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get status(): number {
    return this.problem.status;
  }
}

export interface CallOptions {
  /** A command's Idempotency-Key: the same key sent again is answered with the first answer. */
  idempotencyKey?: string;
  /** If-Match: the stream revision the user saw (409 if it moved). */
  ifMatch?: string;
  /** Read your writes: the ledger position the answer must include (a command's, a live notice's). */
  minPosition?: string;
  signal?: AbortSignal;
}

/** Where the token comes from (the session); undefined: the call goes without one (public routes). */
let currentToken: () => string | undefined = () => undefined;
/** Told when the API answers 401: the session has ended (expired or revoked). */
let onUnauthorised: () => void = () => {};

/** The session's bearer token, for the one request made outside `send` (the live stream). */
export const currentBearer = (): string | undefined => currentToken();

export function setTokenSource(token: () => string | undefined, unauthorised: () => void): void {
  currentToken = token;
  onUnauthorised = unauthorised;
}

/**
 * Calls an operation as @docket/contracts declares it: method, path and body from the declaration, the
 * answer typed as its reply. No request type is written by hand in the console.
 */
export async function call<E extends HttpEndpoint>(
  endpoint: E,
  args: CallOf<E>,
  options: CallOptions = {},
): Promise<ReplyOf<E>> {
  const line = httpRequestOf(endpoint, args);
  return send<ReplyOf<E>>(line.method, line.path, line.body, options);
}

/** A request to a route of the gateway's own (sign-in, the development users). */
export async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = currentToken();
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  if (options.minPosition !== undefined) headers['x-docket-min-position'] = options.minPosition;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: 'network', detail: String(error) });
  }
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    if (response.status === 401 && token !== undefined) onUnauthorised();
    const problem =
      typeof parsed === 'object' && parsed !== null
        ? ({ status: response.status, ...parsed } as Problem)
        : { status: response.status };
    throw new ApiError(problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fresh idempotency key for one user action (kept across its retries). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
