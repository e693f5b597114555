import type { ActorMetadata, RecordedEvent, TraceContext } from '../port';
import { type EventRow, RowIndex } from './statements';

/** The envelope fields the stored metadata JSON holds (`metadataJsonOf` in encoding.ts writes them). */
interface StoredEnvelope {
  actor: ActorMetadata;
  channel?: string;
  reason?: string;
  correlationId?: string;
  causationId?: string;
  traceContext?: TraceContext;
}

/**
 * A stored row as the port's RecordedEvent: the reading side's hot path (replay, subscriptions,
 * readStream). Two `JSON.parse` calls are nearly the whole of its cost; the object gets the keys in the
 * order `decodeRecorded` gives them (envelope keys only where stored), assigned one by one rather than by
 * spreading the parsed metadata. No validation: the row was validated when it was appended, and the hash
 * chain (verify) is what tells a row changed since.
 *
 * Unlike a spread, only the envelope keys the ledger writes are taken from the metadata: a key put
 * there by hand cannot shadow `id`, `type` or `data`. (recordStringOf re-derives the metadata from the
 * same keys, so such a row never passed as intact anyway.)
 */
export function decodeRow(row: EventRow): RecordedEvent {
  return new PlainEvent(row, JSON.parse(row[RowIndex.metadata]) as StoredEnvelope);
}

/**
 * Why a constructor whose prototype is Object.prototype rather than an object literal: to every observer
 * the result is a plain object (prototype, constructor, keys, JSON, structuredClone), but it has no
 * allocation site. V8 keeps survival statistics per object-literal site, and in a replay every event of
 * a page survives a scavenge (the caller holds the page), so in about one process in three it decided to
 * pretenure the site: events then went straight to the old generation while their data and strings did
 * not, every scavenge had to trace those old-to-new pointers, and replay stayed at ~80,000 events/s for
 * the whole process instead of ~240,000 (seen with --trace-pretenuring-statistics; never with this).
 */
interface PlainEventConstructor {
  new (row: EventRow, envelope: StoredEnvelope): RecordedEvent;
  prototype: object;
}

const PlainEvent = function PlainEvent(
  this: Record<string, unknown>,
  row: EventRow,
  envelope: StoredEnvelope,
) {
  this.id = row[RowIndex.id];
  this.type = row[RowIndex.type];
  this.schemaVersion = Number(row[RowIndex.schemaVersion]);
  this.stream = row[RowIndex.stream];
  this.revision = row[RowIndex.revision];
  this.position = row[RowIndex.position];
  this.occurredAt = row[RowIndex.occurredAt];
  this.recordedAt = row[RowIndex.recordedAt];
  this.actor = envelope.actor;
  if (envelope.channel !== undefined) this.channel = envelope.channel;
  if (envelope.reason !== undefined) this.reason = envelope.reason;
  if (envelope.correlationId !== undefined) this.correlationId = envelope.correlationId;
  if (envelope.causationId !== undefined) this.causationId = envelope.causationId;
  if (envelope.traceContext !== undefined) this.traceContext = envelope.traceContext;
  this.data = JSON.parse(row[RowIndex.data]);
  this.hash = row[RowIndex.hash];
} as unknown as PlainEventConstructor;
PlainEvent.prototype = Object.prototype;
