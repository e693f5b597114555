import {
  type Bus,
  CORRELATION_ID_HEADER,
  type ConsumeOptions,
  type EventHandler,
  type Headers,
  type PublishEventOptions,
  type PublishEventResult,
  type RequestHandler,
  type RequestOptions,
  type ServeOptions,
  type Subscription,
} from '@docket/messaging';
import { type Attributes, context, type Link, SpanKind, trace } from '@opentelemetry/api';
import * as attr from './attributes';
import { injectInto, outgoingParent, remoteContext } from './propagation';
import { runInSpan } from './spans';

/**
 * The bus with a span per hop (after the messaging semantic conventions) and the trace context in the
 * message headers, so that one trace follows a command from the gateway through every service.
 * Handlers' spans are named by the served pattern, not the concrete subject (semconv prefers the
 * destination template: span names must stay few); the subject is `messaging.destination.name`.
 *
 * - `request`: CLIENT `<subject> request`, the caller's headers kept, `traceparent`/`tracestate` injected;
 * - `serve` handlers: SERVER `<pattern> process`, a child of the requester's span;
 * - `publishEvent`: PRODUCER `<subject> publish`, whose context is the message's creation context;
 * - `consume` handlers: CONSUMER `<pattern> process`, a child of the creation context and linked to it
 *   (semconv, "Message creation context as parent of Process span": allowed for single messages that
 *   are not processed inside another span, which holds for the bus's delivery loop).
 */
export function tracedBus(bus: Bus, service: string): Bus {
  const base = (subject: string, operation: string, type: string): Attributes => ({
    [attr.ATTR_MESSAGING_SYSTEM]: 'nats',
    [attr.ATTR_MESSAGING_SYSTEM_NAME]: 'nats',
    [attr.ATTR_MESSAGING_DESTINATION_NAME]: subject,
    [attr.ATTR_MESSAGING_OPERATION_NAME]: operation,
    [attr.ATTR_MESSAGING_OPERATION_TYPE]: type,
    [attr.ATTR_DOCKET_SERVICE]: service,
  });

  return {
    serve<P, R>(subject: string, handler: RequestHandler<P, R>, options?: ServeOptions): Subscription {
      const traced: RequestHandler<P, R> = (payload, headers, ctx) =>
        runInSpan(
          remoteContext(headers),
          `${subject} process`,
          {
            kind: SpanKind.SERVER,
            attributes: {
              ...base(ctx.subject, 'process', 'process'),
              ...(ctx.subject !== subject ? { [attr.ATTR_MESSAGING_DESTINATION_TEMPLATE]: subject } : {}),
              ...(options?.queue !== undefined
                ? { [attr.ATTR_MESSAGING_CONSUMER_GROUP_NAME]: options.queue }
                : {}),
              ...conversation(headers),
            },
          },
          () => handler(payload, headers, ctx),
        );
      return bus.serve(subject, traced, options);
    },

    request<R>(subject: string, payload: unknown, options?: RequestOptions): Promise<R> {
      return runInSpan(
        outgoingParent(options?.headers),
        `${subject} request`,
        {
          kind: SpanKind.CLIENT,
          attributes: { ...base(subject, 'request', 'send'), ...conversation(options?.headers) },
        },
        () => bus.request<R>(subject, payload, withHeaders(options ?? {})),
      );
    },

    publishEvent(
      subject: string,
      payload: unknown,
      options: PublishEventOptions,
    ): Promise<PublishEventResult> {
      return runInSpan(
        outgoingParent(options.headers),
        `${subject} publish`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            ...base(subject, 'publish', 'send'),
            [attr.ATTR_MESSAGING_MESSAGE_ID]: options.messageId,
            ...conversation(options.headers),
          },
        },
        async (span) => {
          const result = await bus.publishEvent(subject, payload, withHeaders(options));
          span.setAttributes({
            [attr.ATTR_DOCKET_BUS_SEQUENCE]: result.sequence,
            [attr.ATTR_DOCKET_BUS_DUPLICATE]: result.duplicate,
          });
          return result;
        },
      );
    },

    consume<P>(
      subjectPattern: string,
      handler: EventHandler<P>,
      options: ConsumeOptions,
    ): Promise<Subscription> {
      const traced: EventHandler<P> = (payload, headers, ctx) => {
        const creation = remoteContext(headers);
        const creationSpan = trace.getSpanContext(creation);
        const links: Link[] = creationSpan !== undefined ? [{ context: creationSpan }] : [];
        return runInSpan(
          creation,
          `${subjectPattern} process`,
          {
            kind: SpanKind.CONSUMER,
            links,
            attributes: {
              ...base(ctx.subject, 'process', 'process'),
              ...(ctx.subject !== subjectPattern
                ? { [attr.ATTR_MESSAGING_DESTINATION_TEMPLATE]: subjectPattern }
                : {}),
              [attr.ATTR_MESSAGING_CONSUMER_GROUP_NAME]: options.durable,
              [attr.ATTR_MESSAGING_MESSAGE_ID]: ctx.messageId,
              [attr.ATTR_DOCKET_BUS_DELIVERY_COUNT]: ctx.deliveryCount,
              ...conversation(headers),
            },
          },
          () => handler(payload, headers, ctx),
        );
      };
      return bus.consume(subjectPattern, traced, options);
    },

    // A watcher's notices are not work: no span (their consumers, the console's readers, make their own).
    watch: (subjectPattern, handler) => bus.watch(subjectPattern, handler),
    close: () => bus.close(),
  };
}

/** The options with the active (just started) span's context in their headers; nothing else changes. */
function withHeaders<O extends { headers?: Headers }>(options: O): O {
  const headers = injectInto(context.active(), options.headers);
  return headers === options.headers ? options : { ...options, headers };
}

/** docket's correlation id (the case number) makes a case's traces searchable. */
function conversation(headers: Headers | undefined): Attributes {
  const id = headers?.[CORRELATION_ID_HEADER];
  return id === undefined ? {} : { [attr.ATTR_MESSAGING_CONVERSATION_ID]: id };
}
