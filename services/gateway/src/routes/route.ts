import { bodySchemaOf, type Endpoint } from '@docket/contracts';
import type { z } from 'zod';

/**
 * One operation of the HTTP API as the gateway serves and documents it. Those that reach a service are
 * made from the contracts' declarations (`routeOf`); the gateway's own (health, identity, development
 * time) are declared in routes/local.ts. The routes Fastify serves and the OpenAPI document are both made
 * from these, so the two cannot drift (a test compares them).
 */
export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI form, `{param}`; controllers use `nestPath(path)`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** `public`: no login (rate limited where it says so); `bearer`: a JWT; `dev`: embedded mode only. */
  access: 'public' | 'bearer' | 'dev';
  /** Exists only when the gateway moves domain time (embedded mode, tests): development only. */
  needsAdjustableTime?: boolean;
  /** Path parameters, in order. */
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The bus endpoint the operation forwards to, if any. */
  endpoint?: Endpoint;
  success: 200 | 201;
  /** The success body: a schema, or a description of a read model the OpenAPI document names only loosely. */
  response: z.ZodType | { description: string };
  /** Takes If-Match (the stream revision last seen) and answers 412 when the stream moved on. */
  conditional?: boolean;
  /** A command: takes Idempotency-Key. */
  command?: boolean;
  /**
   * Problem statuses particular to this operation (403, 404, 409, 422, 429 …). Those that follow from
   * the route's kind (401 for bearer, 413/415 for a body, 503/504 for a forwarded one …) are added by
   * the OpenAPI document (openapi/document.ts, problemsOf).
   */
  problems: readonly number[];
  /** Other statuses that answer with the success body, and what they mean (health: 503 when degraded). */
  alsoAnswers?: Record<number, string>;
}

/** `/api/applications/{caseNo}/acceptance` → `/api/applications/:caseNo/acceptance` (Nest and Fastify). */
export const nestPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The route of a contract's endpoint: everything from its one declaration in @docket/contracts. */
export function routeOf(endpoint: Endpoint): Route {
  const http = endpoint.http;
  if (http === undefined) throw new Error(`${endpoint.subject} is not reached over HTTP`);
  const body = bodySchemaOf(endpoint);
  return {
    operationId: http.operationId,
    method: http.method,
    path: http.path,
    tag: http.tag,
    summary: http.summary,
    ...(http.description === undefined ? {} : { description: http.description }),
    access: http.access,
    ...(http.params === undefined ? {} : { params: http.params }),
    ...(http.query === undefined ? {} : { query: http.query }),
    ...(body === undefined ? {} : { body }),
    endpoint,
    success: http.success,
    response: endpoint.reply,
    ...(http.conditional ? { conditional: true } : {}),
    ...(endpoint.kind === 'command' ? { command: true } : {}),
    problems: http.problems,
  };
}
