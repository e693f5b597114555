import type { EventStore, ReadStreamOptions, RecordedEvent } from '@docket/event-store';

/**
 * The ledger as it stood at a position (what monitoring can see when an event reaches it), counting the
 * events read from it: reads and revision probes see nothing appended after `asOf`.
 */
export function ledgerAsOf(ledger: EventStore) {
  let upTo = -1n;
  let eventsRead = 0;
  const visible = (events: RecordedEvent[]) => events.filter((e) => e.position <= upTo);
  // The two reads the folds use; nothing else of the ledger is needed here.
  const view = {
    async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
      const { maxCount, ...from } = options;
      const events = visible(await ledger.readStream(stream, from)).slice(0, maxCount);
      eventsRead += events.length;
      return events;
    },
    async streamRevision(stream: string): Promise<bigint | undefined> {
      return visible(await ledger.readStream(stream)).at(-1)?.revision;
    },
  } as Pick<EventStore, 'readStream' | 'streamRevision'> as EventStore;
  return {
    ledger: view,
    asOf(position: bigint) {
      upTo = position;
    },
    get eventsRead() {
      return eventsRead;
    },
  };
}
