import { createHash } from 'node:crypto';
import { InvalidAppend } from '../errors';

/**
 * How the ledger's logical stream names map onto EventStoreDB stream names.
 *
 * Without a namespace a logical stream is stored under its own name. With one, it is stored as
 * `<namespace>/<stream>`, so several ledgers (test runs, tenants) can share one EventStoreDB without
 * seeing each other. The adapter's own bookkeeping streams contain a second `/`
 * (`docket/chain`, `docket/idempotency/<hash>`): the port's stream names cannot contain `/`, so no
 * caller's stream can collide with them.
 */
export class StreamNames {
  private readonly prefix: string;

  constructor(readonly namespace: string | undefined) {
    if (namespace !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(namespace)) {
      throw new InvalidAppend(`Invalid EventStoreDB namespace ${JSON.stringify(namespace)}`);
    }
    this.prefix = namespace === undefined ? '' : `${namespace}/`;
  }

  /** Prefix every stream of this ledger starts with in EventStoreDB ('' without a namespace). */
  get storedPrefix(): string {
    return this.prefix;
  }

  toStored(stream: string): string {
    return `${this.prefix}${stream}`;
  }

  /** The logical name of a stored caller stream; undefined for other namespaces, system and bookkeeping streams. */
  toLogical(stored: string): string | undefined {
    if (stored.startsWith('$') || !stored.startsWith(this.prefix)) return undefined;
    const logical = stored.slice(this.prefix.length);
    if (logical === '' || logical.includes('/')) return undefined;
    return logical;
  }

  /** The follower's checkpoint stream. */
  get chainStream(): string {
    return `${this.prefix}docket/chain`;
  }

  /** One stream per caller-chosen event id: its first event names the stream that owns the id. */
  eventIdStream(eventId: string): string {
    return `${this.prefix}docket/event-id/${eventId.toLowerCase()}`;
  }

  /** One stream per idempotency key: its first event reserves the key for one request. */
  idempotencyStream(key: string): string {
    return `${this.prefix}docket/idempotency/${createHash('sha256').update(key).digest('hex')}`;
  }
}

/**
 * A name-based uuid (version-5 layout, SHA-256 instead of SHA-1): the same name always gives the
 * same id, which is what makes a retried keyed append hit EventStoreDB's own idempotence check.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(`docket/uuid\n${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function idempotentEventId(key: string, index: number): string {
  return nameBasedUuid(`event\n${key}\n${index}`);
}
