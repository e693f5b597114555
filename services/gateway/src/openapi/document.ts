import { z } from 'zod';
import { PROBLEM_TYPE_PREFIX } from '../http/problem';
import type { Route } from '../routes/route';
import { routes } from '../routes/table';

type Json = Record<string, unknown>;

/** JSON Schema (2020-12, which OpenAPI 3.1 uses) of what a client sends or receives. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // The domain's zod objects strip unknown keys, but the gateway refuses them at any depth
    // (parseRequest): the input schemas say so, or a client built from the document would send them.
    ...(io === 'input' ? { override: closeObjects } : {}),
  }) as Json;
  return json;
}

function closeObjects(ctx: { zodSchema: { _zod: { def: { type: string } } }; jsonSchema: Json }): void {
  if (ctx.zodSchema._zod.def.type === 'object' && ctx.jsonSchema.additionalProperties === undefined)
    ctx.jsonSchema.additionalProperties = false;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed JSON, wrong types, unknown fields, a bad header (every issue listed in `details.issues`)',
  401: 'No valid bearer token',
  403: "The actor's role or department does not allow this (nothing was written)",
  404: 'No such case, item or user (the public lookup answers a wrong query code the same way)',
  409: 'The command does not fit the current state, or other writers kept changing the stream',
  412: 'If-Match: the stream moved on from the revision named (read it again, then decide again)',
  413: 'The body is larger than the gateway accepts',
  415: 'The body is not application/json',
  422: 'A business rule is broken, or an Idempotency-Key was reused for another request',
  429: 'Rate limited: wait `Retry-After` seconds',
  503: 'A service does not answer',
  504: 'A service did not answer in time (a command may still have been recorded: retry with the same Idempotency-Key)',
  507: 'The disk holding the ledger is full: nothing was written; retry after `Retry-After` seconds with the same Idempotency-Key',
};

/** Headers some problems carry. */
const PROBLEM_HEADERS: Record<number, Json> = {
  401: {
    'WWW-Authenticate': {
      description: '`Bearer realm="docket"`, with `error="invalid_token"` when a token came but was refused',
      schema: { type: 'string' },
    },
  },
  429: {
    'Retry-After': { description: 'seconds until a lookup is allowed again', schema: { type: 'integer' } },
  },
  507: {
    'Retry-After': { description: 'seconds before trying again', schema: { type: 'integer' } },
  },
};

/**
 * The problems a route can answer because of what it is, added to those the table lists, so that no
 * route forgets one: a token refused, a body that is malformed, too large or not JSON, a bad or stale
 * If-Match, a bad or reused Idempotency-Key, a service that does not answer.
 */
function problemsOf(route: Route): number[] {
  const statuses = new Set(route.problems);
  const add = (...more: number[]) => {
    for (const status of more) statuses.add(status);
  };
  if (route.access === 'bearer') add(401);
  if (route.params !== undefined || route.query !== undefined) add(400);
  if (route.body !== undefined) add(400, 413, 415);
  if (route.conditional) add(400, 412);
  if (route.command) add(400, 422, 507);
  if (readsYourWrites(route)) add(400);
  if (route.endpoint !== undefined) add(503, 504);
  return [...statuses].sort((a, b) => a - b);
}

/** Queries forwarded to a service wait for X-Docket-Min-Position; nothing else reads it. */
const readsYourWrites = (route: Route): boolean => route.endpoint?.kind === 'query';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: `${PROBLEM_TYPE_PREFIX}<code>` },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'the stable error code (the rule broken, e.g. ReasonRequired)' },
    details: {
      description: 'what the error names: missing materials, the refused role, the issues of a bad body…',
    },
  },
};

const headerParameter = (name: string, description: string) => ({
  name,
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description,
});

