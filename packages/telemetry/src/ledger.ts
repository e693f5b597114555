import type { AppendOptions, AppendResult, EventStore, NewEvent } from '@docket/event-store';
import { context, SpanKind } from '@opentelemetry/api';
import * as attr from './attributes';
import { currentTraceContext } from './propagation';
import { runInSpan } from './spans';

/**
 * The ledger with `appendToStream` in an INTERNAL `ledger.append` span, and each new event's
 * `traceContext` (the W3C context kept in the envelope, the legal record) taken from that span when the
 * caller set none. Every other member passes through untouched: a Proxy rather than a hand-written
 * delegate, so adapter-specific members (`path`, `globalChainHead`, ...) and any the port gains later
 * are not lost, with `this` bound to the real store so its private state stays reachable.
 */
export function tracedLedger<S extends EventStore>(store: S): S {
  const bound = new WeakMap<object, unknown>();

  const appendToStream = (
    stream: string,
    events: NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> =>
    runInSpan(
      context.active(),
      'ledger.append',
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [attr.ATTR_LEDGER_STREAM]: stream,
          [attr.ATTR_LEDGER_EVENT_COUNT]: events.length,
          [attr.ATTR_LEDGER_EVENT_TYPES]: events.map((event) => event.type),
          ...(options?.expectedRevision !== undefined
            ? { [attr.ATTR_LEDGER_EXPECTED_REVISION]: String(options.expectedRevision) }
            : {}),
        },
      },
      async (span) => {
        const traceContext = currentTraceContext();
        const stamped =
          traceContext === undefined
            ? events
            : events.map((event) => (event.traceContext === undefined ? { ...event, traceContext } : event));
        const result = await (options === undefined
          ? store.appendToStream(stream, stamped)
          : store.appendToStream(stream, stamped, options));
        span.setAttributes({
          [attr.ATTR_LEDGER_FIRST_POSITION]: attributeNumber(result.firstPosition),
          [attr.ATTR_LEDGER_LAST_POSITION]: attributeNumber(result.lastPosition),
          [attr.ATTR_LEDGER_NEXT_EXPECTED_REVISION]: attributeNumber(result.nextExpectedRevision),
          [attr.ATTR_LEDGER_REPLAYED]: result.replayed,
        });
        return result;
      },
    );

  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      // The receiver is the store itself, so getters and methods see their own object, not the proxy.
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(value);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(value, method);
      }
      return method;
    },
  });
}

/** Attributes have no bigint: a number while exact (every real ledger), else the decimal string. */
function attributeNumber(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
