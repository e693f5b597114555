/**
 * Typed bus errors. `code` is stable across both implementations so the gateway can map it; a remote
 * handler's own typed error arrives as `RemoteError` carrying the handler's code.
 */
export class BusError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Nothing serves the subject (NATS no-responders): reported at once, not after the timeout. */
export class NoResponders extends BusError {
  constructor(readonly subject: string) {
    super('NoResponders', `No server for ${subject}`);
  }
}

/** A server exists but did not reply in time; it may still have acted on the request. */
export class RequestTimeout extends BusError {
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super('RequestTimeout', `No reply on ${subject} within ${timeoutMs} ms`);
  }
}

/** The handler rejected the request: the handler's error, carried over the bus (see the error envelope). */
export class RemoteError extends BusError {
  constructor(
    code: string,
    message: string,
    readonly kind: string | undefined,
    readonly details: unknown,
  ) {
    super(code, message);
  }
}

/** Bytes from the wire that are not a docket message (bad JSON, bad bigint, bad envelope). */
export class MalformedMessage extends BusError {
  constructor(reason: string) {
    super('MalformedMessage', `Malformed message: ${reason}`);
  }
}

/** A payload that JSON cannot carry (a cycle, ...): refused before sending. */
export class UnserialisablePayload extends BusError {
  constructor(reason: string) {
    super('UnserialisablePayload', `Payload cannot be encoded: ${reason}`);
  }
}

/** A subject, pattern, queue, durable name or header that NATS would refuse. */
export class InvalidSubject extends BusError {
  constructor(message: string) {
    super('InvalidSubject', message);
  }
}

/** A header NATS cannot carry (not a token name, a line break in the value) or a reserved one. */
export class InvalidHeader extends BusError {
  constructor(message: string) {
    super('InvalidHeader', message);
  }
}

/** An integration event published without a message id: de-duplication would be impossible. */
export class MissingMessageId extends BusError {
  constructor(readonly subject: string) {
    super('MissingMessageId', `The event on ${subject} has no message id`);
  }
}

/** A durable consumer exists with another subject pattern: two services picked the same name. */
export class DurableConflict extends BusError {
  constructor(
    readonly durable: string,
    readonly existingPattern: string,
    readonly requestedPattern: string,
  ) {
    super('DurableConflict', `Durable ${durable} consumes ${existingPattern}, not ${requestedPattern}`);
  }
}

/** The bus is closed (or closing). */
export class BusClosed extends BusError {
  constructor() {
    super('BusClosed', 'The bus is closed');
  }
}
