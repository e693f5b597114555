import { type EventStoreDBClient, FORWARDS, StreamNotFoundError } from '@eventstore/db-client';
import { LedgerError, NotALedger } from '../errors';
import { lastEventHead } from './chain';
import type { StreamNames } from './names';
import { classify, type StoredEvent } from './records';

/** EventStoreDB's system projection that links every event with a correlation id into `$bc-<id>`. */
export const CORRELATION_PROJECTION = '$by_correlation_id';

/**
 * The projection's source: which metadata key holds the correlation id. EventStoreDB's default is
 * `$correlationId`; docket's envelope writes `correlationId` (encodeEvent), so the projection must be
 * told, or it links nothing of ours.
 */
export const CORRELATION_PROJECTION_QUERY = JSON.stringify({ correlationIdProperty: 'correlationId' });

/** The projection is missing, stopped, or has not caught up with the ledger in time. */
export class CorrelationIndexUnavailable extends LedgerError {
  constructor(message: string) {
    super('CorrelationIndexUnavailable', `${message} (see docs/eventstoredb.md, "Case histories")`);
  }
}

/** `C:<commit>/P:<prepare>`: how EventStoreDB prints a projection's position in `$all`. */
const PROJECTION_POSITION = /^C:(-?\d+)\/P:(-?\d+)$/;

/**
 * Waits until the projection has processed the ledger up to `target` and written every link it emitted:
 * the projection runs behind the appends, and a history that silently lacks the last events would be
 * wrong, not just late. Polls the projection's statistics; gives up after `timeoutMs`.
 */
async function projectionReached(client: EventStoreDBClient, target: bigint, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let status: Awaited<ReturnType<EventStoreDBClient['getProjectionStatus']>>;
    try {
      status = await client.getProjectionStatus(CORRELATION_PROJECTION);
    } catch (error) {
      throw new CorrelationIndexUnavailable(
        `EventStoreDB's ${CORRELATION_PROJECTION} projection cannot be read: ${(error as Error).message}`,
      );
    }
    const match = PROJECTION_POSITION.exec(status.position);
    const processed = match ? BigInt(match[1]!) : undefined;
    const written =
      status.writePendingEventsBeforeCheckpoint === 0 && status.writePendingEventsAfterCheckpoint === 0;
    if (processed !== undefined && processed >= target && written) return;
    if (Date.now() > deadline) {
      throw new CorrelationIndexUnavailable(
        `EventStoreDB's ${CORRELATION_PROJECTION} projection (${status.status}) is at ${status.position}, behind the ledger's position ${target}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One correlation id's events from `$bc-<id>` (links resolved to the ledger events), in global order,
 * once the projection has caught up with the ledger as it stood when asked (or with `upTo`).
 */
export async function readCorrelatedStored(
  client: EventStoreDBClient,
  names: StreamNames,
  correlationId: string,
  options: { upTo?: bigint; maxCount?: number; timeoutMs: number },
): Promise<StoredEvent[]> {
  const head = (await lastEventHead(client, names)).position;
  if (head === undefined || options.maxCount === 0) return [];
  const target = options.upTo !== undefined && options.upTo < head ? options.upTo : head;
  await projectionReached(client, target, options.timeoutMs);
  const byPosition = new Map<bigint, StoredEvent>();
  try {
    const read = client.readStream(`$bc-${correlationId}`, { direction: FORWARDS, resolveLinkTos: true });
    for await (const resolved of read) {
      // One projection serves the whole database: other namespaces' events, and links whose event was
      // deleted (no `event`), are not this ledger's.
      const c = classify(resolved.event, names);
      if (c.kind === 'outside') continue;
      if (c.kind === 'damaged') throw new NotALedger(c.reason);
      if (c.event.position > target) continue;
      // A reset projection links the same event again: one entry per position.
      byPosition.set(c.event.position, c.event);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  const events = [...byPosition.values()].sort((a, b) =>
    a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
  );
  return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
}

/**
 * Points the projection at docket's metadata key and starts it. Needs operations rights. Events the
 * projection processed before this are not linked: run it before the first append, or reset the
 * projection afterwards (it then links everything again; duplicate links are read as one).
 */
export async function configureCorrelationProjection(client: EventStoreDBClient): Promise<void> {
  await client.disableProjection(CORRELATION_PROJECTION);
  await client.updateProjection(CORRELATION_PROJECTION, CORRELATION_PROJECTION_QUERY);
  await client.enableProjection(CORRELATION_PROJECTION);
}
