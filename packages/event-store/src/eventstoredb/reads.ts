import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  type ReadRevision,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { NotALedger } from '../errors';
import type { StreamNames } from './names';
import { type Classified, classify, type StoredEvent } from './records';

/** Events of one stored stream; a stream that does not exist reads as empty. */
export async function readStoredStream(
  client: EventStoreDBClient,
  names: StreamNames,
  storedStream: string,
  options: { direction: 'forwards' | 'backwards'; fromRevision?: bigint; maxCount?: number },
): Promise<StoredEvent[]> {
  const fromRevision: ReadRevision = options.fromRevision ?? (options.direction === 'forwards' ? START : END);
  const out: StoredEvent[] = [];
  try {
    const read = client.readStream(storedStream, {
      direction: options.direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision,
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      // The append path must see its own writes: only the leader is sure to have them.
      requiresLeader: true,
    });
    for await (const resolved of read) {
      out.push(requireDocket(classify(resolved.event, names)));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return out;
}

export function requireDocket(classified: Classified): StoredEvent {
  if (classified.kind === 'docket') return classified.event;
  if (classified.kind === 'damaged') throw new NotALedger(classified.reason);
  throw new NotALedger('EventStoreDB returned an event outside the ledger where a ledger event was expected');
}

/** One EventStoreDB position for our bigint: events appended without explicit transactions have commit == prepare. */
export function esdbPosition(position: bigint): { commit: bigint; prepare: bigint } {
  return { commit: position, prepare: position };
}

export const ALL_PAGE_SIZE = 512;

/**
 * Walks $all forwards strictly after `after` (or from the start), page by page, handing every
 * event to `visit` until it returns false or the log ends.
 */
export async function walkAll(
  client: EventStoreDBClient,
  after: { commit: bigint; prepare: bigint } | undefined,
  visit: (resolved: AllStreamResolvedEvent, commit: bigint) => boolean | Promise<boolean>,
): Promise<void> {
  let from: ReadPosition = after ?? START;
  let last = after?.commit;
  for (;;) {
    let seen = 0;
    let lastPosition: { commit: bigint; prepare: bigint } | undefined;
    const read = client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: ALL_PAGE_SIZE });
    for await (const resolved of read) {
      seen += 1;
      const position = resolved.event?.position;
      if (!position) continue;
      lastPosition = position;
      // Reading from a position includes the event at it: the previous page's last event, or the checkpoint.
      if (last !== undefined && position.commit <= last) continue;
      last = position.commit;
      if (!(await visit(resolved, position.commit))) {
        await read.cancel();
        return;
      }
    }
    if (seen < ALL_PAGE_SIZE || lastPosition === undefined) return;
    from = lastPosition;
  }
}

/**
 * Iterates a client subscription so that stopping always ends the iteration. The client's
 * `unsubscribe()` cancels the gRPC call, but the cancellation error is swallowed before it reaches
 * the Readable, which then may never end: a pending `next()` would wait forever.
 */
export class StoppableIterator<T> {
  private readonly source: AsyncIterator<T>;
  private readonly stopSignal: Promise<IteratorResult<T>>;
  private signalStop: () => void = () => undefined;

  constructor(source: AsyncIterable<T>) {
    this.source = source[Symbol.asyncIterator]();
    this.stopSignal = new Promise((resolve) => {
      this.signalStop = () => resolve({ done: true, value: undefined });
    });
  }

  next(): Promise<IteratorResult<T>> {
    const next = this.source.next();
    // After a stop the source may still reject (premature close); nobody waits for it any more.
    next.catch(() => undefined);
    return Promise.race([next, this.stopSignal]);
  }

  stop(): void {
    this.signalStop();
  }
}
