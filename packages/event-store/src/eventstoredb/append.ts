import {
  type EventStoreDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { chainHash, describeExpected, type EncodedEvent, GENESIS_HASH, recordString } from '../encoding';
import { DuplicateEventId, EventTooLarge, NotALedger, WrongExpectedRevision } from '../errors';
import type { AppendResult, ExpectedRevision } from '../port';
import type { StreamNames } from './names';
import { readStoredStream } from './reads';
import { docketMetadata, type StoredEvent, toEventData } from './records';

export interface AppendRequest {
  stream: string;
  storedStream: string;
  expected: ExpectedRevision;
  encoded: EncodedEvent[];
  /** The caller chose (some of) the ids: a retry may be under way, so look for them first. */
  callerChoseIds: boolean;
  idempotency: { key: string; fingerprint: string } | undefined;
}

export interface AppendContext {
  client: EventStoreDBClient;
  names: StreamNames;
  now: () => string;
  maxAttempts: number;
}

/**
 * Appends under the per-stream chain. The chain needs the predecessor's hash, so the adapter reads
 * the stream's last event and appends with exactly that revision: EventStoreDB's expected-revision
 * check then guarantees nobody appended in between, and the chain cannot fork. For `any` and
 * `stream_exists` a lost race is retried from a fresh read.
 */
export async function appendWithChain(ctx: AppendContext, request: AppendRequest): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    const { tail, replay } = await inspectStream(ctx, request);
    if (replay) return replay;
    checkExpected(request.stream, request.expected, tail?.revision);
    const first = tail ? tail.revision + 1n : 0n;
    const recordedAt = ctx.now();
    let previous = tail?.docket.streamHash ?? GENESIS_HASH;
    const hashes: string[] = [];
    const data = request.encoded.map((encoded, index) => {
      const revision = first + BigInt(index);
      const hash = chainHash(previous, recordString(request.stream, revision, encoded, recordedAt));
      const metadata = docketMetadata(
        encoded,
        recordedAt,
        hash,
        revision === 0n ? undefined : previous,
        request.idempotency,
      );
      previous = hash;
      hashes.push(hash);
      return toEventData(encoded, metadata);
    });
    try {
      await ctx.client.appendToStream(request.storedStream, data, {
        expectedRevision: tail ? tail.revision : NO_STREAM,
      });
    } catch (error) {
      if (error instanceof MaxAppendSizeExceededError) throw tooLarge(request.encoded, error.maxAppendSize);
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : undefined;
      const retry = request.expected === 'any' || request.expected === 'stream_exists';
      if (retry && attempt < ctx.maxAttempts) {
        await pause(attempt);
        continue;
      }
      throw new WrongExpectedRevision(request.stream, describeExpected(request.expected), actual);
    }
    return confirm(ctx, request, first, hashes[0] ?? '');
  }
}

function checkExpected(stream: string, expected: ExpectedRevision, actual: bigint | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'bigint' && actual === expected);
  if (!ok) throw new WrongExpectedRevision(stream, describeExpected(expected), actual);
}

/**
 * The stream's last event, and whether this append already happened. EventStoreDB checks ids only
 * against the events after the expected revision (or a cache of recent ids with `any`), so to give
 * every retry the first result the adapter looks for the ids in the whole stream itself. It does so
 * only when the caller chose ids or a key; generated ids cannot be stored already.
 */
async function inspectStream(
  ctx: AppendContext,
  request: AppendRequest,
): Promise<{ tail: StoredEvent | undefined; replay?: AppendResult }> {
  if (!request.callerChoseIds) {
    const [tail] = await readStoredStream(ctx.client, ctx.names, request.storedStream, {
      direction: 'backwards',
      maxCount: 1,
    });
    return { tail };
  }
  const events = await readStoredStream(ctx.client, ctx.names, request.storedStream, {
    direction: 'backwards',
  });
  // EventStoreDB hands ids back in lower case, whatever case they were sent in.
  const byId = new Map(events.map((e) => [e.encoded.id.toLowerCase(), e] as const));
  const found = request.encoded.map((e) => byId.get(e.id.toLowerCase()));
  const firstFound = found.find((e) => e !== undefined);
  if (!firstFound) return { tail: events[0] };
  const base = found[0];
  const complete =
    base !== undefined && found.every((e, i) => e !== undefined && e.revision === base.revision + BigInt(i));
  if (!complete) throw new DuplicateEventId(firstFound.encoded.id);
  const last = found[found.length - 1] ?? base;
  return {
    tail: events[0],
    replay: {
      nextExpectedRevision: last.revision,
      firstPosition: base.position,
      lastPosition: last.position,
      replayed: true,
    },
  };
}

/**
 * Reads the appended events back for their global positions (an append returns one position for the
 * whole write). If EventStoreDB acknowledged the write as idempotent (a concurrent retry with the same
 * ids won the race), the stored hashes are not the ones computed here: that is a replay.
 */
async function confirm(
  ctx: AppendContext,
  request: AppendRequest,
  first: bigint,
  firstHash: string,
): Promise<AppendResult> {
  const stored = await readStoredStream(ctx.client, ctx.names, request.storedStream, {
    direction: 'forwards',
    fromRevision: first,
    maxCount: request.encoded.length,
  });
  const matches =
    stored.length === request.encoded.length &&
    stored.every((e, i) => e.encoded.id.toLowerCase() === request.encoded[i]?.id.toLowerCase());
  const head = stored[0];
  const last = stored[stored.length - 1];
  if (!matches || !head || !last) {
    throw new NotALedger(
      `Stream ${request.stream}: EventStoreDB acknowledged an append at revision ${first} but the events there are not the appended ones`,
    );
  }
  return {
    nextExpectedRevision: last.revision,
    firstPosition: head.position,
    lastPosition: last.position,
    replayed: head.docket.streamHash !== firstHash,
  };
}

/**
 * EventStoreDB limits a whole append (MaxAppendSize, 1 MiB by default; see docs/eventstoredb.md).
 * Reported as EventTooLarge for the append's largest event, with the append's total size.
 */
function tooLarge(encoded: EncodedEvent[], limit: number): EventTooLarge {
  let largest = encoded[0];
  let total = 0;
  for (const e of encoded) {
    const bytes = Buffer.byteLength(e.dataJson) + Buffer.byteLength(e.metadataJson);
    total += bytes;
    if (!largest || bytes > Buffer.byteLength(largest.dataJson) + Buffer.byteLength(largest.metadataJson))
      largest = e;
  }
  return new EventTooLarge(largest?.type ?? 'append', total, limit);
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
