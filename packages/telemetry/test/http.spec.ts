import { setTimeout as sleep } from 'node:timers/promises';
import { createInProcessBus, RemoteError } from '@docket/messaging';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTraceContext, fastifyTracing, tracedBus } from '../src';
import { parentOf, spanIdOf, useMemoryTelemetry } from './support';

const telemetry = useMemoryTelemetry();

/** An app whose routes report the trace context active inside the handler, after various awaits. */
function app(): FastifyInstance {
  const server = Fastify();
  fastifyTracing(server);
  server.get('/cases/:caseNo', async () => {
    await sleep(5);
    return { active: currentTraceContext()?.traceparent };
  });
  server.post('/cases/:caseNo/notes', async (request: { body: unknown }) => {
    await new Promise((resolve) => setImmediate(resolve));
    return { active: currentTraceContext()?.traceparent, body: request.body };
  });
  server.get('/callback', (_request, reply) => {
    setTimeout(() => void reply.send({ active: currentTraceContext()?.traceparent }), 5);
  });
  server.get('/boom', async () => {
    throw new Error('disk on fire');
  });
  return server;
}

describe('fastifyTracing', () => {
  let server: FastifyInstance;
  beforeEach(() => {
    server = app();
  });
  afterEach(async () => {
    await server.close();
  });

  it('gives each request a SERVER span named after its route, active in an async handler after awaits', async () => {
    const response = await server.inject({ method: 'GET', url: '/cases/HP-1?view=full' });
    const span = telemetry.span('GET /cases/:caseNo');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.path': '/cases/HP-1',
      'http.route': '/cases/:caseNo',
      'http.response.status_code': 200,
    });
    expect(spanIdOf(response.json<{ active?: string }>().active)).toBe(span.spanContext().spanId);
  });

  it('keeps the span active after the request body was parsed', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/cases/HP-1/notes',
      payload: { note: 'called the applicant' },
    });
    const body = response.json<{ active?: string; body: unknown }>();
    expect(body.body).toEqual({ note: 'called the applicant' });
    expect(spanIdOf(body.active)).toBe(telemetry.span('POST /cases/:caseNo/notes').spanContext().spanId);
  });

  it('keeps the span active after a body arrived over a real socket', async () => {
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/cases/HP-1/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(100_000) }),
    });
    const body = (await response.json()) as { active?: string };
    expect(spanIdOf(body.active)).toBe(telemetry.span('POST /cases/:caseNo/notes').spanContext().spanId);
  });

  it('keeps the span active in a callback-style handler that replies later', async () => {
    const response = await server.inject({ method: 'GET', url: '/callback' });
    expect(spanIdOf(response.json<{ active?: string }>().active)).toBe(
      telemetry.span('GET /callback').spanContext().spanId,
    );
  });

  it('continues an incoming traceparent on a real listening port', async () => {
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await fetch(`${address}/cases/HP-9`, { headers: { traceparent: incoming } });
    const body = (await response.json()) as { active?: string };
    const span = telemetry.span('GET /cases/:caseNo');
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(parentOf(span)).toBe('b7ad6b7169203331');
    expect(body.active).toBe(`00-0af7651916cd43dd8448eb211c80319c-${span.spanContext().spanId}-01`);
  });

  it('a handler that throws gives a 500 whose span is ERROR, with the exception recorded', async () => {
    const response = await server.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const span = telemetry.span('GET /boom');
    expect(span.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'disk on fire' });
    expect(span.attributes['error.type']).toBe('Error');
    expect(span.events.map((e) => e.name)).toContain('exception');
  });

  it('an unknown route is a span named by the method alone', async () => {
    const response = await server.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    const span = telemetry.span('GET');
    expect(span.attributes['http.response.status_code']).toBe(404);
    expect(span.attributes['http.route']).toBeUndefined();
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('a typed bus error mapped to 422 leaves the HTTP span unset (a 4xx) but marks the bus span', async () => {
    const bus = tracedBus(createInProcessBus(), 'gateway');
    const intake = bus.serve('intake.cmd.submit', () => {
      throw Object.assign(new Error('The application lacks documents'), {
        code: 'ApplicationIncomplete',
        kind: 'rule_broken',
      });
    });
    const gateway = Fastify();
    fastifyTracing(gateway);
    gateway.setErrorHandler((error, _request, reply) => {
      const code = error instanceof RemoteError ? error.code : 'InternalError';
      void reply.status(error instanceof RemoteError ? 422 : 500).send({ code });
    });
    gateway.post('/applications', async () => bus.request('intake.cmd.submit', {}));
    const response = await gateway.inject({ method: 'POST', url: '/applications', payload: {} });
    await gateway.close();
    await intake.stop();
    await bus.close();

    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ code: 'ApplicationIncomplete' });
    const http = telemetry.span('POST /applications');
    expect(http.status.code).toBe(SpanStatusCode.UNSET);
    expect(http.events.map((e) => e.name)).toContain('exception');
    const client = telemetry.span('intake.cmd.submit request');
    expect(client.status.code).toBe(SpanStatusCode.ERROR);
    expect(client.attributes['error.type']).toBe('ApplicationIncomplete');
    expect(parentOf(client)).toBe(http.spanContext().spanId);
  });
});
