import {
  type SpanOptions as ApiSpanOptions,
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  type Span,
  type SpanContext,
  type SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from './attributes';
import { docketTracer } from './setup';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs fn with a new span active (a child of the active span), ends it, and marks it failed when fn
 * throws; the error itself propagates unchanged.
 */
export function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  return runInSpan(context.active(), name, options, fn);
}

/** withSpan with an explicit parent: transports pass the context their message carried. */
export async function runInSpan<T>(
  parent: Context,
  name: string,
  options: ApiSpanOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const span = docketTracer().startSpan(name, options, parent);
  // Nothing records (exporter none): the no-op span carries the parent's own span context, so when the
  // parent is already active there is no new context to enter. Skipping context.with and the bookkeeping
  // makes withSpan about 3× cheaper in that mode (bench/with-span.bench.cjs).
  if (!span.isRecording() && parent === context.active() && span.spanContext() === spanContextOf(parent)) {
    return fn(span);
  }
  try {
    return await context.with(trace.setSpan(parent, span), fn, undefined, span);
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function spanContextOf(ctx: Context): SpanContext {
  return trace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT;
}

/** Status ERROR, the exception as a span event, and `error.type`: docket's stable code when it has one. */
export function recordError(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
  if (error instanceof Error) span.recordException(error);
  else span.recordException(String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** DomainError, LedgerError and BusError carry a stable `code`; anything else is named by its class. */
export function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (error instanceof Error) return error.constructor.name;
  }
  return '_OTHER';
}
