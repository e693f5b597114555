import { connect, type NodeConnectionOptions } from '@nats-io/transport-node';
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
import { checkHeaders, encodePayload } from '../codec';
import { BusClosed } from '../errors';
import { checkEventPublish } from '../publish-checks';
import { checkName, checkPattern, checkSubject } from '../subjects';
import { JetStreamEvents } from './events';
import { natsRequest, natsServe } from './requests';
import { natsWatch } from './watch';

export interface NatsBusOptions {
  /** `nats://host:port`, or several for a cluster. */
  servers: string | string[];
  /** The connection's name, shown by the server (use the service name). */
  name: string;
  /** Anything else nats.js accepts: credentials (`authenticator`, `user`/`pass`, `token`), TLS, reconnects. */
  connection?: Omit<NodeConnectionOptions, 'servers' | 'name'>;
  defaultTimeoutMs?: number;
  /** JetStream stream for integration events (default `DOCKET_EVENTS`), created if missing. */
  stream?: string;
  /** The stream's subjects (default `['evt.>']`); only used when the stream is created. */
  eventSubjects?: string[];
  /** `duplicate_window` of a created stream (default 2 minutes). */
  duplicateWindowMs?: number;
  /**
   * `ack_wait` of created durables (default 5 s): a message a member held when it died is redelivered
   * after it. A member keeps a slow handler's message its own with progress acks meanwhile.
   */
  ackWaitMs?: number;
  /** `max_ack_pending` of created durables (default 1, which keeps per-subject order). */
  maxInFlight?: number;
  /** Called for an event that can never be handled (not JSON); it is terminated. Default: stderr. */
  onUndeliverable?: (error: unknown, subject: string) => void;
}

/** Default `ack_wait` of the durables the NATS bus creates. */
export const NATS_ACK_WAIT_MS = 5_000;

/** The networked/distributed-mode bus: core NATS for request/reply, JetStream for integration events. */
export async function connectNatsBus(options: NatsBusOptions): Promise<Bus> {
  const nc = await connect({ ...options.connection, servers: options.servers, name: options.name });
  const eventSubjects = options.eventSubjects ?? ['evt.>'];
  let events: JetStreamEvents;
  try {
    events = await JetStreamEvents.open(nc, {
      stream: options.stream ?? 'DOCKET_EVENTS',
      subjects: eventSubjects,
      duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
      ackWaitMs: options.ackWaitMs ?? NATS_ACK_WAIT_MS,
      maxInFlight: options.maxInFlight ?? 1,
      onUndeliverable:
        options.onUndeliverable ??
        ((error, subject) => {
          process.stderr.write(`docket bus: dropped undeliverable event on ${subject}: ${String(error)}\n`);
        }),
    });
  } catch (error) {
    await nc.close();
    throw error;
  }
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 5000;
  const running = new Set<Subscription>();
  let closed = false;
  const open = (): void => {
    if (closed || nc.isClosed()) throw new BusClosed();
  };
  const tracked = (sub: Subscription): Subscription => {
    running.add(sub);
    return {
      stop: async () => {
        running.delete(sub);
        await sub.stop();
      },
    };
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
      return tracked(natsServe(nc, subject, handler as RequestHandler<unknown, unknown>, serveOptions));
    },

    async request<R>(subject: string, payload: unknown, requestOptions: RequestOptions = {}): Promise<R> {
      open();
      checkSubject(subject);
      const headers = checkHeaders(requestOptions.headers);
      const timeoutMs = requestOptions.timeoutMs ?? defaultTimeoutMs;
      return (await natsRequest(nc, subject, encodePayload(payload), headers, timeoutMs)) as R;
    },

    async publishEvent(
      subject: string,
      payload: unknown,
      publishOptions: PublishEventOptions,
    ): Promise<PublishEventResult> {
      open();
      const headers = checkEventPublish(subject, eventSubjects, publishOptions);
      return events.publish(subject, encodePayload(payload), headers, publishOptions.messageId);
    },

    async consume<P>(
      pattern: string,
      handler: EventHandler<P>,
      consumeOptions: ConsumeOptions,
    ): Promise<Subscription> {
      open();
      checkPattern(pattern);
      checkName('Durable', consumeOptions.durable);
      const member = await events.consume(
        pattern,
        consumeOptions.durable,
        handler as EventHandler<unknown>,
        consumeOptions.retryDelayMs ?? 1000,
        consumeOptions.maxInFlight,
      );
      return tracked(member);
    },

    watch<P>(pattern: string, handler: WatchHandler<P>): Subscription {
      open();
      checkPattern(pattern);
      return tracked(natsWatch(nc, pattern, handler as WatchHandler<unknown>));
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([...running].map((s) => s.stop()));
      running.clear();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
