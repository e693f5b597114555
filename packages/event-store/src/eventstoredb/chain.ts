import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadPosition,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { chainHash, GENESIS_HASH } from '../encoding';
import { NotALedger } from '../errors';
import type { VerifyOptions, VerifyResult } from '../port';
import type { StreamNames } from './names';
import { ALL_PAGE_SIZE, readStoredStream, walkAll } from './reads';
import { classify, expectedStreamHash, type StoredEvent, storedRecord } from './records';

export const CHECKPOINT_TYPE = 'GlobalChainCheckpoint';

/**
 * The global chain's state after `count` ledger events, as the follower writes it to `docket/chain`:
 * globalHash_n = chainHash(globalHash_{n-1}, recordString(event_n)) in $all order.
 */
export interface ChainCheckpoint {
  count: number;
  commitPosition: bigint;
  preparePosition: bigint;
  hash: string;
  /** Revision of the checkpoint event in the chain stream. */
  revision: bigint;
}

export function nextGlobalHash(previous: string, event: StoredEvent): string {
  return chainHash(previous, storedRecord(event));
}

export function checkpointData(c: Omit<ChainCheckpoint, 'revision'>) {
  return {
    count: c.count,
    commitPosition: c.commitPosition.toString(),
    preparePosition: c.preparePosition.toString(),
    hash: c.hash,
  };
}

export async function readCheckpoints(
  client: EventStoreDBClient,
  names: StreamNames,
  last?: 'last',
): Promise<ChainCheckpoint[]> {
  const out: ChainCheckpoint[] = [];
  try {
    const read = client.readStream(names.chainStream, {
      direction: last ? BACKWARDS : FORWARDS,
      ...(last ? { maxCount: 1 } : {}),
    });
    for await (const resolved of read) {
      const event = resolved.event;
      if (!event || event.type !== CHECKPOINT_TYPE) continue;
      const d = event.data as Record<string, unknown>;
      if (
        typeof d.count !== 'number' ||
        typeof d.commitPosition !== 'string' ||
        typeof d.preparePosition !== 'string' ||
        typeof d.hash !== 'string'
      ) {
        throw new NotALedger(`Chain checkpoint ${event.revision} in ${names.chainStream} is unreadable`);
      }
      out.push({
        count: d.count,
        commitPosition: BigInt(d.commitPosition),
        preparePosition: BigInt(d.preparePosition),
        hash: d.hash,
        revision: event.revision,
      });
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return out;
}

/**
 * The global chain head: the follower's last checkpoint extended over the ledger events committed
 * since. This is the value that commits to the whole log (sign this one).
 */
export async function globalChainHead(
  client: EventStoreDBClient,
  names: StreamNames,
): Promise<{ count: number; position: bigint | undefined; hash: string }> {
  const [checkpoint] = await readCheckpoints(client, names, 'last');
  let hash = checkpoint?.hash ?? GENESIS_HASH;
  let position = checkpoint?.commitPosition;
  let count = checkpoint?.count ?? 0;
  const after = checkpoint
    ? { commit: checkpoint.commitPosition, prepare: checkpoint.preparePosition }
    : undefined;
  await walkAll(client, after, (resolved) => {
    const c = classify(resolved.event, names);
    if (c.kind === 'outside') return true;
    if (c.kind === 'damaged') throw new NotALedger(c.reason);
    hash = nextGlobalHash(hash, c.event);
    position = c.event.position;
    count += 1;
    return true;
  });
  return { count, position, hash };
}

/**
 * The port's head: the last ledger event in $all and its hash (its stream hash), as every adapter
 * reports it. See globalChainHead for the value that covers the whole log.
 */
export async function lastEventHead(
  client: EventStoreDBClient,
  names: StreamNames,
): Promise<{ position: bigint | undefined; hash: string }> {
  let from: ReadPosition = END;
  let last: bigint | undefined;
  for (;;) {
    let seen = 0;
    let lastPosition: { commit: bigint; prepare: bigint } | undefined;
    const read = client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: ALL_PAGE_SIZE });
    for await (const resolved of read) {
      seen += 1;
      const position = resolved.event?.position;
      if (!position) continue;
      lastPosition = position;
      if (last !== undefined && position.commit >= last) continue;
      last = position.commit;
      const c = classify(resolved.event, names);
      if (c.kind === 'outside') continue;
      if (c.kind === 'damaged') throw new NotALedger(c.reason);
      await read.cancel();
      return { position: c.event.position, hash: c.event.docket.streamHash };
    }
    if (seen < ALL_PAGE_SIZE || lastPosition === undefined)
      return { position: undefined, hash: GENESIS_HASH };
    from = lastPosition;
  }
}

