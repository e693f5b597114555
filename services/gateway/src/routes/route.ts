import type { Endpoint } from '@docket/contracts';
import type { z } from 'zod';

/**
 * One operation of the HTTP API. The table of these (routes/table.ts) is the API's single source: the
 * controllers take their paths from it and the OpenAPI document is generated from it, so the two
 * cannot drift (a test compares the document with the routes Fastify actually serves).
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
  /** Takes If-Match (the stream revision last seen) and answers 409 when the stream moved on. */
  conditional?: boolean;
  /** A command: takes Idempotency-Key. */
  command?: boolean;
  /**
   * Problem statuses particular to this operation (403, 404, 409, 422, 429 …). Those that follow from
   * the route's kind (401 for bearer, 413/415 for a body, 503/504 for a forwarded one …) are added by
   * the OpenAPI document (openapi/document.ts, problemsOf).
   */
  problems: number[];
  /** Other statuses that answer with the success body, and what they mean (health: 503 when degraded). */
  alsoAnswers?: Record<number, string>;
}

/** `/api/applications/{caseNo}/acceptance` → `/api/applications/:caseNo/acceptance` (Nest and Fastify). */
export const nestPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');
