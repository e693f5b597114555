import { EventStoreDBClient } from '@eventstore/db-client';
import {
  DEFAULT_MAX_EVENT_BYTES,
  defaultFingerprint,
  encodeEvent,
  matchesFilter,
  normaliseExpectedRevision,
  validateCorrelationId,
  validateStreamName,
} from '../encoding';
import { InvalidAppend, LedgerClosed, NotALedger } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  IdempotencyRecord,
  NewEvent,
  ReadAllOptions,
  ReadCorrelatedOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  VerifyOptions,
  VerifyResult,
} from '../port';
import { appendWithChain } from './append';
import { globalChainHead, lastEventHead, verifyChains } from './chain';
import { configureCorrelationProjection, readCorrelatedStored } from './correlation';
import { GlobalChainFollower, type GlobalChainFollowerOptions } from './follower';
import { lookupIdempotencyKey, reserveEventIds, reserveIdempotencyKey } from './idempotency';
import { idempotentEventId, StreamNames } from './names';
import { esdbPosition, readStoredStream, walkAll } from './reads';
import { classify, toRecorded } from './records';
import { EventStoreDbSubscription } from './subscription';

export interface EventStoreDbLedgerOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Per-event limit (data + metadata, UTF-8 bytes); default 1 MiB. */
  maxEventBytes?: number;
  /** The ledger's wall clock for `recordedAt`; default the system clock. */
  clock?: () => Date;
  /**
   * Stores every stream as `<namespace>/<stream>` and reads only those: several ledgers (test runs,
   * tenants) can share one EventStoreDB. Default: none, the database belongs to one ledger.
   */
  namespace?: string;
  /** Attempts of an `any`/`stream_exists` append that keeps losing races; default 50. */
  maxAppendAttempts?: number;
  /**
   * How long `readCorrelated` waits for the `$by_correlation_id` projection to catch up with the ledger
   * before it fails with `CorrelationIndexUnavailable`; default 5000 ms.
   */
  correlationCatchUpMs?: number;
}

/**
 * The ledger port over EventStoreDB (distributed mode). Connecting is lazy: the first command
 * connects, so opening never fails for a server that is still starting.
 */
export async function openEventStoreDbLedger(
  options: EventStoreDbLedgerOptions,
): Promise<EventStoreDbLedger> {
  return new EventStoreDbLedger(options);
}

export class EventStoreDbLedger implements EventStore {
  /**
   * SHA-256 only, for now: this adapter has no head record to name another hash in (the 国密 profile,
   * SM3, is the SQLite ledger's; see crypto-profile.ts). `@docket/service-kit` refuses `DOCKET_CRYPTO=gm`
   * with an EventStoreDB URL.
   */
  readonly hashAlgorithm = 'sha256' as const;
  private readonly client: EventStoreDBClient;
  private readonly names: StreamNames;
  private readonly maxEventBytes: number;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly correlationCatchUpMs: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(options: EventStoreDbLedgerOptions) {
    this.names = new StreamNames(options.namespace);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAppendAttempts ?? 50;
    this.correlationCatchUpMs = options.correlationCatchUpMs ?? 5000;
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  /** The namespace this ledger's streams live under in EventStoreDB (`<namespace>/<stream>`), if any. */
  get namespace(): string | undefined {
    return this.names.namespace;
  }

  async appendToStream(
    stream: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    // Everything is validated and serialised before the first network call: bad input writes nothing.
    validateStreamName(stream);
    const expected = normaliseExpectedRevision(options.expectedRevision);
    if (!Array.isArray(events) || events.length === 0) {
      throw new InvalidAppend(`An append to ${stream} needs at least one event`);
    }
    const key = options.idempotency?.key;
    if (options.idempotency !== undefined && (typeof key !== 'string' || key === '')) {
      throw new InvalidAppend('An idempotency key must be a non-empty string');
    }
    let encoded = events.map((event, index) =>
      encodeEvent(
        key !== undefined && event !== null && typeof event === 'object' && event.id === undefined
          ? { ...event, id: idempotentEventId(key, index) }
          : event,
        this.maxEventBytes,
      ),
    );
    // EventStoreDB returns ids in lower case; hashing the same form keeps the chain verifiable.
    encoded = encoded.map((e) => ({ ...e, id: e.id.toLowerCase() }));
    const ids = new Set<string>();
    for (const e of encoded) {
      if (ids.has(e.id)) throw new InvalidAppend(`Event id ${e.id} appears twice in one append`);
      ids.add(e.id);
    }
    const storedStream = this.names.toStored(stream);
    let idempotency: { key: string; fingerprint: string } | undefined;
    if (key !== undefined) {
      const fingerprint = options.idempotency?.fingerprint ?? defaultFingerprint(stream, encoded);
      if (typeof fingerprint !== 'string')
        throw new InvalidAppend('An idempotency fingerprint must be a string');
      idempotency = { key, fingerprint };
      const reserved = await reserveIdempotencyKey(this.client, this.names, {
        key,
        fingerprint,
        stream,
        eventIds: encoded.map((e) => e.id),
      });
      encoded = encoded.map((e, i) => ({ ...e, id: reserved[i] ?? e.id }));
    }
    // EventStoreDB scopes ids to a stream; the port makes them unique in the ledger.
    const chosen = encoded.filter((_, i) => events[i]?.id !== undefined).map((e) => e.id);
    if (chosen.length > 0) await reserveEventIds(this.client, this.names, stream, chosen);
    return appendWithChain(
      {
        client: this.client,
        names: this.names,
        now: () => this.clock().toISOString(),
        maxAttempts: this.maxAttempts,
      },
      {
        stream,
        storedStream,
        expected,
        encoded,
        callerChoseIds: key !== undefined || events.some((e) => e?.id !== undefined),
        idempotency,
      },
    );
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamName(stream);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') {
      throw new InvalidAppend(`Unknown read direction ${JSON.stringify(direction)}`);
    }
    const maxCount = checkMaxCount(options.maxCount);
    if (
      options.fromRevision !== undefined &&
      (typeof options.fromRevision !== 'bigint' || options.fromRevision < 0n)
    ) {
      throw new InvalidAppend('fromRevision must be a bigint >= 0');
    }
    if (maxCount === 0) return [];
    const stored = await readStoredStream(this.client, this.names, this.names.toStored(stream), {
      direction,
      ...(options.fromRevision !== undefined ? { fromRevision: options.fromRevision } : {}),
      ...(maxCount !== undefined ? { maxCount } : {}),
    });
    return stored.map(toRecorded);
  }

