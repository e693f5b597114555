import { type EventStore, type RecordedEvent, type Subscription, storedForm } from '@docket/event-store';
import { ACTOR_HEADER, actorHeader, type Bus, CORRELATION_ID_HEADER, type Headers } from '@docket/messaging';
import type { ReadModelStore } from '@docket/projections';

export interface RelayOptions {
  ledger: EventStore;
  bus: Bus;
  /** Where the relay keeps its position: a checkpoint in the service's read-model store. */
  checkpoints: ReadModelStore;
  /** Names the checkpoint, e.g. `intake-relay`. One relay per name at a time. */
  name: string;
  /** The streams this service owns (and alone relays), e.g. `['application-', 'catalogue-']`. */
  streamPrefixes: string[];
  /** Wait before publishing again after the bus refused; default 500 ms. */
  retryDelayMs?: number;
  /**
   * How often the checkpoint is written while events flow; default 50 ms. Writing it after every event
   * cost a store transaction per event; a crash now re-publishes at most this long's worth of events,
   * which the bus drops as duplicates (its window is minutes) and consumers pass over anyway.
   */
  checkpointIntervalMs?: number;
  /**
   * Events sent to the bus before the first of them is confirmed; default 32. One connection keeps
   * their order, so the stream holds them in ledger order; waiting for each confirmation in turn made
   * the relay, at a round trip per event, the slowest hop between a command and its reaction.
   */
  maxInFlight?: number;
  onError?: (error: unknown) => void;
}

/** `evt.<category>.<type>`: the category is the stream name up to its first '-' (`application`, `review`). */
export function eventSubject(event: Pick<RecordedEvent, 'stream' | 'type'>): string {
  const dash = event.stream.indexOf('-');
  return `evt.${dash === -1 ? event.stream : event.stream.slice(0, dash)}.${event.type}`;
}

/** The envelope fields a consumer needs before it decodes the payload: who, which case, which trace. */
export function eventHeaders(event: RecordedEvent): Headers {
  return {
    [ACTOR_HEADER]: actorHeader(event.actor),
    ...(event.correlationId ? { [CORRELATION_ID_HEADER]: event.correlationId } : {}),
    ...(event.traceContext?.traceparent ? { traceparent: event.traceContext.traceparent } : {}),
    ...(event.traceContext?.tracestate ? { tracestate: event.traceContext.tracestate } : {}),
  };
}

/**
 * The outbox relay (architecture brief, "Messaging"): a service's own events go from the ledger to the
 * bus, in ledger order, each published with message id = event id, and the checkpoint moves only after
 * the bus accepted the event. A crash between the two publishes the event again on restart; the bus
 * drops the duplicate within its window, and consumers are idempotent beyond it. Nothing is lost: the
 * ledger, not the bus, is the record.
 */
export function createRelay(options: RelayOptions) {
  const { ledger, bus, checkpoints, name } = options;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const checkpointIntervalMs = options.checkpointIntervalMs ?? 50;
  let subscription: Subscription | undefined;
  let running: Promise<void> | undefined;
  let stopping = false;
  let published = 0;
  const maxInFlight = options.maxInFlight ?? 32;
  /** Events taken from the subscription and not yet accepted by the bus. */
  let inFlight = 0;
  /** Settles when every event sent so far is accepted, in order (the checkpoint follows it). */
  let confirmed: Promise<void> = Promise.resolve();
  /** The last event the bus accepted, and what the store holds. */
  let accepted: bigint | undefined;
  let saved: bigint | undefined;
  let saving: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  /** Writes the checkpoint if the bus accepted more since the last write (one write at a time). */
  function save(): Promise<void> {
    saving = saving.then(async () => {
      if (accepted === undefined || (saved !== undefined && saved >= accepted)) return;
      const position = accepted;
      await checkpoints.applyBatch(name, position, () => undefined);
      saved = position;
    });
    return saving;
  }

  async function publishUntilAccepted(read: RecordedEvent): Promise<void> {
    // As stored: a sealed ledger's reader sees personal values opened (packages/personal-data); the bus,
    // whose JetStream keeps what it carries on disk, gets them sealed, as the ledger holds them.
    const event = storedForm(read);
    for (;;) {
      try {
        await bus.publishEvent(eventSubject(event), event, {
          messageId: event.id,
          headers: eventHeaders(event),
        });
        return;
      } catch (error) {
        // The bus is down or refused: keep the place and try again; the ledger still holds the event.
        options.onError?.(error);
        if (stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }

  async function run(after: bigint | undefined): Promise<void> {
    subscription = ledger.subscribeToAll({
      ...(after !== undefined ? { after } : {}),
      filter: { streamPrefixes: options.streamPrefixes },
    });
    timer = setInterval(() => void save().catch((error) => options.onError?.(error)), checkpointIntervalMs);
    try {
      for await (const event of subscription) {
        inFlight++;
        const publishing = publishUntilAccepted(event);
        // Handled in the chain below; this keeps a failure after stop() from being an unhandled rejection.
        publishing.catch(() => undefined);
        // Confirmations are taken in ledger order: the checkpoint never passes an event not yet accepted.
        confirmed = confirmed.then(async () => {
          await publishing;
          accepted = event.position;
          published += 1;
          inFlight--;
        });
        if (inFlight >= maxInFlight) await confirmed;
      }
      await confirmed;
    } finally {
      clearInterval(timer);
      await confirmed.catch(() => undefined);
      await save();
    }
  }

  return {
    /** Starts relaying from the stored checkpoint (the beginning of the ledger the first time). */
    async start(): Promise<void> {
      if (running) return;
      stopping = false;
      const after = await checkpoints.checkpoint(name);
      saved = after;
      accepted = after;
      running = run(after).catch((error) => {
        if (!stopping) options.onError?.(error);
      });
    },
    async stop(): Promise<void> {
      stopping = true;
      await subscription?.stop();
      await running;
      running = undefined;
      subscription = undefined;
    },
    /**
     * Resolves once every owned event up to the ledger's current head has been published. The
     * subscription's checkpoint passes the events it filtered out too, so it reaches the head.
     */
    async catchUp(): Promise<void> {
      const head = (await ledger.head()).position;
      if (head === undefined) return;
      for (;;) {
        const seen = subscription?.checkpoint;
        if (seen !== undefined && seen >= head && inFlight === 0) return;
        if (!running) throw new Error(`relay ${name} is not running`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    /** Events published by this relay since it was created. */
    get published(): number {
      return published;
    },
  };
}

export type Relay = ReturnType<typeof createRelay>;
