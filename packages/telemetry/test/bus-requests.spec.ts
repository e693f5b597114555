import { type Headers, NoResponders, RemoteError } from '@docket/messaging';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withSpan } from '../src';
import { busKinds, useTracedBus } from './bus-fixture';
import { parentOf, spanIdOf, traceIdOf, useMemoryTelemetry } from './support';

const telemetry = useMemoryTelemetry();

/** A rule broken in a handler, as docket's DomainError carries it: a stable code, a kind, details. */
class ApplicationIncomplete extends Error {
  readonly code = 'ApplicationIncomplete';
  readonly kind = 'rule_broken';
  readonly details = { missing: ['id-card'] };
}

for (const kind of busKinds) {
  describe(`tracedBus request/reply over the ${kind} bus`, { timeout: 30_000 }, () => {
    const subject = useTracedBus(kind);

    it('continues the caller’s trace into the server: the server span is the client span’s child', async () => {
      const { bus } = subject();
      const seen: Headers[] = [];
      const server = bus.serve('review.qry.inbox', async (payload: { officer: string }, headers) => {
        seen.push(headers);
        return { officer: payload.officer, items: 0 };
      });
      const reply = await withSpan('command', {}, () =>
        bus.request('review.qry.inbox', { officer: 'u-1' }, { headers: { 'docket-actor': '{"id":"u-1"}' } }),
      );
      await server.stop();

      expect(reply).toEqual({ officer: 'u-1', items: 0 });
      const root = telemetry.span('command');
      const client = telemetry.span('review.qry.inbox request');
      const serverSpan = telemetry.span('review.qry.inbox process');
      expect(client.kind).toBe(SpanKind.CLIENT);
      expect(serverSpan.kind).toBe(SpanKind.SERVER);
      expect(parentOf(client)).toBe(root.spanContext().spanId);
      expect(serverSpan.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(parentOf(serverSpan)).toBe(client.spanContext().spanId);
      // The handler got the caller's headers and the client span's context, on the wire.
      expect(seen[0]?.['docket-actor']).toBe('{"id":"u-1"}');
      expect(traceIdOf(seen[0]?.traceparent)).toBe(root.spanContext().traceId);
      expect(spanIdOf(seen[0]?.traceparent)).toBe(client.spanContext().spanId);
      expect(client.attributes).toMatchObject({
        'messaging.system': 'nats',
        'messaging.destination.name': 'review.qry.inbox',
        'messaging.operation.type': 'send',
        'docket.service': 'review',
      });
      expect(serverSpan.attributes).toMatchObject({
        'messaging.operation.type': 'process',
        'docket.service': 'review',
      });
    });

    it('names the served pattern and queue on the server span', async () => {
      const { bus } = subject();
      const server = bus.serve('intake.cmd.*', () => 'ok', { queue: 'intake' });
      await bus.request('intake.cmd.accept', {});
      await server.stop();
      expect(telemetry.span('intake.cmd.* process').attributes).toMatchObject({
        'messaging.destination.name': 'intake.cmd.accept',
        'messaging.destination.template': 'intake.cmd.*',
        'messaging.consumer.group.name': 'intake',
      });
    });

    it('a typed error marks both spans ERROR and reaches the caller with its code, kind and details', async () => {
      const { bus } = subject();
      const server = bus.serve('intake.cmd.submit', () => {
        throw new ApplicationIncomplete('The application lacks documents');
      });
      const failure = await bus.request('intake.cmd.submit', {}).catch((error: unknown) => error);
      await server.stop();

      expect(failure).toBeInstanceOf(RemoteError);
      expect(failure).toMatchObject({
        code: 'ApplicationIncomplete',
        kind: 'rule_broken',
        details: { missing: ['id-card'] },
      });
      for (const span of [
        telemetry.span('intake.cmd.submit request'),
        telemetry.span('intake.cmd.submit process'),
      ]) {
        expect(span.status.code).toBe(SpanStatusCode.ERROR);
        expect(span.attributes['error.type']).toBe('ApplicationIncomplete');
        expect(span.events.map((e) => e.name)).toContain('exception');
      }
    });

    it('a bus failure (no responders) marks the client span and is the bus’s own error', async () => {
      const { bus } = subject();
      const failure = await bus.request('nobody.qry.here', {}).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(NoResponders);
      const client = telemetry.span('nobody.qry.here request');
      expect(client.status.code).toBe(SpanStatusCode.ERROR);
      expect(client.attributes['error.type']).toBe('NoResponders');
    });
  });
}
