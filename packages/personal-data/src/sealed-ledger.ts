import { ERASED } from '@docket/domain';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  newEventId,
  type RecordedEvent,
  type Subscription,
  valueAt,
  withValueAt,
} from '@docket/event-store';
import { type CipherSuites, defaultSuites } from './cipher';
import { type Envelope, formatEnvelope, parseEnvelope, sealedValueAad } from './envelope';
import { docketRegistry, type PersonalDataRegistry, type SealGroup, sealablePaths } from './registry';
import { valueKey } from './value-keys';
import type { PersonalDataVault } from './vault';

export interface SealedLedgerOptions {
  registry?: PersonalDataRegistry;
  suites?: CipherSuites;
  /** Close the vault with the ledger (a command-line run that opened both); default false: the host does. */
  ownsVault?: boolean;
}

/**
 * The ledger with personal data sealed (crypto-shredding, PIPL Art. 47). Each personal value the registry
 * names is replaced, before it is appended, by an envelope (envelope.ts) sealed with its data subject's key
 * from the vault; every read opens the envelopes again, to the value while the key exists and to the
 * marker 〔已删除〕 (`ERASED`) once the subject was erased. So the ledger's files, its hash chain, `verify` and
 * the signed checkpoints hold and cover only ciphertext, and they verify the same before and after any
 * erasure; what the services, read models, histories and exports read is the value or the marker.
 *
 * An opened event lists the stored value of each field it opened in `sealed` (event-store's `storedForm`),
 * so that the record an export prints, and its hash, are the stored ones.
 *
 * A Proxy, like telemetry's tracedLedger: the port's methods that carry events are wrapped, everything
 * else (verify, head, streamRevision, idempotencyResult, close, and an adapter's own members, `path`,
 * `globalChainHead`) passes through to the inner ledger, which is what they are about.
 */
export function sealedLedger<S extends EventStore>(
  inner: S,
  vault: PersonalDataVault,
  options: SealedLedgerOptions = {},
): S {
  const seals = new Seals(vault, options.registry ?? docketRegistry, options.suites ?? defaultSuites());
  const open = (event: RecordedEvent) => seals.open(event);
  const wrapped: Partial<EventStore> = {
    appendToStream(stream: string, events: NewEvent[], appendOptions?: AppendOptions): Promise<AppendResult> {
      let sealed: NewEvent[];
      let fingerprinted: AppendOptions | undefined;
      try {
        sealed = Array.isArray(events) ? events.map((event) => seals.seal(stream, event)) : events;
        fingerprinted = seals.fingerprinted(stream, events, appendOptions);
      } catch (error) {
        return Promise.reject(error);
      }
      return fingerprinted === undefined
        ? inner.appendToStream(stream, sealed)
        : inner.appendToStream(stream, sealed, fingerprinted);
    },
    readStream: async (stream, readOptions) => (await inner.readStream(stream, readOptions)).map(open),
    readAll: async (readOptions) => (await inner.readAll(readOptions)).map(open),
    readCorrelated: async (correlationId, readOptions) =>
      (await inner.readCorrelated(correlationId, readOptions)).map(open),
    subscribeToAll: (subscribeOptions) =>
      new OpenedSubscription(inner.subscribeToAll(subscribeOptions), open),
    storedFingerprint: (fingerprint) => seals.storedFingerprint(fingerprint),
    ...(options.ownsVault === true
      ? {
          async close() {
            await inner.close();
            vault.close();
          },
        }
      : {}),
  };
  const bound = new WeakMap<object, unknown>();
  return new Proxy(inner, {
    get(target, property) {
      if (property === VAULT) return vault;
      if (property === STORED) return inner;
      if (typeof property === 'string' && Object.hasOwn(wrapped, property))
        return wrapped[property as keyof EventStore];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(value);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(value, method);
      }
      return method;
    },
  });
}

const VAULT = Symbol.for('docket.personal-data.vault');
const STORED = Symbol.for('docket.personal-data.stored');

/**
 * The ledger as stored beneath a sealed ledger (the ledger itself otherwise): for a reader that needs only
 * which keys events name, never their values (retention.ts), and should not pay for opening them.
 */
export function storedLedgerOf(ledger: EventStore): EventStore {
  return (ledger as unknown as Record<symbol, EventStore | undefined>)[STORED] ?? ledger;
}

/**
 * The vault a ledger opens personal values with, when it is a sealed ledger (through any decorator that
 * passes members on, as tracedLedger does); undefined for a ledger read as stored. For what needs the keys
 * beside the events (an export's value keys: value-keys.ts).
 */
export function vaultOf(ledger: EventStore): PersonalDataVault | undefined {
  return (ledger as unknown as Record<symbol, PersonalDataVault | undefined>)[VAULT];
}

