import { z } from 'zod';
import type { DecidedOn } from './decided-on';

/** A request or reply as a `location` reads it. */
export type Fields = Record<string, unknown>;

/**
 * How an endpoint is reached over HTTP (the gateway registers it, the OpenAPI document describes it, the
 * typed client calls it). The HTTP request becomes the bus request by `binds` (below), or by `toRequest`
 * where an operation's request is shaped otherwise.
 */
export interface HttpBinding {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI form, `{param}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** `public`: no login (rate limited where `rateLimited` says so); `bearer`: a JWT. */
  access: 'public' | 'bearer';
  /** Path parameters and what they are, in order. */
  params?: Record<string, string>;
  /**
   * The query string, as text (HTTP's form); `fromQuery` turns it into the bus request's values. The
   * contract's request schema validates the result, at the service's door.
   */
  query?: z.ZodObject;
  /**
   * Where the JSON body goes in the bus request: `data` (a command on one thing: `{ ...params, data }`),
   * `spread` (`{ ...params, ...body }`), or `none`. The body's schema follows from the request's.
   */
  binds: 'data' | 'spread' | 'none';
  /** The query string's values as the request has them (numbers, lists, nested pages). */
  fromQuery?: (query: Record<string, string | undefined>) => Record<string, unknown>;
  success: 200 | 201;
  /** Takes If-Match (the stream revision last seen) and answers 412 when the stream moved on. */
  conditional?: boolean;
  /** Rate limited per client address (the public status lookup). */
  rateLimited?: boolean;
  /** Where what a creating command made is read (the Location header), from the request and the reply. */
  location?: (request: Fields, reply: Fields) => string | undefined;
  /**
   * Problem statuses particular to this operation (403, 404, 409, 422, 429 …). Those that follow from
   * its kind (401 for bearer, 413/415 for a body, 503/504 for every forwarded one …) are added by the
   * OpenAPI document.
   */
  problems: readonly number[];
}

/**
 * One command or query, declared once: its subject on the bus, what it asks (the request schema,
 * validated at the service's door), what it answers (the reply as it reaches an HTTP client: bigints as
 * decimal text), the domain command it becomes, and how HTTP reaches it. The gateway's routes, the
 * services' bus handlers, the OpenAPI document and the typed client are all made from these.
 */
export interface Endpoint<
  Request extends z.ZodType = z.ZodType,
  Reply extends z.ZodType = z.ZodType,
  Http extends HttpBinding | undefined = HttpBinding | undefined,
> {
  readonly subject: string;
  readonly kind: 'command' | 'query';
  readonly request: Request;
  readonly reply: Reply;
  /** The domain command a command becomes (`AcceptApplication`): authorised by the identity policy. */
  readonly does?: string;
  /** The aggregate and stream a command is decided on; its service serves it with that aggregate's runner. */
  readonly decidedOn?: DecidedOn;
  /** Sent only by docket's own services (`system:*`); no HTTP route. */
  readonly internal?: boolean;
  readonly http?: Http;
}

interface EndpointOptions<Reply extends z.ZodType, Http extends HttpBinding | undefined> {
  reply: Reply;
  does?: string;
  decidedOn?: DecidedOn;
  internal?: boolean;
  http?: Http;
}

/** A command: changes the ledger; idempotent with Idempotency-Key, conditional with If-Match where bound so. */
export const command = <
  Request extends z.ZodType,
  Reply extends z.ZodType,
  const Http extends HttpBinding | undefined = undefined,
>(
  subject: string,
  request: Request,
  options: EndpointOptions<Reply, Http>,
): Endpoint<Request, Reply, Http> => ({ subject, kind: 'command', request, ...options });

/** A query: reads a read model (or, for audit, the ledger) and changes nothing. */
export const query = <
  Request extends z.ZodType,
  Reply extends z.ZodType,
  const Http extends HttpBinding | undefined = undefined,
>(
  subject: string,
  request: Request,
  options: EndpointOptions<Reply, Http>,
): Endpoint<Request, Reply, Http> => ({ subject, kind: 'query', request, ...options });

/** A service's contract: its endpoints by name. */
export type Contract = Readonly<Record<string, Endpoint>>;

export type RequestOf<E> = E extends { request: infer R extends z.ZodType } ? z.input<R> : never;
/** The request as the service's handler gets it (parsed, defaults applied). */
export type ParsedRequestOf<E> = E extends { request: infer R extends z.ZodType } ? z.output<R> : never;
/** The reply as an HTTP client reads it. */
export type ReplyOf<E> = E extends { reply: infer R extends z.ZodType } ? z.output<R> : never;

/**
 * The JSON body an HTTP client sends: the request's `data` (`binds: 'data'`), the request less its path
 * parameters (`spread`), or none.
 */
export function bodySchemaOf(endpoint: Endpoint): z.ZodType | undefined {
  const http = endpoint.http;
  if (http === undefined || http.binds === 'none') return undefined;
  const request = endpoint.request;
  if (!(request instanceof z.ZodObject)) return request;
  const shape = request.shape as Record<string, z.ZodType>;
  if (http.binds === 'data') return shape.data;
  const params = Object.keys(http.params ?? {});
  if (params.length === 0) return request;
  return request.omit(Object.fromEntries(params.map((p) => [p, true])) as never);
}

/** The bus request an HTTP request becomes: path parameters, the decoded query string and the body. */
export function requestOf(
  endpoint: Endpoint,
  params: Record<string, string>,
  query: Record<string, string | undefined>,
  body: unknown,
): unknown {
  const http = endpoint.http;
  if (http === undefined) throw new Error(`${endpoint.subject} has no HTTP binding`);
  const decoded = http.fromQuery?.(query) ?? withoutUndefined(query);
  // No body at all reads as an empty one, as it always has (a withdrawal without a reason). A JSON `null`
  // is a body, and no object: it goes on as it is, for the service's schema to refuse, naming the body.
  const given = body === undefined ? {} : body;
  if (http.binds === 'data') return { ...params, ...decoded, data: given };
  if (http.binds === 'spread') {
    // A body that is not an object is the request itself, for the service's schema to refuse.
    const isObject = given !== null && typeof given === 'object' && !Array.isArray(given);
    return isObject ? { ...(given as object), ...decoded, ...params } : given;
  }
  return { ...params, ...decoded };
}

const withoutUndefined = (query: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;

/** Every endpoint of the given contracts. */
export function endpointsOf(...contracts: Contract[]): Endpoint[] {
  return contracts.flatMap((contract) => Object.values(contract));
}
