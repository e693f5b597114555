import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import type { EventHandler, Headers, PublishEventResult, Subscription } from '../bus';
import { decodePayload } from '../codec';
import { DurableConflict } from '../errors';
import { InFlight } from '../in-flight';
import { fromNatsHeaders, toNatsHeaders } from './headers';

export interface JetStreamEventOptions {
  stream: string;
  subjects: string[];
  duplicateWindowMs: number;
  ackWaitMs: number;
  maxInFlight: number;
  /** Called for an event that can never be handled (bad JSON); it is terminated, not redelivered. */
  onUndeliverable: (error: unknown, subject: string) => void;
}

/**
 * Integration events on JetStream (nats-server 2.9 features only): one stream with a duplicate window
 * (`Nats-Msg-Id` de-duplication), durable pull consumers with explicit acks. Each member fetches one
 * message at a time and acks it (synchronously confirmed) only after its handler resolved; a handler that
 * throws naks it with a delay. `max_ack_pending` (default 1) is what keeps per-subject order across
 * redeliveries.
 */
export class JetStreamEvents {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: JetStreamEventOptions,
  ) {}

  static async open(nc: NatsConnection, options: JetStreamEventOptions): Promise<JetStreamEvents> {
    const jsm = await jetstreamManager(nc);
    const exists = await jsm.streams.info(options.stream).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await jsm.streams.add({
        name: options.stream,
        subjects: options.subjects,
        storage: StorageType.File,
        duplicate_window: nanos(options.duplicateWindowMs),
      });
    }
    return new JetStreamEvents(jetstream(nc), jsm, options);
  }

  async publish(
    subject: string,
    body: Uint8Array,
    headers: Headers,
    messageId: string,
  ): Promise<PublishEventResult> {
    const h = toNatsHeaders(headers);
    const ack = await this.js.publish(
      subject,
      body,
      h === undefined ? { msgID: messageId } : { msgID: messageId, headers: h },
    );
    return { sequence: ack.seq, duplicate: ack.duplicate };
  }

  async consume(
    pattern: string,
    durable: string,
    handler: EventHandler<unknown>,
    retryDelayMs: number,
    maxInFlight?: number,
  ): Promise<Subscription> {
    const wanted = maxInFlight ?? this.options.maxInFlight;
    const settings = await this.ensureDurable(pattern, durable, wanted);
    const consumer = await this.js.consumers.get(this.options.stream, durable);
    return new Member(consumer, handler, retryDelayMs, this.options.onUndeliverable, settings);
  }

  /**
   * Creates the durable if missing; answers its max_ack_pending and ack_wait (an existing durable keeps
   * its own).
   */
  private async ensureDurable(
    pattern: string,
    durable: string,
    maxInFlight: number,
  ): Promise<DurableSettings> {
    const existing = await this.jsm.consumers.info(this.options.stream, durable).catch(() => undefined);
    if (existing !== undefined) {
      const filter = existing.config.filter_subject ?? '';
      if (filter !== pattern) throw new DurableConflict(durable, filter, pattern);
      return {
        capacity: Math.max(1, existing.config.max_ack_pending ?? 1),
        ackWaitMs: existing.config.ack_wait ? existing.config.ack_wait / 1_000_000 : this.options.ackWaitMs,
      };
    }
    await this.jsm.consumers.add(this.options.stream, {
      durable_name: durable,
      filter_subject: pattern,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: maxInFlight,
      max_deliver: -1,
    });
    return { capacity: maxInFlight, ackWaitMs: this.options.ackWaitMs };
  }
}

interface DurableSettings {
  /** max_ack_pending: messages a member keeps in hand. */
  capacity: number;
  ackWaitMs: number;
}

/**
 * One member of a durable consumer: a fetch loop that keeps up to `capacity` messages in hand (1: one
 * at a time, in order), fetching only as many as it has room for. While a handler runs, the member
 * tells the server it is still working on the message (every half ack_wait), so a short ack_wait, which
 * is what gets a dead member's messages to another soon, never redelivers a slow handler's message.
 */
class Member implements Subscription {
  private stopped = false;
  private readonly inFlight = new InFlight();
  private readonly loop: Promise<void>;
  private readonly capacity: number;
  private readonly heartbeatMs: number;
  private inHand = 0;
  private roomMade: (() => void) | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly handler: EventHandler<unknown>,
    private readonly retryDelayMs: number,
    private readonly onUndeliverable: (error: unknown, subject: string) => void,
    settings: DurableSettings,
  ) {
    this.capacity = settings.capacity;
    this.heartbeatMs = Math.max(100, settings.ackWaitMs / 2);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.inFlight.settled();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.inHand >= this.capacity) await new Promise<void>((resolve) => (this.roomMade = resolve));
        // A short fetch, so that stop() returns within about a second without losing a message in transit.
        const batch = await this.consumer.fetch({ max_messages: this.capacity - this.inHand, expires: 1000 });
        for await (const msg of batch) {
          if (this.stopped) msg.nak();
          else if (this.capacity === 1) await this.inFlight.track(this.handle(msg));
          else void this.inFlight.track(this.handleInTurn(msg));
        }
      } catch {
        if (this.stopped) return;
        // The server or the consumer went away (reconnecting, stream deleted): try again shortly.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Handles a message beside others, making room for the next fetch when it is done. */
  private async handleInTurn(msg: JsMsg): Promise<void> {
    this.inHand++;
    try {
      await this.handle(msg);
    } finally {
      this.inHand--;
      this.roomMade?.();
      this.roomMade = undefined;
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    let payload: unknown;
    try {
      payload = decodePayload(msg.data);
    } catch (error) {
      msg.term();
      this.onUndeliverable(error, msg.subject);
      return;
    }
    const context = {
      subject: msg.subject,
      messageId: msg.headers?.get('Nats-Msg-Id') ?? '',
      deliveryCount: msg.info.deliveryCount,
    };
    const heartbeat = setInterval(() => msg.working(), this.heartbeatMs);
    try {
      await this.handler(payload, fromNatsHeaders(msg.headers), context);
    } catch {
      msg.nak(this.retryDelayMs);
      return;
    } finally {
      clearInterval(heartbeat);
    }
    // Confirmed ack: a consumer restarted right after this must not see the message again.
    await msg.ackAck().catch(() => false);
  }
}
