import { TRACEPARENT_HEADER, TRACESTATE_HEADER } from '@docket/messaging';
import {
  type Context,
  context,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** W3C trace-context headers: what crosses the bus and HTTP, and what the ledger envelope keeps. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** A header carrier: bus headers (string values) or Node's incoming HTTP headers (string | string[]). */
export type HeaderCarrier = Readonly<Record<string, string | string[] | undefined>>;

/**
 * One W3C propagator, used directly rather than through the global one: the bus and the ledger carry
 * exactly `traceparent`/`tracestate`, whatever else some library registers globally (baggage, B3, ...).
 */
export const w3c = new W3CTraceContextPropagator();

const getter: TextMapGetter<HeaderCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const exact = carrier[key];
    if (exact !== undefined) return exact;
    // NATS keeps header names as sent; a peer outside docket may have sent `Traceparent`.
    for (const name of Object.keys(carrier)) if (name.toLowerCase() === key) return carrier[name];
    return undefined;
  },
};

/** The given (default: active) context as W3C headers; empty when there is no valid span context. */
export function traceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: TraceHeaders = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

/** The active span as the ledger envelope's `traceContext`, or undefined outside any trace. */
export function currentTraceContext(): { traceparent: string; tracestate?: string } | undefined {
  const { traceparent, tracestate } = traceHeaders();
  if (traceparent === undefined) return undefined;
  return tracestate === undefined ? { traceparent } : { traceparent, tracestate };
}

/**
 * The context a message or request from elsewhere carries. It starts from the root, not the active
 * context: whatever happens to be active where a transport calls back (the in-process bus runs handlers
 * inside the sender's context) is not the message's parent.
 */
export function remoteContext(headers: HeaderCarrier | undefined): Context {
  return headers === undefined ? ROOT_CONTEXT : w3c.extract(ROOT_CONTEXT, headers, getter);
}

/** Runs fn with the context extracted from W3C headers active (an entry point: the ambient one is dropped). */
export function withRemoteContext<T>(headers: Record<string, string>, fn: () => T): T {
  return context.with(remoteContext(headers), fn);
}

/**
 * The parent for an outgoing call: the active span if there is one, else the trace the caller's own
 * headers carry (the relay publishes a ledger event with the trace stored in its envelope), else none.
 */
export function outgoingParent(headers: HeaderCarrier | undefined): Context {
  const active = context.active();
  const spanContext = trace.getSpanContext(active);
  if ((spanContext !== undefined && isSpanContextValid(spanContext)) || headers === undefined) return active;
  return w3c.extract(active, headers, getter);
}

/**
 * The caller's headers with the span's trace context in place of any the caller set (a stale
 * `tracestate` must not travel with a new `traceparent`). Unchanged when there is nothing to inject.
 */
export function injectInto(
  ctx: Context,
  headers: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  const injected = traceHeaders(ctx);
  if (injected.traceparent === undefined) return headers;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower !== TRACEPARENT_HEADER && lower !== TRACESTATE_HEADER) out[name] = value;
  }
  return { ...out, ...injected } as Record<string, string>;
}
