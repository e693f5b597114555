// Re-exported so services can pass span kinds and read spans without depending on the API package.
export { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
export type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-node';
export * from './attributes';
export { tracedBus } from './bus';
export { fastifyTracing, type HookHost, type TracedReply, type TracedRequest } from './fastify';
export { tracedLedger } from './ledger';
export { currentTraceContext, type TraceHeaders, traceHeaders, withRemoteContext } from './propagation';
export {
  type ExporterKind,
  exportersFromEnv,
  resetTelemetryForTests,
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
} from './setup';
export { type SpanOptions, withSpan } from './spans';
