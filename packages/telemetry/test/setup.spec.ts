import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { createInProcessBus, type Headers } from '@docket/messaging';
import { tempDir } from '@docket/testkit';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentTraceContext,
  exportersFromEnv,
  resetTelemetryForTests,
  startTelemetry,
  tracedBus,
  tracedLedger,
  traceHeaders,
  withRemoteContext,
  withSpan,
} from '../src';

const upstream = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

afterEach(async () => {
  await resetTelemetryForTests();
});

describe('exportersFromEnv', () => {
  it('takes OTEL_TRACES_EXPORTER first, then an OTLP endpoint, else nothing', () => {
    expect(exportersFromEnv({ OTEL_TRACES_EXPORTER: 'console' })).toEqual(['console']);
    expect(exportersFromEnv({ OTEL_TRACES_EXPORTER: ' otlp , console ' })).toEqual(['otlp', 'console']);
    expect(
      exportersFromEnv({ OTEL_TRACES_EXPORTER: 'otlp,none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' }),
    ).toEqual([]);
    expect(exportersFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(['otlp']);
    expect(
      exportersFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }),
    ).toEqual(['otlp']);
    expect(exportersFromEnv({})).toEqual([]);
  });

  it('refuses an exporter docket does not ship instead of running untraced', () => {
    expect(() => exportersFromEnv({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/zipkin/);
  });
});

describe('startTelemetry', () => {
  it('registers one provider per process: a second call returns the first Telemetry', async () => {
    const first = startTelemetry({ serviceName: 'intake', exporter: 'memory' });
    const second = startTelemetry({ serviceName: 'review', exporter: 'memory' });
    expect(second).toBe(first);
    await withSpan('one', {}, () => undefined);
    const [span] = first.memory?.getFinishedSpans() ?? [];
    expect(span?.resource.attributes['service.name']).toBe('intake');
  });

  it('lets OTEL_SERVICE_NAME name the resource', async () => {
    process.env.OTEL_SERVICE_NAME = 'docket-embedded';
    try {
      const telemetry = startTelemetry({ serviceName: 'intake', exporter: 'memory' });
      await withSpan('one', {}, () => undefined);
      expect(telemetry.memory?.getFinishedSpans()[0]?.resource.attributes['service.name']).toBe(
        'docket-embedded',
      );
    } finally {
      delete process.env.OTEL_SERVICE_NAME;
    }
  });

  it('with exporter none records nothing but passes an incoming trace through to the bus and the ledger', async () => {
    const telemetry = startTelemetry({ serviceName: 'intake', exporter: 'none' });
    expect(telemetry.memory).toBeUndefined();
    const bus = tracedBus(createInProcessBus(), 'intake');
    const seen: Headers[] = [];
    const server = bus.serve('intake.cmd.submit', (_payload, headers) => void seen.push(headers));
    const dir = tempDir('docket-telemetry-');
    const ledger = tracedLedger(openSqliteLedger({ path: join(dir.path, 'ledger.db') }));
    try {
      await withRemoteContext({ traceparent: upstream }, () =>
        withSpan('command', {}, async () => {
          await bus.request('intake.cmd.submit', {});
          await ledger.appendToStream('application-HP-1', [
            { type: 'ApplicationSubmitted', data: {}, occurredAt: '2026-03-02T09:30:00+08:00', actor: clerk },
          ]);
        }),
      );
      expect(seen[0]?.traceparent).toBe(upstream);
      const [stored] = await ledger.readStream('application-HP-1');
      expect(stored?.traceContext).toEqual({ traceparent: upstream });
    } finally {
      await server.stop();
      await bus.close();
      await ledger.close();
      dir.cleanup();
    }
  });
});

const clerk = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'] };

describe('trace context helpers', () => {
  it('traceHeaders and currentTraceContext name the active span; withRemoteContext continues headers', async () => {
    const telemetry = startTelemetry({ serviceName: 'gateway', exporter: 'memory' });
    expect(traceHeaders()).toEqual({});
    expect(currentTraceContext()).toBeUndefined();
    const inside = await withRemoteContext({ traceparent: upstream, tracestate: 'docket=1' }, () =>
      withSpan('work', {}, () => ({ headers: traceHeaders(), envelope: currentTraceContext() })),
    );
    const [span] = telemetry.memory?.getFinishedSpans() ?? [];
    const expected = `00-0af7651916cd43dd8448eb211c80319c-${span?.spanContext().spanId}-01`;
    expect(inside.headers).toEqual({ traceparent: expected, tracestate: 'docket=1' });
    expect(inside.envelope).toEqual({ traceparent: expected, tracestate: 'docket=1' });
  });

  it('withSpan marks a thrown error and rethrows the same object', async () => {
    const telemetry = startTelemetry({ serviceName: 'review', exporter: 'memory' });
    const error = Object.assign(new Error('Same officer for two steps'), { code: 'SameOfficerForTwoSteps' });
    await expect(withSpan('decide', {}, () => Promise.reject(error))).rejects.toBe(error);
    const [span] = telemetry.memory?.getFinishedSpans() ?? [];
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('SameOfficerForTwoSteps');
    expect(span?.ended).toBe(true);
  });
});
