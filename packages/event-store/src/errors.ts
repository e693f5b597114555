/**
 * Typed ledger errors. `code` is stable across adapters and transports (problem+json `type`,
 * typed NATS errors are built from it).
 */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Optimistic concurrency conflict: carries what the caller expected and what the stream is at. */
export class WrongExpectedRevision extends LedgerError {
  constructor(
    readonly stream: string,
    readonly expected: string,
    /** The stream's revision, or undefined if it does not exist. */
    readonly actual: bigint | undefined,
  ) {
    super(
      'WrongExpectedRevision',
      `Stream ${stream}: expected revision ${expected}, actual ${actual === undefined ? 'no stream' : actual.toString()}`,
    );
  }
}

/** The same idempotency key was used for a different request. */
export class IdempotencyKeyReused extends LedgerError {
  constructor(readonly key: string) {
    super('IdempotencyKeyReused', `Idempotency key ${key} was already used for a different request`);
  }
}

/** Some, but not all, of the event ids of an append are already stored (or stored elsewhere). */
export class DuplicateEventId extends LedgerError {
  constructor(readonly eventId: string) {
    super('DuplicateEventId', `Event id ${eventId} is already stored in another append`);
  }
}

/** The append or read request is malformed: bad stream name, bad revision form, empty append, ... */
export class InvalidAppend extends LedgerError {
  constructor(message: string) {
    super('InvalidAppend', message);
  }
}

/** One event is larger than the configured limit (1 MiB by default). */
export class EventTooLarge extends LedgerError {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super('EventTooLarge', `Event ${eventType} is ${bytes} bytes; the limit is ${limit}`);
  }
}

/**
 * Why a file (or database) is no ledger this adapter can read: not a database at all, a database of
 * another application, a ledger of a newer format, or a damaged one (what a tool reports to its user).
 */
export type NotALedgerKind = 'not-a-database' | 'not-a-ledger' | 'newer-format' | 'damaged';

/** The file (or database) is not a docket ledger, is of a newer format, or is damaged. */
export class NotALedger extends LedgerError {
  constructor(
    message: string,
    readonly kind: NotALedgerKind = 'damaged',
  ) {
    super('NotALedger', message);
  }
}

/**
 * The ledger was made with another hash than this deployment is configured for (`DOCKET_CRYPTO`): a 国密
 * (SM3) ledger opened by a standard (SHA-256) deployment, or the reverse. Refused at open, file untouched:
 * appending links of another hash would break the chain, and a ledger's hash never changes.
 */
export class LedgerHashMismatch extends LedgerError {
  constructor(
    readonly path: string,
    /** What the ledger's head records. */
    readonly recorded: string,
    /** What the configuration asks for. */
    readonly configured: string,
  ) {
    super(
      'LedgerHashMismatch',
      `${path} is a ledger chained with ${recorded.toUpperCase()}, but this deployment is configured for ${configured.toUpperCase()} ` +
        `(DOCKET_CRYPTO=${configured === 'sm3' ? 'gm' : 'standard'}). A ledger keeps the hash it was created with: ` +
        `set DOCKET_CRYPTO=${recorded === 'sm3' ? 'gm' : 'standard'} to open it, or point DOCKET_DATA_DIR at another ledger`,
    );
  }
}

/** The store was closed. */
export class LedgerClosed extends LedgerError {
  constructor() {
    super('LedgerClosed', 'The ledger is closed');
  }
}

/** How long a client is told to wait before retrying a write the full disk refused. */
export const STORAGE_FULL_RETRY_AFTER_SECONDS = 60;

/**
 * The disk holding the ledger (or a read model) is full. SQLite rolled the transaction back whole, so
 * nothing of the write was kept: retrying once space is freed, with the same idempotency key, records it
 * exactly once. Answered 507 with Retry-After, never an opaque 500.
 */
export class StorageFull extends LedgerError {
  readonly details = { retryAfterSeconds: STORAGE_FULL_RETRY_AFTER_SECONDS };
  constructor(cause?: unknown) {
    super(
      'StorageFull',
      'The disk holding the ledger is full: nothing of this request was written. Retry once the ' +
        'operator has freed space (the same Idempotency-Key is safe)',
    );
    if (cause !== undefined) this.cause = cause;
  }
}

/** SQLite's SQLITE_FULL, or the operating system's ENOSPC / EDQUOT (no space, quota exhausted). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || error instanceof StorageFull;
}

/** The error a caller should see: a full disk as `StorageFull`, anything else unchanged. */
export function storageErrorOf(error: unknown): unknown {
  return isDiskFull(error) && !(error instanceof StorageFull) ? new StorageFull(error) : error;
}
