import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  excludeSystemEvents,
  type Filter,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import { matchesFilter } from '../encoding';
import { NotALedger } from '../errors';
import type { EventFilter, RecordedEvent, Subscription } from '../port';
import type { StreamNames } from './names';
import { esdbPosition, StoppableIterator } from './reads';
import { classify, toRecorded } from './records';

/**
 * The server-side filter keeps other namespaces and system events off the wire. The port's own
 * filter (stream prefixes, event types) is applied here instead, so every event of the ledger passes
 * through and `checkpoint` can advance past skipped ones to real event positions (EventStoreDB's
 * filter checkpoints carry positions that need not be event positions).
 */
export function ledgerFilter(names: StreamNames): Filter {
  return names.storedPrefix === ''
    ? excludeSystemEvents()
    : streamNameFilter({ prefixes: [names.storedPrefix] });
}

export class EventStoreDbSubscription implements Subscription {
  private current: bigint | undefined;
  private stopped = false;
  private subscription: AllStreamSubscription | undefined;
  private iterator: StoppableIterator<AllStreamResolvedEvent> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
    private readonly after: bigint | undefined,
    private readonly filter: EventFilter | undefined,
  ) {
    this.current = after;
  }

  get checkpoint(): bigint | undefined {
    return this.current;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterate();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.iterator?.stop();
    const subscription = this.subscription;
    if (subscription) {
      await subscription.unsubscribe();
      subscription.destroy();
    }
  }

  private async *iterate(): AsyncGenerator<RecordedEvent> {
    if (this.stopped) return;
    if (this.subscription) throw new Error('A subscription can be iterated once');
    const subscription = this.client.subscribeToAll({
      fromPosition: this.after === undefined ? START : esdbPosition(this.after),
      filter: ledgerFilter(this.names),
    });
    this.subscription = subscription;
    const iterator = new StoppableIterator<AllStreamResolvedEvent>(subscription);
    this.iterator = iterator;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done || this.stopped) return;
        const resolved = next.value;
        const classified = classify(resolved.event, this.names);
        if (classified.kind === 'outside') continue;
        if (classified.kind === 'damaged') throw new NotALedger(classified.reason);
        const event = classified.event;
        // Exclusive checkpoint, whether or not the server repeats the event at the start position.
        if (this.current !== undefined && event.position <= this.current) continue;
        this.current = event.position;
        if (!matchesFilter(event.stream, event.encoded.type, this.filter)) continue;
        yield toRecorded(event);
      }
    } finally {
      await this.stop();
    }
  }
}
