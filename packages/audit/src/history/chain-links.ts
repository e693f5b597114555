import { type EventStore, GENESIS_HASH, LedgerError, type RecordedEvent } from '@docket/event-store';

/**
 * Which chain an event's `hash` belongs to. The SQLite ledger chains the global log: an event's hash
 * follows the hash at the position before it. EventStoreDB's chains each stream at append time (its
 * global chain is kept by a follower and exposed as `globalChainHead`), so there an event's hash
 * follows the hash of the revision before it in its stream.
 */
export type ChainScope = 'global' | 'stream';

export function chainScopeOf(ledger: EventStore): ChainScope {
  return 'globalChainHead' in ledger ? 'stream' : 'global';
}

/** The predecessor's hash of each event, in the chain its hash belongs to: what re-checks each link. */
export async function previousHashes(
  ledger: EventStore,
  events: readonly RecordedEvent[],
  scope: ChainScope,
): Promise<string[]> {
  // A command's events are neighbours in both chains: most predecessors are already in hand.
  const known = new Map(events.map((e) => [linkKey(scope, e.stream, e.position, e.revision), e.hash]));
  return Promise.all(
    events.map(async (e) => {
      if (scope === 'global' ? e.position <= 1n : e.revision === 0n) return GENESIS_HASH;
      const key = linkKey(scope, e.stream, e.position - 1n, e.revision - 1n);
      return known.get(key) ?? (await lookUp(ledger, e, scope));
    }),
  );
}

function linkKey(scope: ChainScope, stream: string, position: bigint, revision: bigint): string {
  return scope === 'global' ? `${position}` : `${stream}\n${revision}`;
}

async function lookUp(ledger: EventStore, event: RecordedEvent, scope: ChainScope): Promise<string> {
  const [previous] =
    scope === 'global'
      ? await ledger.readAll({ after: event.position - 2n, upTo: event.position - 1n, maxCount: 1 })
      : await ledger.readStream(event.stream, { fromRevision: event.revision - 1n, maxCount: 1 });
  const found =
    scope === 'global'
      ? previous?.position === event.position - 1n
      : previous?.revision === event.revision - 1n && previous.stream === event.stream;
  if (!previous || !found) {
    throw new LedgerError(
      'ChainLinkMissing',
      `The event before position ${event.position} (${event.stream}@${event.revision}) is not in the ledger: run verify`,
    );
  }
  return previous.hash;
}
