import { BIGINT_KEY, liftBigints, lowerBigints } from './bigint-json';
import type { Headers } from './bus';
import { ERROR_HEADER } from './bus';
import { InvalidHeader, MalformedMessage, RemoteError, UnserialisablePayload } from './errors';

/**
 * Payload encoding shared by both implementations, so embedded mode exercises exactly what NATS carries.
 *
 * JSON, with one extension: a bigint is written as `{ "$bigint": "<decimal>" }` and read back as a bigint.
 * An object whose only key is `$bigint` is therefore reserved. `undefined` (a handler returning nothing)
 * is the empty body.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodePayload(payload: unknown): Uint8Array {
  return encoder.encode(payloadText(payload));
}

/**
 * The payload as JSON text: what both buses carry. NATS frames it as UTF-8 bytes; the in-process bus
 * hands the text itself to its subscribers, which spares a UTF-8 round trip that halves the cost of a
 * copy (a 1.2 kB case with Chinese text: 18.6 µs with it, 9.8 µs without, measured).
 */
export function payloadText(payload: unknown): string {
  if (payload === undefined) return '';
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch {
    // A bigint (or something that is not JSON at all): again, with bigints written out. The walk costs
    // a little even where there is nothing to lift, so it is spent only on the payloads that need it.
    try {
      text = JSON.stringify(liftBigints(payload));
    } catch (error) {
      throw new UnserialisablePayload(error instanceof Error ? error.message : String(error));
    }
  }
  // JSON.stringify returns undefined for a bare function or symbol.
  if (text === undefined) throw new UnserialisablePayload(`a ${typeof payload} is not JSON`);
  return text;
}

export function decodePayload(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new MalformedMessage('body is not UTF-8');
  }
  return payloadFromText(text);
}

/** The payload a JSON text carries (see payloadText); the empty text is `undefined`. */
export function payloadFromText(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    // A body with no bigint in it (most requests) is not walked.
    return text.includes(`"${BIGINT_KEY}"`) ? lowerBigints(parsed) : parsed;
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage('body is not JSON');
  }
}

/** What travels in an error reply's body (marked by the `docket-error: 1` header). */
export interface ErrorEnvelope {
  code: string;
  message: string;
  kind?: string;
  details?: unknown;
}

const INTERNAL: ErrorEnvelope = {
  code: 'InternalError',
  message: 'The service failed to handle the request',
};

/**
 * A thrown value as it may cross the bus. Typed errors (a string `code` and `message`: docket's
 * DomainError, LedgerError, a BusError) keep code, kind, message and details; anything else, including
 * Node's system errors (they carry `code` too, with paths in the message), becomes `InternalError`
 * with a generic message: no stack or internals leave the service.
 */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error === null || typeof error !== 'object') return INTERNAL;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return INTERNAL;
  if ('syscall' in e || 'errno' in e || e.code.startsWith('ERR_')) return INTERNAL;
  const envelope: ErrorEnvelope = { code: e.code, message: e.message };
  if (typeof e.kind === 'string') envelope.kind = e.kind;
  if (e.details !== undefined) envelope.details = e.details;
  return envelope;
}

export function encodeError(error: unknown): Uint8Array {
  return encoder.encode(errorText(error));
}

export function errorText(error: unknown): string {
  const envelope = toErrorEnvelope(error);
  try {
    return payloadText(envelope);
  } catch {
    // Details that JSON cannot carry are dropped rather than losing the error itself.
    return payloadText({ ...envelope, details: undefined });
  }
}

export function decodeError(bytes: Uint8Array): RemoteError {
  return errorFromBody(decodePayload(bytes));
}

export function errorFromText(text: string): RemoteError {
  return errorFromBody(payloadFromText(text));
}

function errorFromBody(body: unknown): RemoteError {
  if (body === null || typeof body !== 'object')
    throw new MalformedMessage('error envelope is not an object');
  const e = body as Record<string, unknown>;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') {
    throw new MalformedMessage('error envelope lacks code or message');
  }
  return new RemoteError(e.code, e.message, typeof e.kind === 'string' ? e.kind : undefined, e.details);
}

export const ERROR_HEADERS: Headers = { [ERROR_HEADER]: '1' };

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Checks caller headers: names are HTTP tokens, values have no line breaks (NATS headers are MIME), and
 * the reserved names (`docket-error`, `Nats-*`) are refused so a caller cannot forge an error or a dedup id.
 */
export function checkHeaders(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new InvalidHeader(`Header name ${JSON.stringify(name)} is not a token`);
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      throw new InvalidHeader(`Header ${name} must be a string without line breaks`);
    }
    const lower = name.toLowerCase();
    if (lower === ERROR_HEADER || lower.startsWith('nats-')) {
      throw new InvalidHeader(`Header ${name} is reserved`);
    }
    out[name] = value;
  }
  return out;
}
