import { context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from './attributes';
import { w3c } from './propagation';

export type ExporterKind = 'otlp' | 'memory' | 'console' | 'none';

export interface TelemetryOptions {
  serviceName: string;
  /** Default: from `OTEL_TRACES_EXPORTER`, else `otlp` when an OTLP endpoint is set, else `none`. */
  exporter?: ExporterKind;
}

export interface Telemetry {
  /** Exports what is buffered and stops the provider: call it before the process exits. */
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
  /** The finished spans, with `exporter: 'memory'` (tests). */
  memory?: InMemorySpanExporter;
}

export const TRACER_NAME = '@docket/telemetry';

interface State {
  telemetry: Telemetry;
  tracer: Tracer;
  provider?: NodeTracerProvider;
}

// On globalThis, not in a module variable: two copies of this package in one process (a build and its
// sources under a test runner) must still share one provider, as the OpenTelemetry API globals do.
const STATE = Symbol.for('@docket/telemetry/state');
const slot = globalThis as typeof globalThis & { [STATE]?: State };

/** The tracer docket's spans come from: the registered provider's, or the API's no-op one before start. */
export function docketTracer(): Tracer {
  return slot[STATE]?.tracer ?? trace.getTracer(TRACER_NAME);
}

/**
 * Registers one tracer provider per process. The embedded mode runs five services in one process, so
 * later calls return the first Telemetry unchanged (the first service name names the resource; spans
 * tell services apart by `docket.service`).
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const existing = slot[STATE];
  if (existing !== undefined) return existing.telemetry;
  if (process.env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return remember(noop());

  const kinds = (options.exporter !== undefined ? [options.exporter] : exportersFromEnv(process.env)).filter(
    (kind): kind is Exporting => kind !== 'none',
  );
  const contextManager = new AsyncLocalStorageContextManager();
  if (kinds.length === 0) {
    // No spans of our own, but the context manager and propagator still run: an incoming traceparent
    // reaches the bus headers and the ledger envelope, so one untraced service does not cut the trace.
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(w3c);
    return remember(noop());
  }

  const memory = kinds.includes('memory') ? new InMemorySpanExporter() : undefined;
  const provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }))
      // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win: the operator names what the code guessed.
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: kinds.map((kind) => processorFor(kind, memory)),
  });
  provider.register({ contextManager, propagator: w3c });
  const telemetry: Telemetry = {
    shutdown: () => provider.shutdown(),
    forceFlush: () => provider.forceFlush(),
    ...(memory !== undefined ? { memory } : {}),
  };
  slot[STATE] = { telemetry, tracer: provider.getTracer(TRACER_NAME), provider };
  return telemetry;
}

/**
 * Unregisters everything startTelemetry registered (and any stale registration a previous test file
 * left behind), so that the next startTelemetry builds a fresh provider. Tests only.
 */
export async function resetTelemetryForTests(): Promise<void> {
  const state = slot[STATE];
  slot[STATE] = undefined;
  await state?.provider?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

function remember(telemetry: Telemetry): Telemetry {
  slot[STATE] = { telemetry, tracer: trace.getTracer(TRACER_NAME) };
  return telemetry;
}

function noop(): Telemetry {
  return { shutdown: async () => undefined, forceFlush: async () => undefined };
}

type Exporting = Exclude<ExporterKind, 'none'>;

function processorFor(kind: Exporting, memory: InMemorySpanExporter | undefined): SpanProcessor {
  switch (kind) {
    // The OTLP exporter reads OTEL_EXPORTER_OTLP_* itself; batching keeps export off the request path.
    case 'otlp':
      return new BatchSpanProcessor(new OTLPTraceExporter());
    case 'console':
      return new SimpleSpanProcessor(new ConsoleSpanExporter());
    case 'memory':
      return new SimpleSpanProcessor(memory ?? new InMemorySpanExporter());
  }
}

/**
 * The standard variables: `OTEL_TRACES_EXPORTER` (a comma list of otlp, console, none), else otlp
 * when an OTLP endpoint is configured, else nothing. An exporter docket does not ship is refused at
 * start-up rather than leaving a service silently untraced.
 */
export function exportersFromEnv(env: NodeJS.ProcessEnv): ExporterKind[] {
  const listed = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (listed.length === 0) {
    const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
    return endpoint !== undefined && endpoint.trim() !== '' ? ['otlp'] : [];
  }
  if (listed.includes('none')) return [];
  return [...new Set(listed)].map((name) => {
    if (name === 'otlp' || name === 'console') return name;
    throw new Error(`OTEL_TRACES_EXPORTER=${name}: docket ships the otlp, console and none exporters`);
  });
}
