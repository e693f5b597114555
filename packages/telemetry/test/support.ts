import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetTelemetryForTests, startTelemetry, type Telemetry } from '../src';

/**
 * A fresh in-memory provider for this test file: the real SDK, registered globally as in a service,
 * with the finished spans readable. Spans are cleared after each test.
 */
export function useMemoryTelemetry(): {
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  reset(): void;
} {
  let telemetry: Telemetry | undefined;
  beforeAll(async () => {
    await resetTelemetryForTests();
    telemetry = startTelemetry({ serviceName: 'telemetry-test', exporter: 'memory' });
  });
  afterEach(() => telemetry?.memory?.reset());
  afterAll(async () => {
    await resetTelemetryForTests();
  });
  const spans = (): ReadableSpan[] => telemetry?.memory?.getFinishedSpans() ?? [];
  return {
    spans,
    reset: () => telemetry?.memory?.reset(),
    span: (name) => {
      const found = spans().filter((s) => s.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one span ${name}, got ${found.length} of [${spans().map((s) => s.name)}]`);
      }
      return found[0]!;
    },
  };
}

/** The parent span id of a finished span (SDK 2.x keeps it in parentSpanContext). */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** The trace id a W3C traceparent names. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.split('-')[1];
}

/** The span id a W3C traceparent names. */
export function spanIdOf(traceparent: string | undefined): string | undefined {
  return traceparent?.split('-')[2];
}

export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}
