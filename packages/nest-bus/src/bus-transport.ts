import type { Bus, EventContext, Headers, Subscription } from '@docket/messaging';
import type { MessageHandler } from '@nestjs/microservices';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { BusContext } from './bus-context';
import { durableName } from './durable-name';

export interface BusTransportOptions {
  /** The Bus to serve on (in-process or NATS). The transport never closes it: its owner does. */
  bus: Bus;
  /** The service's name (intake, review, ...): the queue group of its servers and the prefix of its durables. */
  service: string;
}

/** Per-handler options, given as the second argument of `@MessagePattern` / `@EventPattern`. */
export interface BusHandlerExtras {
  /** `@MessagePattern`: the queue group (default: the service name). */
  queue?: string;
  /** `@EventPattern`: the durable consumer's name (default: `durableName(service, pattern)`). */
  durable?: string;
  /** `@EventPattern`: delay before a message whose handler threw is redelivered (the Bus's default: 1 s). */
  retryDelayMs?: number;
  /** `@EventPattern`: messages in hand at once (the Bus's default: 1, in order); see ConsumeOptions. */
  maxInFlight?: number;
}

/**
 * NestJS custom transport over the docket Bus. `@MessagePattern(subject)` handlers serve requests in the
 * service's queue group (one instance of the service handles each request) and their result (value,
 * Promise or Observable: its last value) is the reply. `@EventPattern(pattern)` handlers are durable
 * consumers: an event is acked when the handler completes and redelivered when it throws.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private readonly bus: Bus;
  private readonly service: string;
  private subscriptions: Subscription[] = [];
  private readonly direct: {
    subject: string;
    serve(payload: unknown, headers: Headers, subject: string): Promise<unknown>;
  }[] = [];

  constructor(options: BusTransportOptions) {
    super();
    this.bus = options.bus;
    this.service = options.service;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler) await this.consume(pattern, handler);
        else this.serve(pattern, handler);
      }
      for (const served of this.direct) {
        const subscription = this.bus.serve(
          served.subject,
          (payload, headers, { subject }) => served.serve(payload, headers, subject),
          { queue: this.service },
        );
        this.subscriptions.push(subscription);
      }
    } catch (error) {
      // A handler the Bus refused (bad subject, durable conflict): stop the ones already started.
      await this.close();
      callback(error);
      return;
    }
    this._status$.next('connected');
    callback();
  }

  /**
   * Serves a subject with a plain function, without Nest's RPC pipeline (no pipes, interceptors or
   * observables: the handler's promise is the reply, its error the typed error). Takes effect on `listen`.
   */
  serveDirectly(served: {
    subject: string;
    serve(payload: unknown, headers: Headers, subject: string): Promise<unknown>;
  }): void {
    this.direct.push(served);
  }

  /** Stops serving and consuming (messages in hand finish); the Bus itself stays open. */
  async close(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    this._status$.next('disconnected');
  }

  /** The transport has no events of its own: the Bus reports failures as errors. */
  on(): void {}

  /** The Bus this transport serves on. */
  unwrap<T>(): T {
    return this.bus as T;
  }

  private serve(subject: string, handler: MessageHandler): void {
    const extras = (handler.extras ?? {}) as BusHandlerExtras;
    const subscription = this.bus.serve(
      subject,
      async (payload, headers, { subject: concrete }) => {
        const context = new BusContext([concrete, headers, undefined]);
        return this.run(handler, payload, context);
      },
      { queue: extras.queue ?? this.service },
    );
    this.subscriptions.push(subscription);
  }

  private async consume(pattern: string, handler: MessageHandler): Promise<void> {
    const extras = (handler.extras ?? {}) as BusHandlerExtras;
    const subscription = await this.bus.consume(
      pattern,
      async (payload, headers: Headers, event: EventContext) => {
        const context = new BusContext([event.subject, headers, event]);
        // Nest itself runs the other handlers of the same pattern (handler.next) and joins them.
        await this.run(handler, payload, context);
      },
      {
        durable: extras.durable ?? durableName(this.service, pattern),
        ...(extras.retryDelayMs === undefined ? {} : { retryDelayMs: extras.retryDelayMs }),
        ...(extras.maxInFlight === undefined ? {} : { maxInFlight: extras.maxInFlight }),
      },
    );
    this.subscriptions.push(subscription);
  }

  /**
   * Runs a Nest handler (guards, pipes, interceptors, filters included) to its last value. A filter's
   * error (with `BusExceptionFilter`: the handler's own) is rethrown for the Bus to encode.
   */
  private async run(handler: MessageHandler, payload: unknown, context: BusContext): Promise<unknown> {
    const result = await handler(payload, context);
    return lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
