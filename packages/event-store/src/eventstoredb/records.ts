import type { RecordedEvent as EsdbRecordedEvent, EventData, JSONType } from '@eventstore/db-client';
import { chainHash, decodeRecorded, type EncodedEvent, recordString } from '../encoding';
import { NotALedger } from '../errors';
import type { RecordedEvent } from '../port';
import type { StreamNames } from './names';

/** What the adapter adds to each event's EventStoreDB metadata, under the key `$docket`. */
export interface DocketMetadata {
  recordedAt: string;
  schemaVersion: number;
  occurredAt: string;
  /** streamHash_r = chainHash(streamHash_{r-1}, recordString(stream, r, event, recordedAt)). */
  streamHash: string;
  /** The predecessor's stream hash; absent on revision 0 (whose predecessor is the genesis hash). */
  prevStreamHash?: string;
  idempotencyKey?: string;
  fingerprint?: string;
}

/** A docket event as read back from EventStoreDB, with the exact strings its hash covers. */
export interface StoredEvent {
  stream: string;
  revision: bigint;
  position: bigint;
  encoded: EncodedEvent;
  docket: DocketMetadata;
}

export type Classified =
  | { kind: 'docket'; event: StoredEvent }
  /** System events, other namespaces, the adapter's bookkeeping streams: not part of the ledger. */
  | { kind: 'outside' }
  /** In a ledger stream but not readable as a docket event (written around the adapter, or damaged). */
  | { kind: 'damaged'; position: bigint | undefined; reason: string };

/**
 * The EventStoreDB event for one encoded event. Data goes as JSON (content type application/json,
 * so EventStoreDB's own tools see JSON): the client writes `JSON.stringify(data)`, and since
 * `data = JSON.parse(dataJson)` where dataJson came from JSON.stringify, the bytes stored are exactly
 * dataJson (see docs/eventstoredb.md, "Exact bytes"). Metadata is our metadata object with `$docket`
 * appended as its last key, so dropping `$docket` and re-serialising gives metadataJson back.
 */
export function toEventData(encoded: EncodedEvent, docket: DocketMetadata): EventData {
  const metadata = { ...(JSON.parse(encoded.metadataJson) as Record<string, unknown>), $docket: docket };
  return {
    id: encoded.id,
    contentType: 'application/json',
    type: encoded.type,
    // Any JSON value (also numbers, booleans, null) round-trips: the client only calls JSON.stringify on it.
    data: JSON.parse(encoded.dataJson) as JSONType,
    metadata,
  };
}

export function docketMetadata(
  encoded: EncodedEvent,
  recordedAt: string,
  streamHash: string,
  prevStreamHash: string | undefined,
  idempotency: { key: string; fingerprint: string } | undefined,
): DocketMetadata {
  return {
    recordedAt,
    schemaVersion: encoded.schemaVersion,
    occurredAt: encoded.occurredAt,
    streamHash,
    ...(prevStreamHash !== undefined ? { prevStreamHash } : {}),
    ...(idempotency ? { idempotencyKey: idempotency.key, fingerprint: idempotency.fingerprint } : {}),
  };
}

function isDocketMetadata(value: unknown): value is DocketMetadata {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.recordedAt === 'string' &&
    typeof d.occurredAt === 'string' &&
    typeof d.streamHash === 'string' &&
    typeof d.schemaVersion === 'number' &&
    Number.isSafeInteger(d.schemaVersion)
  );
}

/** Classifies one event read from EventStoreDB (from a stream, from $all or from a subscription). */
export function classify(event: EsdbRecordedEvent | undefined, names: StreamNames): Classified {
  if (!event) return { kind: 'outside' };
  if (event.type.startsWith('$')) return { kind: 'outside' };
  const stream = names.toLogical(event.streamId);
  if (stream === undefined) return { kind: 'outside' };
  const position = event.position ? event.position.commit : undefined;
  const metadata = event.metadata;
  if (metadata === undefined || metadata instanceof Uint8Array || typeof metadata !== 'object') {
    return { kind: 'damaged', position, reason: `event ${event.id} in ${stream} has no docket metadata` };
  }
  const { $docket, ...rest } = metadata as Record<string, unknown>;
  if (!isDocketMetadata($docket)) {
    return {
      kind: 'damaged',
      position,
      reason: `event ${event.id} in ${stream} has no valid $docket metadata`,
    };
  }
  if (position === undefined) {
    throw new NotALedger(
      'EventStoreDB returned an event without its log position: docket needs EventStoreDB 22.6 or later',
    );
  }
  // Re-serialising what the client parsed gives back the stored string (JSON.stringify output is a
  // fixed point of stringify∘parse); bytes changed by hand to other but equivalent JSON would be
  // normalised here, a change of any value is not.
  const dataJson = event.isJson
    ? JSON.stringify(event.data)
    : Buffer.from(event.data as Uint8Array).toString('utf8');
  return {
    kind: 'docket',
    event: {
      stream,
      revision: event.revision,
      position,
      encoded: {
        id: event.id,
        type: event.type,
        schemaVersion: $docket.schemaVersion,
        occurredAt: $docket.occurredAt,
        metadataJson: JSON.stringify(rest),
        dataJson,
      },
      docket: $docket,
    },
  };
}

export function toRecorded(stored: StoredEvent): RecordedEvent {
  return decodeRecorded(
    stored.stream,
    stored.revision,
    stored.position,
    stored.encoded,
    stored.docket.recordedAt,
    stored.docket.streamHash,
  );
}

/** The record string both chains hash for this event. */
export function storedRecord(stored: StoredEvent): string {
  return recordString(stored.stream, stored.revision, stored.encoded, stored.docket.recordedAt);
}

/** Recomputes the stream hash from the predecessor's; the caller compares it with the stored one. */
export function expectedStreamHash(previous: string, stored: StoredEvent): string {
  return chainHash(previous, storedRecord(stored));
}