  async streamRevision(stream: string): Promise<bigint | undefined> {
    this.assertOpen();
    validateStreamName(stream);
    const [last] = await readStoredStream(this.client, this.names, this.names.toStored(stream), {
      direction: 'backwards',
      maxCount: 1,
    });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = checkMaxCount(options.maxCount);
    const { after, upTo, filter } = options;
    for (const [name, value] of [
      ['after', after],
      ['upTo', upTo],
    ] as const) {
      if (value !== undefined && (typeof value !== 'bigint' || value < 0n)) {
        throw new InvalidAppend(`${name} must be a bigint position >= 0`);
      }
    }
    const out: RecordedEvent[] = [];
    if (maxCount === 0) return out;
    // readAll of the client has no server-side filter: the adapter filters while paging through $all.
    await walkAll(this.client, after === undefined ? undefined : esdbPosition(after), (resolved, commit) => {
      if (upTo !== undefined && commit > upTo) return false;
      const c = classify(resolved.event, this.names);
      if (c.kind === 'outside') return true;
      if (c.kind === 'damaged') throw new NotALedger(c.reason);
      if (matchesFilter(c.event.stream, c.event.encoded.type, filter)) out.push(toRecorded(c.event));
      return maxCount === undefined || out.length < maxCount;
    });
    return out;
  }

  /**
   * From EventStoreDB's `$by_correlation_id` projection (`$bc-<correlationId>`, links resolved), once the
   * projection has processed the ledger up to its current end (or `upTo`). The projection must be set
   * to docket's metadata key: `configureCorrelationIndex()`.
   */
  async readCorrelated(correlationId: string, options: ReadCorrelatedOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateCorrelationId(correlationId);
    const maxCount = checkMaxCount(options.maxCount);
    if (options.upTo !== undefined && (typeof options.upTo !== 'bigint' || options.upTo < 0n)) {
      throw new InvalidAppend('upTo must be a bigint position >= 0');
    }
    const stored = await readCorrelatedStored(this.client, this.names, correlationId, {
      ...(options.upTo !== undefined ? { upTo: options.upTo } : {}),
      ...(maxCount !== undefined ? { maxCount } : {}),
      timeoutMs: this.correlationCatchUpMs,
    });
    return stored.map(toRecorded);
  }

  /**
   * Sets EventStoreDB's `$by_correlation_id` projection to docket's metadata key (`correlationId`) and
   * starts it: what `readCorrelated` reads. Server-wide; needs operations rights; run once per database,
   * before the first append (or reset the projection afterwards).
   */
  async configureCorrelationIndex(): Promise<void> {
    this.assertOpen();
    await configureCorrelationProjection(this.client);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    if (options.after !== undefined && (typeof options.after !== 'bigint' || options.after < 0n)) {
      throw new InvalidAppend('after must be a bigint position >= 0');
    }
    const subscription = new EventStoreDbSubscription(this.client, this.names, options.after, options.filter);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    this.assertOpen();
    return verifyChains(this.client, this.names, options);
  }

  /** The last ledger event's position and hash (its stream hash): the port's head, as for every adapter. */
  async idempotencyResult(key: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    if (typeof key !== 'string' || key === '')
      throw new InvalidAppend('An idempotency key must be a non-empty string');
    return lookupIdempotencyKey(this.client, this.names, key);
  }

  async head(): Promise<{ position: bigint | undefined; hash: string }> {
    this.assertOpen();
    return lastEventHead(this.client, this.names);
  }

  /**
   * The global chain over the whole log in $all order (follower checkpoint + events since): the value
   * that commits to all of history, for signed checkpoints. EventStoreDB-specific.
   */
  async globalChainHead(): Promise<{ count: number; position: bigint | undefined; hash: string }> {
    this.assertOpen();
    return globalChainHead(this.client, this.names);
  }

  /** Starts the global-chain follower on this ledger's client and namespace (run one per ledger). */
  startChainFollower(
    options: Omit<GlobalChainFollowerOptions, 'client' | 'connectionString' | 'namespace'> = {},
  ): Promise<GlobalChainFollower> {
    this.assertOpen();
    return GlobalChainFollower.start({
      ...options,
      client: this.client,
      ...(this.names.namespace !== undefined ? { namespace: this.names.namespace } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new LedgerClosed();
  }
}

function checkMaxCount(maxCount: unknown): number | undefined {
  if (maxCount === undefined) return undefined;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new InvalidAppend('maxCount must be an integer >= 0');
  }
  return maxCount;
}
