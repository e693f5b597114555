import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../src/routes/route';
import { routes } from '../src/routes/table';
import { call, startTestGateway, type TestGateway } from './support';

type Json = Record<string, unknown>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PATH_ITEM_FIELDS = ['summary', 'description', 'servers', 'parameters', ...HTTP_METHODS];

/** The routes Fastify serves, read from `printRoutes()`: the tree, one node per line, methods in brackets. */
function servedRoutes(tree: string): string[] {
  const served: string[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const node = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + node[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of node[3]?.split(', ') ?? []) served.push(`${method} ${path}`);
  }
  return served;
}

/** `/api/cases/{caseNo}` as Fastify writes it. */
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Every `$ref` in the document, with where it was found. */
function refsOf(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refsOf(item, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [{ ref: item, at }] : refsOf(item, `${at}/${key}`),
  );
}

/** A local JSON pointer (`#/components/responses/Problem400`) resolved in the document, or undefined. */
function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Every object schema under a request schema (properties, items, anyOf … at any depth). */
function objectSchemas(schema: unknown): Json[] {
  if (Array.isArray(schema)) return schema.flatMap(objectSchemas);
  if (schema === null || typeof schema !== 'object') return [];
  const s = schema as Json;
  const nested = Object.values(s).flatMap(objectSchemas);
  return s.type === 'object' && s.properties !== undefined ? [s, ...nested] : nested;
}

const operations = (document: Json) =>
  Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as Json })),
  );

const tableRoutes = Object.values(routes) as Route[];

const SWAGGER_UI = dirname(require.resolve('swagger-ui-dist/package.json'));

describe.each([
  { mode: 'embedded (development tokens on)', devTokens: true },
  { mode: 'any other mode (development tokens off)', devTokens: false },
])('the OpenAPI document, $mode', ({ devTokens }) => {
  let t: TestGateway;
  let document: Json;
  let served: string[];

  beforeAll(async () => {
    t = await startTestGateway({ devTokens });
    const answer = await call(`${t.url}/api/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    document = answer.json as Json;
    const fastify = t.gateway.app.getHttpAdapter().getInstance();
    served = servedRoutes(fastify.printRoutes({ commonPrefix: false }));
    // The tree is parsed, so check the parse: Fastify knows every route read from it.
    for (const route of served) {
      const [method, url] = route.split(' ') as [string, string];
      expect(fastify.hasRoute({ method: method as 'GET', url }), route).toBe(true);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is OpenAPI 3.1 in shape: info, paths of operations, each with an operationId and responses', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const ids = new Set<string>();
    const tags = new Set((document.tags as { name: string }[]).map((tag) => tag.name));
    const schemes = Object.keys((document.components as Json).securitySchemes as Json);
    for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
      expect(path).toMatch(/^\/api\//);
      for (const field of Object.keys(item)) expect(PATH_ITEM_FIELDS, `${path} ${field}`).toContain(field);
    }
    for (const { path, method, operation } of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toEqual(expect.any(String));
      expect(ids.has(operation.operationId as string), `${where}: operationId unique`).toBe(false);
      ids.add(operation.operationId as string);
      for (const tag of operation.tags as string[]) expect(tags, where).toContain(tag);
      for (const requirement of operation.security as Json[])
        for (const scheme of Object.keys(requirement)) expect(schemes, where).toContain(scheme);
      // Path parameters: exactly the template's, each required.
      const parameters = (operation.parameters ?? []) as { name: string; in: string; required?: boolean }[];
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const inPath = parameters.filter((p) => p.in === 'path');
      expect(inPath.map((p) => p.name).sort(), where).toEqual([...templated].sort());
      for (const p of inPath) expect(p.required, `${where} ${p.name}`).toBe(true);
      const keys = parameters.map((p) => `${p.in}:${p.name.toLowerCase()}`);
      expect(new Set(keys).size, `${where}: parameters unique`).toBe(keys.length);
      // Responses: status codes, each described (inline or by reference).
      const responses = operation.responses as Record<string, Json>;
      expect(Object.keys(responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(responses)) {
        expect(status, where).toMatch(/^[1-5][0-9]{2}$/);
        expect(response.$ref ?? response.description, `${where} ${status}`).toEqual(expect.any(String));
      }
      const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
      if (body !== undefined) expect(body.content?.['application/json']?.schema, where).toBeDefined();
    }
  });

  it('every $ref resolves', () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const { ref, at } of refs) expect(resolve(document, ref), `${ref} at ${at}`).toBeDefined();
  });

  it('documents every route of the route table (dev routes only with development tokens)', () => {
    const documented = operations(document).map(
      ({ path, method, operation }) => `${operation.operationId} ${method.toUpperCase()} ${path}`,
    );
    const expected = tableRoutes
      .filter((route) => devTokens || route.access !== 'dev')
      // Moving domain time exists only where the host gives the gateway an adjustable clock.
      .filter((route) => !route.needsAdjustableTime)
      .map((route) => `${route.operationId} ${route.method} ${route.path}`);
    expect(documented.sort()).toEqual(expected.sort());
    expect(documented.some((line) => line.includes('/api/dev/'))).toBe(devTokens);
  });

  it('documents exactly what Fastify serves, method for method (Swagger UI and the document aside)', () => {
    const api = served.filter(
      (route) =>
        // Fastify answers HEAD for every GET by itself (exposeHeadRoutes); it is no operation of ours.
        !route.startsWith('HEAD ') && !/ \/api\/(docs($|\/)|openapi\.json$)/.test(route),
    );
    const documented = operations(document).map(
      ({ path, method }) => `${method.toUpperCase()} ${fastifyPath(path)}`,
    );
    expect(api.length).toBeGreaterThan(20);
    expect(api.sort()).toEqual(documented.sort());
    expect(served.some((route) => route.includes('/api/dev/'))).toBe(devTokens);
  });

  it('a request body schema refuses unknown fields at every depth, as the gateway does', () => {
    for (const { path, method, operation } of operations(document)) {
      const body = operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      if (body === undefined) continue;
      const objects = objectSchemas(body.content['application/json']?.schema);
      expect(objects.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const object of objects)
        expect(
          object.additionalProperties,
          `${method} ${path}: ${Object.keys(object.properties as Json)}`,
        ).toBe(false);
    }
  });

  it('documents the problems that follow from what a route is', () => {
    for (const route of tableRoutes.filter(
      (r) => (devTokens || r.access !== 'dev') && !r.needsAdjustableTime,
    )) {
      const item = (document.paths as Record<string, Json>)[route.path] as Json;
      const responses = Object.keys((item[route.method.toLowerCase()] as Json).responses as Json);
      const where = route.operationId;
      if (route.access === 'bearer') expect(responses, where).toContain('401');
      if (route.body !== undefined)
        expect(responses, where).toEqual(expect.arrayContaining(['400', '413', '415']));
      if (route.conditional) expect(responses, where).toContain('412');
      if (route.command) expect(responses, where).toContain('422');
      if (route.endpoint !== undefined) expect(responses, where).toContain('503');
      for (const status of route.problems) expect(responses, where).toContain(String(status));
    }
  });

  it('the development routes exist only with development tokens', async () => {
    const users = await call(`${t.url}/api/dev/users`);
    const token = await call(`${t.url}/api/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-clerk-wang' }),
    });
    if (devTokens) {
      expect([users.status, token.status]).toEqual([200, 201]);
    } else {
      expect([users.status, token.status]).toEqual([404, 404]);
      expect(token.json).toMatchObject({ code: 'RouteNotFound' });
    }
  });
});

