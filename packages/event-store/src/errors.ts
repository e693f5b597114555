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

/** The file (or database) is not a docket ledger, is of a newer format, or is damaged. */
export class NotALedger extends LedgerError {
  constructor(message: string) {
    super('NotALedger', message);
  }
}

/** The store was closed. */
export class LedgerClosed extends LedgerError {
  constructor() {
    super('LedgerClosed', 'The ledger is closed');
  }
}
