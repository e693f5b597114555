/**
 * The bus between docket's services, with NATS semantics. Services get a `Bus` and never learn whether it
 * is the in-process one (embedded mode) or a NATS connection (networked and distributed modes).
 */

/** Message headers: string → string. Names are case-sensitive; keep to the `docket-*` and W3C names. */
export type Headers = Readonly<Record<string, string>>;

/** The acting user, as JSON (用户), set by the gateway. */
export const ACTOR_HEADER = 'docket-actor';
/** The correlation id (the case number when there is one). */
export const CORRELATION_ID_HEADER = 'docket-correlation-id';
/** W3C trace context. */
export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';
/** Marks a reply whose body is an error envelope (see README). Reserved: callers cannot send it. */
export const ERROR_HEADER = 'docket-error';

/** Where a request arrived. */
export interface RequestContext {
  /** The concrete subject (the served subject may be a wildcard pattern). */
  readonly subject: string;
}

/** Where an integration event came from and how often it has been delivered. */
export interface EventContext {
  readonly subject: string;
  /** The publisher's message id (docket uses the ledger event id). */
  readonly messageId: string;
  /** 1 on first delivery; more means a redelivery: handlers must be idempotent. */
  readonly deliveryCount: number;
}

/**
 * A request handler: its result is the reply. Throwing an error with a string `code` sends a typed error
 * back (`RemoteError` with the same code/kind/message/details); any other error is sent as `InternalError`.
 */
export type RequestHandler<P = unknown, R = unknown> = (
  payload: P,
  headers: Headers,
  context: RequestContext,
) => Promise<R> | R;

/** An event handler: the event is acknowledged when it resolves, and redelivered when it throws. */
export type EventHandler<P = unknown> = (
  payload: P,
  headers: Headers,
  context: EventContext,
) => Promise<void> | void;

export interface ServeOptions {
  /** Queue group: among servers with the same queue on a subject, exactly one handles each request. */
  queue?: string;
}

export interface RequestOptions {
  /** Defaults to the bus's `defaultTimeoutMs` (5 s). */
  timeoutMs?: number;
  headers?: Headers;
}

export interface PublishEventOptions {
  /** De-duplication key: a second publish with the same id within the window is dropped. */
  messageId: string;
  headers?: Headers;
}

export interface PublishEventResult {
  /** The event's sequence in the bus's event log (for a duplicate: the original's). */
  sequence: number;
  /** True when the message id was seen within the window and nothing was stored. */
  duplicate: boolean;
}

export interface ConsumeOptions {
  /** The durable consumer's name: members with the same name share the work and one cursor. */
  durable: string;
  /** Delay before a message whose handler threw is redelivered (default 1000 ms). */
  retryDelayMs?: number;
  /**
   * Messages of this durable in hand at once (default: the bus's `maxInFlight`, itself 1). Set when the
   * durable is created (JetStream `max_ack_pending`). Above 1, messages are handed out in order but may
   * finish out of order, and a redelivery may come after later messages: a consumer that needs order per
   * key (per case) keeps it itself (service-kit's checkpointedReaction does).
   */
  maxInFlight?: number;
}

/** Told of an event a watcher sees: the payload as published, its headers and subject. */
export type WatchHandler<P = unknown> = (payload: P, headers: Headers, context: { subject: string }) => void;

/** A running server or consumer member. `stop()` takes no new messages and waits for those in hand. */
export interface Subscription {
  stop(): Promise<void>;
}

export interface Bus {
  /** Serves requests on `subject` (wildcards allowed). */
  serve<P = unknown, R = unknown>(
    subject: string,
    handler: RequestHandler<P, R>,
    options?: ServeOptions,
  ): Subscription;
  /**
   * Sends a request and resolves with the handler's result. Rejects with `NoResponders` when nothing serves
   * the subject, `RequestTimeout` when no reply came in time, `RemoteError` when the handler threw.
   */
  request<R = unknown>(subject: string, payload: unknown, options?: RequestOptions): Promise<R>;
  /** Publishes an integration event, durably and at least once (subjects under the event prefix, `evt.>`). */
  publishEvent(subject: string, payload: unknown, options: PublishEventOptions): Promise<PublishEventResult>;
  /** Joins (creating if needed) the durable consumer `options.durable` for events matching `subjectPattern`. */
  consume<P = unknown>(
    subjectPattern: string,
    handler: EventHandler<P>,
    options: ConsumeOptions,
  ): Promise<Subscription>;
  /**
   * Watches the integration events matching `subjectPattern` published from now on: no durable, no
   * acknowledgement, at most once; a watcher that is away misses what came meanwhile. For notices that
   * a reader re-reads after a gap (the console's live updates), never for work that must be done.
   */
  watch<P = unknown>(subjectPattern: string, handler: WatchHandler<P>): Subscription;
  /** Drains: stops taking messages, lets handlers in hand finish (and ack), then closes. */
  close(): Promise<void>;
}

/** Builds the `docket-actor` header value. */
export function actorHeader(actor: unknown): string {
  return JSON.stringify(actor);
}

/** Reads the `docket-actor` header (undefined when absent or not JSON); validate the result with its schema. */
export function readActor(headers: Headers): unknown {
  const raw = headers[ACTOR_HEADER];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