/** Sealing and opening, by the registry, with the vault's keys. */
class Seals {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly registry: PersonalDataRegistry,
    private readonly suites: CipherSuites,
  ) {}

  /** The event with every personal value the registry names sealed; an event with none, as it is. */
  seal(stream: string, event: NewEvent): NewEvent {
    if (event === null || typeof event !== 'object' || typeof event.type !== 'string') return event;
    const groups = this.groupsOf(stream, event);
    if (groups.length === 0) return event;
    // The value is bound to its event (AAD): the event needs its id before it is stored.
    let sealed: NewEvent = event.id === undefined ? { ...event, id: newEventId() } : event;
    const id = sealed.id as string;
    const done = new Set<string>();
    for (const group of groups) {
      const subject = this.subjectOf(stream, group);
      const { keyId, key } = this.vault.sealingKey(subject, group.ownsStream ? stream : undefined);
      const suite = this.suites.sealWith;
      for (const path of group.paths) {
        const value = valueAt(sealed, path);
        if (typeof value !== 'string' || done.has(path)) continue;
        done.add(path);
        const aad = sealedValueAad(stream, id, event.type, path);
        const bytes = suite.seal(valueKey(key, aad, suite.valueKeyHash), Buffer.from(value, 'utf8'), aad);
        sealed = withValueAt(sealed, path, formatEnvelope({ suite: suite.id, keyId, bytes }));
      }
    }
    return sealed;
  }

  /**
   * The event as shown: each sealed value opened, or the marker where its key is gone, and the stored values
   * in `sealed`. An event with nothing sealed is returned as it is (the same, possibly frozen, object).
   */
  open(event: RecordedEvent): RecordedEvent {
    let opened = event;
    let stored: Record<string, string> | undefined;
    for (const path of sealablePaths(this.registry, event.type)) {
      const value = valueAt(event, path);
      const envelope = parseEnvelope(value);
      if (envelope === undefined) continue;
      const plain = this.openOne(envelope, sealedValueAad(event.stream, event.id, event.type, path));
      opened = withValueAt(opened, path, plain);
      stored ??= {};
      stored[path] = value as string;
    }
    return stored === undefined ? event : { ...opened, sealed: stored };
  }

  /**
   * The idempotency options to store: the caller's, and where the caller gave no fingerprint, one over the
   * events as given. The ledger's own default is a hash of the stored data, and sealed data differs at every
   * try (a fresh nonce), so a retry would no longer look like the same request. Keyed with the vault's
   * secret: a plain hash of personal values would outlive their erasure as something a guess can be checked
   * against.
   */
  fingerprinted(
    stream: string,
    events: NewEvent[],
    options: AppendOptions | undefined,
  ): AppendOptions | undefined {
    const idempotency = options?.idempotency;
    if (idempotency?.fingerprint !== undefined)
      return {
        ...options,
        idempotency: { ...idempotency, fingerprint: this.storedFingerprint(idempotency.fingerprint) },
      };
    if (idempotency === undefined || !Array.isArray(events)) return options;
    const text = [stream, ...events.flatMap((e) => [e.type, JSON.stringify(e.data)])].join('\n');
    return {
      ...options,
      idempotency: { ...idempotency, fingerprint: this.vault.keyedHash('fingerprint', text) },
    };
  }

  /**
   * A caller's fingerprint (the gateway's SHA-256 of a request's body, personal values included) as
   * stored: keyed with the vault's secret, for the reason above. A retry's fingerprint keys the same.
   */
  storedFingerprint(fingerprint: string): string {
    return this.vault.keyedHash('request-fingerprint', fingerprint);
  }

  private openOne(envelope: Envelope, aad: Buffer): string {
    const suite = this.suites.get(envelope.suite);
    if (suite === undefined)
      throw new Error(
        `a personal value is sealed with cipher suite ${envelope.suite}, which this docket lacks`,
      );
    const key = this.vault.key(envelope.keyId);
    if (key === undefined) return ERASED;
    return suite.open(valueKey(key, aad, suite.valueKeyHash), envelope.bytes, aad).toString('utf8');
  }

  private groupsOf(stream: string, event: NewEvent): SealGroup[] {
    const seen = { stream, type: event.type, data: event.data, actor: event.actor };
    const groups = [...(this.registry.rule(event.type)?.groups(seen) ?? [])];
    if (event.actor !== null && typeof event.actor === 'object' && Array.isArray(event.actor.roles))
      groups.push(...this.registry.everyEvent.groups(seen));
    return groups.filter((group) => group.paths.length > 0);
  }

  private subjectOf(stream: string, group: SealGroup): string {
    if (group.subject !== 'stream-owner') return this.vault.subjectRef(group.subject);
    return this.vault.subjectOfStream(stream) ?? this.vault.subjectRef({ kind: 'stream', stream });
  }
}

/** A subscription whose events are opened as they are handed over; its checkpoint and stop are the inner's. */
class OpenedSubscription implements Subscription {
  constructor(
    private readonly inner: Subscription,
    private readonly open: (event: RecordedEvent) => RecordedEvent,
  ) {}

  get checkpoint(): bigint | undefined {
    return this.inner.checkpoint;
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const events = this.inner[Symbol.asyncIterator]();
    return {
      next: () =>
        events
          .next()
          .then((result) => (result.done ? result : { done: false, value: this.open(result.value) })),
      return: (value?: unknown) =>
        events.return === undefined
          ? Promise.resolve({ done: true as const, value: undefined })
          : events.return(value),
    };
  }
}
