import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteLedger, type SqliteEventStore } from '@docket/event-store';
import { type Bus, connectNatsBus, createInProcessBus } from '@docket/messaging';
import {
  type NatsServerProcess,
  natsServerUnavailable,
  startNatsServer,
  tempDir,
  useContractSubject,
} from '@docket/testkit';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastifyTracing, tracedBus, tracedLedger } from '../src';
import { parentOf, traceIdOf, useMemoryTelemetry } from './support';

const telemetry = useMemoryTelemetry();
let nats: NatsServerProcess | undefined;
const unavailable = natsServerUnavailable();

beforeAll(async () => {
  if (unavailable === undefined) nats = await startNatsServer();
}, 30_000);
afterAll(async () => {
  await nats?.stop();
});

const clerk = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'] };

/**
 * The gateway and the intake service as the embedded (in-process bus) and networked (a NATS connection
 * each) modes wire them: HTTP → gateway → bus → intake → ledger.
 */
async function system(
  kind: 'in-process' | 'nats',
): Promise<{ gateway: FastifyInstance; ledger: SqliteEventStore; cleanup(): Promise<void> } | string> {
  let gatewayBus: Bus;
  let intakeBus: Bus;
  if (kind === 'nats') {
    if (nats === undefined) return unavailable ?? 'nats-server did not start';
    gatewayBus = await connectNatsBus({ servers: nats.url, name: 'gateway' });
    intakeBus = await connectNatsBus({ servers: nats.url, name: 'intake' });
  } else {
    gatewayBus = intakeBus = createInProcessBus();
  }
  const dir = tempDir('docket-telemetry-');
  const ledger = tracedLedger(openSqliteLedger({ path: join(dir.path, 'ledger.db') }));

  const intake = tracedBus(intakeBus, 'intake');
  const serving = intake.serve(
    'intake.cmd.submit',
    async (payload: { caseNo: string }) => {
      await sleep(1); // the handler awaits before it writes, as a real command handler reads first
      const result = await ledger.appendToStream(`application-${payload.caseNo}`, [
        {
          type: 'ApplicationSubmitted',
          data: payload,
          occurredAt: '2026-03-02T09:30:00+08:00',
          actor: clerk,
          correlationId: payload.caseNo,
        },
      ]);
      return { revision: result.nextExpectedRevision };
    },
    { queue: 'intake' },
  );

  const bus = tracedBus(gatewayBus, 'gateway');
  const gateway = Fastify();
  fastifyTracing(gateway);
  gateway.post('/applications/:caseNo', async (request) => {
    const { caseNo } = request.params as { caseNo: string };
    await sleep(1); // authorisation and validation await before the bus is called
    const reply = await bus.request<{ revision: bigint }>('intake.cmd.submit', { caseNo });
    return { revision: Number(reply.revision) };
  });

  return {
    gateway,
    ledger,
    cleanup: async () => {
      await gateway.close();
      await serving.stop();
      await gatewayBus.close();
      if (intakeBus !== gatewayBus) await intakeBus.close();
      await ledger.close();
      dir.cleanup();
    },
  };
}

/** The four hops of one command, each the child of the one before. */
function chain(): ReadableSpan[] {
  const hops = [
    telemetry.span('POST /applications/:caseNo'),
    telemetry.span('intake.cmd.submit request'),
    telemetry.span('intake.cmd.submit process'),
    telemetry.span('ledger.append'),
  ];
  for (let i = 1; i < hops.length; i++) expect(parentOf(hops[i]!)).toBe(hops[i - 1]!.spanContext().spanId);
  expect(new Set(hops.map((s) => s.spanContext().traceId)).size).toBe(1);
  return hops;
}

for (const kind of ['in-process', 'nats'] as const) {
  describe(`one trace from HTTP to the ledger over the ${kind} bus`, { timeout: 30_000 }, () => {
    const subject = useContractSubject(`chain (${kind})`, () => system(kind));

    it('app.inject: HTTP server, bus client, bus server and ledger.append share one trace', async () => {
      const { gateway, ledger } = subject();
      const response = await gateway.inject({ method: 'POST', url: '/applications/HP-1', payload: {} });
      expect(response.json()).toEqual({ revision: 0 });
      expect(response.statusCode).toBe(200);

      const [http, client, server, append] = chain();
      expect(http?.parentSpanContext).toBeUndefined();
      expect(client?.attributes['docket.service']).toBe('gateway');
      expect(server?.attributes['docket.service']).toBe('intake');
      const [stored] = await ledger.readStream('application-HP-1');
      expect(traceIdOf(stored?.traceContext?.traceparent)).toBe(http?.spanContext().traceId);
      expect(stored?.traceContext?.traceparent).toContain(append?.spanContext().spanId);
    });

    it('a real port: the trace an incoming traceparent names is continued down to the ledger', async () => {
      const { gateway, ledger } = subject();
      const address = await gateway.listen({ port: 0, host: '127.0.0.1' });
      const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const response = await fetch(`${address}/applications/HP-2`, {
        method: 'POST',
        headers: { traceparent: incoming, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'web' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ revision: 0 });

      const [http] = chain();
      expect(http?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(parentOf(http!)).toBe('b7ad6b7169203331');
      const [stored] = await ledger.readStream('application-HP-2');
      expect(traceIdOf(stored?.traceContext?.traceparent)).toBe('0af7651916cd43dd8448eb211c80319c');
    });
  });
}
