import {
  type EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { DuplicateEventId, IdempotencyKeyReused, NotALedger } from '../errors';
import type { IdempotencyRecord } from '../port';
import { nameBasedUuid, type StreamNames } from './names';
import { readStoredStream } from './reads';

/** The first event of a key's stream: which request the key belongs to. */
interface KeyReservation {
  key: string;
  fingerprint: string;
  stream: string;
  eventIds: string[];
}

const RESERVED = 'IdempotencyKeyReserved';

/**
 * Reserves an idempotency key for one request, or checks that a retry is the same request.
 *
 * EventStoreDB has no global index to find "the append made with key K", so each key gets its own
 * bookkeeping stream whose first event (written with expected revision no_stream, so exactly one
 * request wins) names the target stream, the fingerprint and the event ids. Returns the event ids
 * the append must use: the reserved ones on a retry, so that the id lookup in the target stream finds
 * the first append's events (or, if the first attempt stored nothing, stores them now).
 */
export async function reserveIdempotencyKey(
  client: EventStoreDBClient,
  names: StreamNames,
  request: { key: string; fingerprint: string; stream: string; eventIds: string[] },
): Promise<string[]> {
  const keyStream = names.idempotencyStream(request.key);
  let reservation = await readReservation(client, keyStream);
  if (!reservation) {
    const data: KeyReservation = { ...request };
    try {
      await client.appendToStream(
        keyStream,
        [
          {
            // Same request, same id: two concurrent first attempts are one write for EventStoreDB.
            id: nameBasedUuid(`key\n${keyStream}\n${request.fingerprint}\n${request.stream}`),
            contentType: 'application/json',
            type: RESERVED,
            data: { ...data },
            metadata: undefined,
          },
        ],
        { expectedRevision: NO_STREAM },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    // Read back even after a success: an idempotent acknowledgement may stand for another attempt's ids.
    reservation = await readReservation(client, keyStream);
    if (!reservation) throw new NotALedger(`Idempotency stream ${keyStream} exists but has no reservation`);
  }
  if (
    reservation.fingerprint !== request.fingerprint ||
    reservation.stream !== request.stream ||
    reservation.eventIds.length !== request.eventIds.length
  ) {
    throw new IdempotencyKeyReused(request.key);
  }
  return reservation.eventIds;
}

async function readReservation(
  client: EventStoreDBClient,
  keyStream: string,
): Promise<KeyReservation | undefined> {
  try {
    for await (const resolved of client.readStream(keyStream, { maxCount: 1 })) {
      const data = resolved.event?.data as Partial<KeyReservation> | undefined;
      if (
        !data ||
        typeof data.key !== 'string' ||
        typeof data.fingerprint !== 'string' ||
        typeof data.stream !== 'string' ||
        !Array.isArray(data.eventIds)
      ) {
        throw new NotALedger(`Idempotency stream ${keyStream} holds an unreadable reservation`);
      }
      return data as KeyReservation;
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * What a key was used for, for a caller that wants to answer a retry before deciding again: the
 * reservation, and the first append's result if its events are in the target stream. A reservation
 * whose append never landed (a crash between the two writes) reads as unused: the retry then appends
 * with the reserved ids, which is what the key is for.
 */
export async function lookupIdempotencyKey(
  client: EventStoreDBClient,
  names: StreamNames,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const reservation = await readReservation(client, names.idempotencyStream(key));
  if (!reservation || reservation.eventIds.length === 0) return undefined;
  const events = await readStoredStream(client, names, names.toStored(reservation.stream), {
    direction: 'backwards',
  });
  const byId = new Map(events.map((e) => [e.encoded.id.toLowerCase(), e] as const));
  const found = reservation.eventIds.map((id) => byId.get(id.toLowerCase()));
  const first = found[0];
  const last = found[found.length - 1];
  if (!first || !last || found.some((e) => e === undefined)) return undefined;
  return {
    key,
    fingerprint: reservation.fingerprint,
    stream: reservation.stream,
    result: {
      nextExpectedRevision: last.revision,
      firstPosition: first.position,
      lastPosition: last.position,
      replayed: true,
    },
  };
}

const ID_RESERVED = 'EventIdReserved';

/**
 * Makes caller-chosen event ids unique across the ledger. EventStoreDB's idempotence is per stream,
 * so an id reused in another stream would be stored twice; each chosen id therefore gets a
 * bookkeeping stream whose first event names the stream that owns it. Reserving again for the same
 * stream is one write for EventStoreDB (same id at the same place); for another stream it conflicts.
 * Ids derived from an idempotency key need none: the key's reservation already binds them to a stream.
 */
export async function reserveEventIds(
  client: EventStoreDBClient,
  names: StreamNames,
  stream: string,
  eventIds: string[],
): Promise<void> {
  const conflicts = await Promise.all(
    eventIds.map(async (eventId) => {
      const idStream = names.eventIdStream(eventId);
      try {
        await client.appendToStream(
          idStream,
          [
            {
              id: nameBasedUuid(`event-id\n${idStream}\n${stream}`),
              contentType: 'application/json',
              type: ID_RESERVED,
              data: { eventId, stream },
              metadata: undefined,
            },
          ],
          { expectedRevision: NO_STREAM },
        );
        return undefined;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        return eventId;
      }
    }),
  );
  const taken = conflicts.find((id) => id !== undefined);
  if (taken !== undefined) throw new DuplicateEventId(taken);
}
