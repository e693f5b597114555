import type { Bus, Headers, PublishEventResult } from '@docket/messaging';

export interface BusRequestOptions {
  /** Actor, trace context, correlation id: pass the incoming message's on (`ctx.getHeaders()`). */
  headers?: Headers;
  /** Defaults to the Bus's `defaultTimeoutMs` (5 s). */
  timeoutMs?: number;
}

export interface BusPublishOptions {
  /** Required: de-duplication key (docket uses the ledger event id). */
  messageId: string;
  headers?: Headers;
}

/**
 * How a NestJS service calls the others: async methods over the Bus rather than a `ClientProxy`, because
 * docket's calls are one request → one reply and read best as `await`, with the Bus's typed errors
 * (`NoResponders`, `RequestTimeout`, `RemoteError` with the handler's code) thrown as they are.
 *
 * Provided by `DocketBusModule.forRoot` (inject it by its class); `new BusClient(bus)` outside Nest.
 */
export class BusClient {
  constructor(private readonly bus: Bus) {}

  /** Sends a command or query and resolves with the reply. */
  request<R = unknown>(subject: string, payload: unknown, options: BusRequestOptions = {}): Promise<R> {
    return this.bus.request<R>(subject, payload, options);
  }

  /** Publishes an integration event (durable, at least once, de-duplicated by `messageId`). */
  publishEvent(subject: string, payload: unknown, options: BusPublishOptions): Promise<PublishEventResult> {
    return this.bus.publishEvent(subject, payload, options);
  }
}