function parametersOf(route: Route): Json[] {
  const parameters: Json[] = Object.entries(route.params ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description,
  }));
  if (route.query !== undefined)
    for (const [name, field] of Object.entries(route.query.shape as Record<string, z.ZodType>))
      parameters.push({
        name,
        in: 'query',
        required: !field.safeParse(undefined).success,
        schema: schemaOf(field, 'input'),
        ...(field.description === undefined ? {} : { description: field.description }),
      });
  if (route.conditional)
    parameters.push(
      headerParameter(
        'If-Match',
        'the ETag of the last response ("<revision>"): refuse (412 Precondition Failed) if the stream moved on',
      ),
    );
  if (route.command)
    parameters.push(
      headerParameter('Idempotency-Key', 'makes a retry safe: the same key and request get the first answer'),
    );
  if (readsYourWrites(route))
    parameters.push(
      headerParameter(
        'X-Docket-Min-Position',
        "a command's `position`: wait until the read model has applied it",
      ),
    );
  return parameters;
}

function operationOf(route: Route): Json {
  const success =
    'description' in route.response && !(route.response instanceof z.ZodType)
      ? {
          description: route.response.description,
          content: { 'application/json': { schema: { type: 'object' } } },
        }
      : {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(route.response as z.ZodType, 'output') } },
        };
  const headers: Json = {};
  if (route.command)
    headers.ETag = {
      description: 'the stream revision after the command (`"<revision>"`): send it back as If-Match',
      schema: { type: 'string' },
    };
  if (route.command && route.success === 201)
    headers.Location = { description: 'where the created resource is read', schema: { type: 'string' } };
  const responses: Json = {
    [String(route.success)]: Object.keys(headers).length === 0 ? success : { ...success, headers },
  };
  for (const [status, description] of Object.entries(route.alsoAnswers ?? {}))
    responses[status] = { ...success, description };
  for (const status of problemsOf(route))
    responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    security: route.access === 'bearer' ? [{ bearerAuth: [] }] : [],
    parameters: parametersOf(route),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
          },
        }),
    responses,
  };
}

/** The OpenAPI 3.1 document of the gateway, generated from the route table (served at /api/openapi.json). */
export function openApiDocument(options: { devTokens: boolean; adjustableTime?: boolean }): Json {
  const paths: Record<string, Json> = {};
  const statuses = new Set<number>();
  for (const route of Object.values(routes) as Route[]) {
    if (route.access === 'dev' && !options.devTokens) continue;
    if (route.needsAdjustableTime && !options.adjustableTime) continue;
    for (const status of problemsOf(route)) statuses.add(status);
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: operationOf(route) };
  }
  const responses: Json = {};
  for (const status of [...statuses].sort((a, b) => a - b))
    responses[`Problem${status}`] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
      ...(PROBLEM_HEADERS[status] === undefined ? {} : { headers: PROBLEM_HEADERS[status] }),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  return {
    openapi: '3.1.0',
    info: {
      title: 'docket',
      version: '0.1.0',
      description:
        'Event-sourced case management for one-window administrative service centres (行政服务中心). ' +
        'Every command is recorded in a hash-chained ledger with its actor and reason; queries read the read models. ' +
        'Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'catalogue', description: '事项目录: the service guide' },
      { name: 'applications', description: '办件受理: the window' },
      { name: 'review', description: '办件审查: the back offices' },
      { name: 'cases', description: '办件查询: case search and detail' },
      { name: 'public', description: '办件进度查询: for applicants, no login' },
      {
        name: 'monitoring',
        description: '电子监察: tiles, rates, open warnings, the live feed, a case’s clock',
      },
      {
        name: 'supervision',
        description:
          '督办 / 效能监察: complaints, supervision orders, ratings, monthly scores and quarterly grades',
      },
      {
        name: 'calendar',
        description: '工作日历: working days, holidays, make-up working days, office hours',
      },
      {
        name: 'audit',
        description:
          '审计: case histories, state as of a past moment, exports with proofs, ledger verification, signed checkpoints',
      },
      { name: 'identity', description: 'who is acting; development tokens in the embedded mode' },
      { name: 'operations', description: 'health' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (EdDSA)' } },
      schemas: { Problem: problemSchema },
      responses,
    },
  };
}