interface StreamState {
  revision: bigint;
  hash: string;
}

/**
 * Walks $all (ledger events only) and checks, for every event: its stream's revisions are contiguous
 * from 0, its stream hash matches its content and predecessor, and the global chain recomputed in
 * $all order agrees with every follower checkpoint. Names the first event that fails.
 */
export async function verifyChains(
  client: EventStoreDBClient,
  names: StreamNames,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const checkpoints = await readCheckpoints(client, names);
  const from = options.from;
  const to = options.to;
  // Start the global chain at the last checkpoint before `from`: the chain is taken up from there.
  let startIndex = -1;
  if (from !== undefined) {
    checkpoints.forEach((c, i) => {
      if (c.commitPosition < from) startIndex = i;
    });
  }
  const start = checkpoints[startIndex];
  let globalHash = start?.hash ?? GENESIS_HASH;
  let n = start?.count ?? 0;
  let next = startIndex + 1;
  let count = 0;
  let headPosition: bigint | undefined;
  let headHash = GENESIS_HASH;
  let failure: { position: bigint; reason: string } | undefined;
  const streams = new Map<string, StreamState>();

  const fail = (position: bigint, reason: string) => {
    failure = { position, reason };
    return false;
  };

  const after = start ? { commit: start.commitPosition, prepare: start.preparePosition } : undefined;
  await walkAll(client, after, async (resolved, commit) => {
    const c = classify(resolved.event, names);
    if (c.kind === 'outside') return true;
    if (to !== undefined && commit > to) return false;
    if (c.kind === 'damaged') return fail(commit, c.reason);
    const event = c.event;
    const where = `${event.stream}@${event.revision}`;
    let state = streams.get(event.stream);
    if (!state && event.revision > 0n) {
      if (from === undefined) {
        return fail(
          event.position,
          `stream ${event.stream} starts at revision ${event.revision}: earlier events are missing`,
        );
      }
      state = await predecessor(client, names, event);
      if (!state) return fail(event.position, `the event before ${where} is missing`);
    }
    const previous = state?.hash ?? GENESIS_HASH;
    const expectedRevision = state ? state.revision + 1n : 0n;
    if (event.revision !== expectedRevision) {
      return fail(
        event.position,
        `${where}: expected revision ${expectedRevision} (revisions must be contiguous)`,
      );
    }
    if ((event.docket.prevStreamHash ?? GENESIS_HASH) !== previous) {
      return fail(event.position, `${where}: recorded predecessor hash does not match the stream chain`);
    }
    if (expectedStreamHash(previous, event) !== event.docket.streamHash) {
      return fail(event.position, `${where}: stream hash does not match the event's content`);
    }
    streams.set(event.stream, { revision: event.revision, hash: event.docket.streamHash });
    globalHash = nextGlobalHash(globalHash, event);
    n += 1;
    if (from === undefined || event.position >= from) {
      count += 1;
      headPosition = event.position;
      headHash = event.docket.streamHash;
    }
    const checkpoint = checkpoints[next];
    if (checkpoint && checkpoint.count <= n) {
      next += 1;
      if (checkpoint.count < n) {
        return fail(event.position, `chain checkpoint ${checkpoint.revision} does not advance the count`);
      }
      if (checkpoint.commitPosition !== event.position || checkpoint.hash !== globalHash) {
        return fail(
          event.position,
          `global chain differs from follower checkpoint ${checkpoint.revision} (event ${n}): an event up to here was changed, removed or inserted`,
        );
      }
    }
    return true;
  });
  if (failure) return { ok: false, count, ...failure };
  const missing = checkpoints.slice(next).find((c) => to === undefined || c.commitPosition <= to);
  if (missing) {
    return {
      ok: false,
      count,
      position: missing.commitPosition,
      reason: `follower checkpoint ${missing.revision} covers ${missing.count} events but the log has ${n}: events were removed`,
    };
  }
  return { ok: true, count, headPosition, headHash };
}

async function predecessor(
  client: EventStoreDBClient,
  names: StreamNames,
  event: StoredEvent,
): Promise<StreamState | undefined> {
  const [before] = await readStoredStream(client, names, names.toStored(event.stream), {
    direction: 'forwards',
    fromRevision: event.revision - 1n,
    maxCount: 1,
  });
  if (!before || before.revision !== event.revision - 1n) return undefined;
  return { revision: before.revision, hash: before.docket.streamHash };
}
