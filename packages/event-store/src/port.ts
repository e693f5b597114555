/**
 * The ledger port: EventStoreDB's semantics, so that the SQLite adapter (one machine) and the
 * EventStoreDB adapter (many machines) are interchangeable behind it. Every service reaches the
 * ledger through this interface only.
 */

import type { HashAlgorithm } from './crypto-profile';

/** Who acted. People carry id, name, roles and department; the system is `system:<service>`. */
export interface ActorMetadata {
  id: string;
  name: string;
  roles: string[];
  department?: string;
}

/** W3C trace context as carried in `traceparent` / `tracestate`. */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

/** What a caller hands to `appendToStream`. */
export interface NewEvent<Data = unknown> {
  /** uuid; generated when absent. Appending an id that is already stored is idempotent (see AppendResult). */
  id?: string;
  type: string;
  /** Version of this event type's payload schema; upcasters on read bring old versions forward. */
  schemaVersion?: number;
  data: Data;
  /** Domain time: when the action happened (ISO-8601 with offset). */
  occurredAt: string;
  actor: ActorMetadata;
  /** window / web / mobile / post / system: how the action reached the centre. */
  channel?: string;
  /** The written reason or opinion where the action needs one (说理式). */
  reason?: string;
  /** The case number the event belongs to; a case's history is every event with its correlation id. */
  correlationId?: string;
  /** Id of the event (or request) that caused this one. */
  causationId?: string;
  traceContext?: TraceContext;
}

/** What the ledger returns: the event as stored, with its place in the stream and in the global log. */
export interface RecordedEvent<Data = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  stream: string;
  /** 0-based, contiguous within the stream. */
  revision: bigint;
  /** Place in the global log; strictly increasing in commit order. */
  position: bigint;
  occurredAt: string;
  /** When the ledger stored it (wall clock of the ledger, not domain time). */
  recordedAt: string;
  actor: ActorMetadata;
  channel?: string;
  reason?: string;
  correlationId?: string;
  causationId?: string;
  traceContext?: TraceContext;
  data: Data;
  /** Hex chain hash of this event: SHA-256, or SM3 in a 国密 ledger (`EventStore.hashAlgorithm`; ARCHITECTURE.md, "Tamper evidence"). */
  hash: string;
  /**
   * Set by a reader that shows some fields otherwise than stored (packages/personal-data: sealed personal
   * values opened, or the erased marker): each such field's stored value by its path (`data.applicant.name`,
   * `actor.name`). The hash covers these (`storedForm`, `recordStringOf`). Absent from what the ledger reads.
   */
  sealed?: Readonly<Record<string, string>>;
}

/**
 * Expected revision of the stream before the append (optimistic concurrency):
 * `any` no check; `no_stream` the stream must not exist; `stream_exists` it must; a bigint: the
 * revision of the stream's last event must be exactly that.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * Makes a retried command safe: the first append with a key stores its events and its result;
   * a later append with the same key and the same fingerprint stores nothing and returns the first
   * result; the same key with a different fingerprint is an `IdempotencyKeyReused` error.
   */
  idempotency?: {
    key: string;
    /** Identifies the request; defaults to a hash of stream, event types and data. */
    fingerprint?: string;
  };
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** Global positions of the first and last event of this append. */
  firstPosition: bigint;
  lastPosition: bigint;
  /** True when nothing new was stored because the append had already happened (same ids or key). */
  replayed: boolean;
}

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  stream: string;
  /** The first append's result, with `replayed: true`. */
  result: AppendResult;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Start here (inclusive); default: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Start after this position (exclusive, a checkpoint); default: the beginning. */
  after?: bigint;
  /** Stop at this position (inclusive). */
  upTo?: bigint;
  maxCount?: number;
  filter?: EventFilter;
}

/** Subscription and read-all filter: by stream name prefix and/or by event type. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadCorrelatedOptions {
  /** Stop at this global position (inclusive): the case as the ledger held it then. */
  upTo?: bigint;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events after this position (the subscriber's checkpoint); default: from the beginning. */
  after?: bigint;
  filter?: EventFilter;
}

/**
 * A catch-up subscription: history, then live, in global order, as an async iterator. Breaking
 * out of the loop or calling `stop()` ends it. A filtered subscription still advances
 * `checkpoint` past events it skipped, so a subscriber can store it and resume without rescanning.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Position of the last event delivered or skipped by the filter. */
  readonly checkpoint: bigint | undefined;
  stop(): Promise<void>;
}

export type VerifyResult =
  | { ok: true; count: number; headPosition: bigint | undefined; headHash: string }
  | { ok: false; count: number; position: bigint; reason: string };

export interface VerifyOptions {
  /** Start at this position (inclusive); the chain is taken up from the event before it. */
  from?: bigint;
  to?: bigint;
}

export interface EventStore {
  appendToStream(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream. A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The revision of the stream's last event, or undefined if the stream does not exist. */
  streamRevision(stream: string): Promise<bigint | undefined>;
  /** One page of the global log in order. Loop with `after = last.position` to read it all. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Every event whose envelope carries this correlation id (a case number: the events of all the case's
   * streams, and of complaints and orders about it), in global order, from an index: a case's history
   * without scanning the log.
   */
  readCorrelated(correlationId: string, options?: ReadCorrelatedOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Walks the hash chain; names the first position that does not match. */
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * What an idempotency key was used for: its fingerprint, stream and the first append's result; undefined
   * when no append with this key was stored. Lets a caller answer a retried request before deciding it
   * again (a decider may refuse a command that already happened).
   */
  idempotencyResult(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * A ledger that does not store a caller's fingerprint as given (packages/personal-data's sealed ledger
   * keys it, so that a hash of a request's personal values does not outlive their erasure): what it stores
   * for `fingerprint`, for a caller comparing with `idempotencyResult`. Absent: stored as given.
   */
  storedFingerprint?(fingerprint: string): string;
  /** The chain head: last position and its hash (genesis hash and undefined on an empty ledger). */
  head(): Promise<{ position: bigint | undefined; hash: string }>;
  /**
   * The hash the chain is made with, as the ledger records it (`sha256`, or `sm3` in a 国密 ledger): what
   * a verifier recomputes `hash` with (`chainHash(previous, recordStringOf(e), hashAlgorithm)`).
   */
  readonly hashAlgorithm: HashAlgorithm;
  close(): Promise<void>;
}