describe('Swagger UI at /api/docs', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ devTokens: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is a page whose styles, scripts and icon are served, and which loads the served document', async () => {
    const page = await call(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.sort()).toEqual([
      '/api/docs/favicon-32x32.png',
      '/api/docs/swagger-init.js',
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-ui-standalone-preset.js',
      '/api/docs/swagger-ui.css',
    ]);
    const expectedType = { js: /^text\/javascript/, css: /^text\/css/, png: /^image\/png/ };
    // The page's own start script (its Content-Security-Policy runs no inline script); the rest shipped.
    const init = await call(`${t.url}/api/docs/swagger-init.js`);
    expect(init.headers.get('content-type')).toMatch(expectedType.js);
    for (const asset of assets.filter((a) => a !== '/api/docs/swagger-init.js')) {
      const answer = await fetch(`${t.url}${asset}`);
      expect(answer.status, asset).toBe(200);
      const kind = asset.split('.').at(-1) as keyof typeof expectedType;
      expect(answer.headers.get('content-type'), asset).toMatch(expectedType[kind]);
      const shipped = readFileSync(join(SWAGGER_UI, asset.slice('/api/docs/'.length)));
      expect(
        Buffer.from(await answer.arrayBuffer()).equals(shipped),
        `${asset}: the file swagger-ui-dist ships`,
      ).toBe(true);
    }
    const url = /url: '([^']+)'/.exec(init.text)?.[1];
    expect(url).toBe('/api/openapi.json');
    expect((await call(`${t.url}${url}`)).json).toMatchObject({ openapi: '3.1.0' });
  });

  it.each([
    'nope.js',
    // A file swagger-ui-dist does ship, but not one of the four the page needs.
    'swagger-initializer.js',
    'package.json',
    '..%2f..%2fpackage.json',
    '..%2F..%2F..%2F..%2Fpackage.json',
    '%2e%2e%2f%2e%2e%2fpackage.json',
    'constructor',
    '__proto__',
  ])('an asset not in the list (%s) is a 404 problem, and no file is read', async (asset) => {
    const answer = await call(`${t.url}/api/docs/${asset}`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.json).toMatchObject({ code: 'RouteNotFound' });
    expect(answer.text).not.toMatch(/"(version|dependencies|swagger-ui-dist)"\s*:/);
  });
});
