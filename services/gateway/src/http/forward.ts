import { createHash } from 'node:crypto';
import {
  EXPECTED_REVISION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  MIN_POSITION_HEADER,
  REQUEST_FINGERPRINT_HEADER,
} from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { ACTOR_HEADER, actorHeader, type Bus, CORRELATION_ID_HEADER, type Headers } from '@docket/messaging';
import type { Route } from '../routes/route';
import { HttpProblem } from './problem';

/** What the forwarder needs of an HTTP request: Fastify's request satisfies it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/** What it sets on the response: Fastify's reply satisfies it. */
export interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Idempotency-Key (IETF draft): visible ASCII, 1–200 characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/**
 * If-Match carries the revision as an entity tag: `"3"` (weak `W/"3"` accepted), or bare `3`. The quotes
 * come in pairs: `"3` is a client bug, refused rather than guessed at.
 */
const ENTITY_TAG = /^(?:(?:W\/)?"(0|[1-9][0-9]{0,18})"|(0|[1-9][0-9]{0,18}))$/;

/** The headers a command carries over the bus: who, which case, and how to run it. */
export function commandHeaders(route: Route, request: HttpRequest, actor: Actor, caseNo?: string): Headers {
  const headers: Record<string, string> = { [ACTOR_HEADER]: actorHeader(actor) };
  if (caseNo !== undefined) headers[CORRELATION_ID_HEADER] = caseNo;
  const key = header(request, 'idempotency-key');
  if (key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key))
      throw new HttpProblem(
        'InvalidIdempotencyKey',
        'invalid',
        'Idempotency-Key must be 1-200 visible ASCII characters',
      );
    headers[IDEMPOTENCY_KEY_HEADER] = key;
    // The same key with another request (another path or body) is refused by the ledger (422).
    headers[REQUEST_FINGERPRINT_HEADER] = createHash('sha256')
      .update(`${route.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
  }
  const ifMatch = header(request, 'if-match');
  if (ifMatch !== undefined && route.conditional && ifMatch.trim() !== '*') {
    const match = ENTITY_TAG.exec(ifMatch.trim());
    if (!match)
      throw new HttpProblem(
        'InvalidIfMatch',
        'invalid',
        'If-Match must be the ETag of the last response ("<revision>")',
      );
    headers[EXPECTED_REVISION_HEADER] = (match[1] ?? match[2])!;
  }
  return headers;
}

/**
 * The stream moved on from the revision the client named in If-Match: its precondition failed, 412
 * (RFC 9110 §13.1.1), under the same code. Without If-Match the same conflict (writers racing until the
 * service gave up) stays a 409.
 */
function preconditionFailed(error: unknown): unknown {
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  return code === 'WrongExpectedRevision'
    ? new HttpProblem(code, 'precondition_failed', String(message), details)
    : error;
}

/** The headers a query carries: who (if anyone) and, for read-your-writes, the position to wait for. */
export function queryHeaders(request: HttpRequest, actor: Actor | undefined): Headers {
  const headers: Record<string, string> = actor === undefined ? {} : { [ACTOR_HEADER]: actorHeader(actor) };
  const minPosition = header(request, 'x-docket-min-position');
  if (minPosition !== undefined) {
    if (!/^[0-9]{1,19}$/.test(minPosition))
      throw new HttpProblem(
        'InvalidMinPosition',
        'invalid',
        'X-Docket-Min-Position must be a ledger position',
      );
    headers[MIN_POSITION_HEADER] = minPosition;
  }
  return headers;
}

/** JSON for HTTP: bigints (revisions, positions) become decimal strings. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = jsonSafe(item);
    return out;
  }
  return value;
}

/** Sends a request over the bus and shapes the reply for HTTP (status, ETag for a command). */
export async function forward(
  bus: Bus,
  route: Route,
  payload: unknown,
  headers: Headers,
  reply: HttpReply,
  timeoutMs: number,
): Promise<unknown> {
  if (route.endpoint === undefined) throw new Error(`${route.operationId} forwards to no service`);
  const result = await bus
    .request<Record<string, unknown>>(route.endpoint.subject, payload, { headers, timeoutMs })
    .catch((error: unknown) => {
      throw headers[EXPECTED_REVISION_HEADER] === undefined ? error : preconditionFailed(error);
    });
  reply.status(route.success);
  const revision = result?.revision;
  if (typeof revision === 'bigint') reply.header('etag', `"${revision}"`);
  return jsonSafe(result);
}
