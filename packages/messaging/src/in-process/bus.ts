import type {
  Bus,
  ConsumeOptions,
  EventHandler,
  PublishEventOptions,
  PublishEventResult,
  RequestHandler,
  RequestOptions,
  ServeOptions,
  Subscription,
  WatchHandler,
} from '../bus';
import { checkHeaders, payloadText } from '../codec';
import { BusClosed } from '../errors';
import { checkEventPublish } from '../publish-checks';
import { checkName, checkPattern, checkSubject } from '../subjects';
import { InProcessEvents } from './events';
import { InProcessRequests } from './requests';

export interface InProcessBusOptions {
  /** Default request timeout (5000 ms). */
  defaultTimeoutMs?: number;
  /** Subjects events may be published on, as on the NATS stream (default `['evt.>']`). */
  eventSubjects?: string[];
  /** Message-id de-duplication window (default 2 minutes, JetStream's default). */
  duplicateWindowMs?: number;
  /** A message not acked within this time is redelivered (default 30 s, JetStream's default). */
  ackWaitMs?: number;
  /** Unacked messages per durable consumer (default 1: keeps order across redeliveries). */
  maxInFlight?: number;
}

/**
 * The embedded-mode bus: NATS semantics in one process. Everything is delivered on a later turn of the
 * event loop and every payload goes through the same JSON/bigint encoding as on NATS (as text: the UTF-8
 * framing is NATS's own). The event log lives
 * as long as the bus: durable means "survives a consumer restart", not a process restart; in embedded mode
 * the relays keep their places in memory too, so after a restart they publish from the start of the ledger
 * again and each consumer passes over what its own checkpoint says it handled.
 */
export function createInProcessBus(options: InProcessBusOptions = {}): Bus {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 5000;
  const eventSubjects = options.eventSubjects ?? ['evt.>'];
  const requests = new InProcessRequests();
  const events = new InProcessEvents({
    duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
    ackWaitMs: options.ackWaitMs ?? 30_000,
    maxInFlight: options.maxInFlight ?? 1,
  });
  let closed = false;
  const open = (): void => {
    if (closed) throw new BusClosed();
  };

  return {
    serve<P, R>(
      subject: string,
      handler: RequestHandler<P, R>,
      serveOptions: ServeOptions = {},
    ): Subscription {
      open();
      checkPattern(subject);
      if (serveOptions.queue !== undefined) checkName('Queue', serveOptions.queue);
      return requests.serve(subject, handler as RequestHandler<unknown, unknown>, serveOptions);
    },

    async request<R>(subject: string, payload: unknown, requestOptions: RequestOptions = {}): Promise<R> {
      open();
      checkSubject(subject);
      const headers = checkHeaders(requestOptions.headers);
      const body = payloadText(payload);
      return (await requests.request(
        subject,
        body,
        headers,
        requestOptions.timeoutMs ?? defaultTimeoutMs,
      )) as R;
    },

    async publishEvent(
      subject: string,
      payload: unknown,
      publishOptions: PublishEventOptions,
    ): Promise<PublishEventResult> {
      open();
      const headers = checkEventPublish(subject, eventSubjects, publishOptions);
      return events.publish(subject, payloadText(payload), headers, publishOptions.messageId);
    },

    async consume<P>(
      pattern: string,
      handler: EventHandler<P>,
      consumeOptions: ConsumeOptions,
    ): Promise<Subscription> {
      open();
      checkPattern(pattern);
      checkName('Durable', consumeOptions.durable);
      return events.consume(
        pattern,
        consumeOptions.durable,
        handler as EventHandler<unknown>,
        consumeOptions.retryDelayMs ?? 1000,
        consumeOptions.maxInFlight,
      );
    },

    watch<P>(pattern: string, handler: WatchHandler<P>): Subscription {
      open();
      checkPattern(pattern);
      return events.watch(pattern, handler as WatchHandler<unknown>);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      events.unwatchAll();
      await Promise.all([requests.stopAll(), events.stopAll()]);
    },
  };
}
