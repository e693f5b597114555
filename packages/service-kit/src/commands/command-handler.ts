import type { Command, Decider, DomainEvent } from '@docket/domain';
import {
  type AppendResult,
  type EventStore,
  IdempotencyKeyReused,
  type NewEvent,
  newEventId,
  type TraceContext,
  WrongExpectedRevision,
} from '@docket/event-store';
import { type FoldedStream, StreamStates } from './stream-states';
import { currentSchemaVersion, type Upcasters, upcast } from './upcasting';

export interface CommandHandlerOptions<C extends Command, S, E extends DomainEvent> {
  store: EventStore;
  decider: Decider<C, S, E>;
  upcasters?: Upcasters;
  /** How many times a command is decided (first try and retries after losing a race); default 10. */
  maxAttempts?: number;
  /**
   * The correlation id (case number) of a stream's events when the command does not name one, from the
   * state the command is decided on: a complaint's later events belong to the case its submission named.
   * Read from the one load the decision uses, not from a load of its own.
   */
  correlationOf?: (state: S) => string | undefined;
  /**
   * How many streams' states to keep between commands (default 2,000; 0 keeps none). A kept state
   * spares the next command on that stream the read and fold, and is checked by the ledger on append.
   */
  keptStates?: number;
}

export interface HandleOptions {
  /**
   * The revision the client saw (HTTP If-Match). When given, a conflict is the client's to resolve and
   * is thrown as WrongExpectedRevision instead of being retried.
   */
  expectedRevision?: bigint | 'no_stream';
  /**
   * Makes a retried request safe: a key already used for this stream with this fingerprint is answered
   * with the first result, without deciding again; with another fingerprint or stream it is refused
   * (IdempotencyKeyReused). Pass a fingerprint of the request (the gateway: a hash of the body); without
   * one, only the ledger's own fingerprint of the decided events can tell two requests apart.
   */
  idempotency?: { key: string; fingerprint?: string };
  /** The case number: a case's history is every event with its correlation id. */
  correlationId?: string;
  /** The event or request that caused this command (a reaction's triggering event id). */
  causationId?: string;
  channel?: string;
  traceContext?: TraceContext;
}

/** An event a command stored: what its answer names, and where it is in the ledger. */
export interface StoredEvent {
  id: string;
  type: string;
  revision: bigint;
  position: bigint;
}

export interface Handled<S> {
  stream: string;
  /** The events this command stored (empty when the decider decided nothing, or on a replay). */
  events: StoredEvent[];
  /** The stream's revision after the command: the next expected revision (undefined: no stream). */
  revision: bigint | undefined;
  /** Global position of the last event stored, or undefined when nothing was stored. */
  position: bigint | undefined;
  /** True when the ledger recognised a retry of an earlier request and stored nothing new. */
  replayed: boolean;
  state: S;
}

/**
 * Runs a decider against one stream: load, upcast, fold, decide, append with the expected revision.
 * Decisions are made from the stream, never from a read model. When another writer got there first,
 * the command is decided again on the new state (it may now be refused by the rules, which is then
 * the answer), up to `maxAttempts` times.
 */
export function createCommandHandler<C extends Command, S, E extends DomainEvent>(
  options: CommandHandlerOptions<C, S, E>,
) {
  const { store, decider } = options;
  const upcasters = options.upcasters ?? {};
  const maxAttempts = options.maxAttempts ?? 10;

  const kept = new StreamStates<S>(options.keptStates ?? 2_000);

  async function read(stream: string): Promise<FoldedStream<S>> {
    const recorded = await store.readStream(stream);
    let state = decider.initialState();
    for (const event of recorded)
      state = decider.evolve(state, { type: event.type, data: upcast(upcasters, event) } as E);
    const folded = { state, revision: recorded.at(-1)?.revision };
    kept.set(stream, folded);
    return folded;
  }

  /** The stream's current state: the kept one when the ledger says the stream has not moved since. */
  async function load(stream: string): Promise<FoldedStream<S>> {
    const known = kept.get(stream);
    if (known !== undefined && known.revision === (await store.streamRevision(stream))) return known;
    return read(stream);
  }

  /**
   * The state to decide on first: the kept one, unless the client named a revision it does not match
   * (then the client's view and ours differ and only the ledger can say which is current).
   */
  function keptFor(stream: string, expected: HandleOptions['expectedRevision']): FoldedStream<S> | undefined {
    const known = kept.get(stream);
    if (known === undefined || expected === undefined) return known;
    return (expected === 'no_stream' ? undefined : expected) === known.revision ? known : undefined;
  }

  /**
   * A retried request is answered from the ledger before it is decided again: by now the decider may
   * refuse it (the case is already accepted), which would be the wrong answer to a retry.
   */
  async function earlierAnswer(
    stream: string,
    idempotency: HandleOptions['idempotency'],
  ): Promise<Handled<S> | undefined> {
    if (!idempotency) return undefined;
    const earlier = await store.idempotencyResult(idempotency.key);
    if (!earlier) return undefined;
    const fingerprint =
      idempotency.fingerprint === undefined
        ? undefined
        : (store.storedFingerprint?.(idempotency.fingerprint) ?? idempotency.fingerprint);
    const sameRequest =
      earlier.stream === stream && (fingerprint === undefined || earlier.fingerprint === fingerprint);
    if (!sameRequest) throw new IdempotencyKeyReused(idempotency.key);
    const { state } = await read(stream);
    return {
      stream,
      events: [],
      revision: earlier.result.nextExpectedRevision,
      position: earlier.result.lastPosition,
      replayed: true,
      state,
    };
  }

  async function handle(stream: string, command: C, handleOptions: HandleOptions = {}): Promise<Handled<S>> {
    const answered = await earlierAnswer(stream, handleOptions.idempotency);
    if (answered) return answered;
    const hint = keptFor(stream, handleOptions.expectedRevision);
    if (hint !== undefined) {
      // Only what the append checks is answered from a kept state: a refusal, a decision to do nothing
      // or a lost race is decided again below, on the ledger's state.
      const decided = decideOrNothing(command, hint.state);
      if (decided.length > 0) {
        const stored = await append(stream, command, hint, decided, handleOptions).catch((error: unknown) => {
          if (error instanceof WrongExpectedRevision) return undefined;
          throw error;
        });
        if (stored) return stored;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const folded = await read(stream);
      const decided = decider.decide(command, folded.state);
      if (decided.length === 0)
        return {
          stream,
          events: [],
          revision: folded.revision,
          position: undefined,
          replayed: false,
          state: folded.state,
        };
      try {
        return await append(stream, command, folded, decided, handleOptions);
      } catch (error) {
        const raced = error instanceof WrongExpectedRevision && handleOptions.expectedRevision === undefined;
        if (!raced || attempt >= maxAttempts) throw error;
      }
    }
  }

  function decideOrNothing(command: C, state: S): E[] {
    try {
      return decider.decide(command, state);
    } catch {
      return [];
    }
  }

  /** Appends what was decided on `folded`, expecting the stream still at its revision. */
  async function append(
    stream: string,
    command: C,
    folded: FoldedStream<S>,
    decided: E[],
    handleOptions: HandleOptions,
  ): Promise<Handled<S>> {
    const correlationId = handleOptions.correlationId ?? options.correlationOf?.(folded.state);
    const envelope = correlationId === undefined ? handleOptions : { ...handleOptions, correlationId };
    const events = decided.map((event) => toNewEvent(event, command, envelope, upcasters));
    try {
      const result = await store.appendToStream(stream, events, {
        expectedRevision: handleOptions.expectedRevision ?? folded.revision ?? 'no_stream',
        ...(handleOptions.idempotency ? { idempotency: handleOptions.idempotency } : {}),
      });
      if (result.replayed) return { ...answerOf(stream, result, []), state: (await read(stream)).state };
      const state = decided.reduce((s, e) => decider.evolve(s, e), folded.state);
      kept.set(stream, { state, revision: result.nextExpectedRevision });
      return { ...answerOf(stream, result, await storedEvents(stream, events, result)), state };
    } catch (error) {
      kept.forget(stream);
      throw error;
    }
  }

  /**
   * Where the events of one append landed. Positions are strictly increasing in commit order, so when
   * the append's first and last are as far apart as its events they are consecutive (SQLite); otherwise
   * (EventStoreDB's commit positions) the ledger is asked.
   */
  async function storedEvents(
    stream: string,
    events: NewEvent[],
    result: AppendResult,
  ): Promise<StoredEvent[]> {
    const count = BigInt(events.length);
    const firstRevision = result.nextExpectedRevision - count + 1n;
    if (result.lastPosition - result.firstPosition === count - 1n)
      return events.map((event, i) => ({
        id: event.id!,
        type: event.type,
        revision: firstRevision + BigInt(i),
        position: result.firstPosition + BigInt(i),
      }));
    const stored = await store.readStream(stream, { fromRevision: firstRevision });
    return stored.map(({ id, type, revision, position }) => ({ id, type, revision, position }));
  }

  return { handle, load };
}

export type CommandHandler<C extends Command, S> = {
  handle(stream: string, command: C, options?: HandleOptions): Promise<Handled<S>>;
  load(stream: string): Promise<FoldedStream<S>>;
};

function answerOf(stream: string, result: AppendResult, events: StoredEvent[]) {
  return {
    stream,
    events,
    revision: result.nextExpectedRevision,
    position: result.lastPosition,
    replayed: result.replayed,
  };
}

/** The ledger envelope of a decided event: domain time and actor from the command, reason from the data. */
function toNewEvent(
  event: DomainEvent,
  command: Command,
  options: HandleOptions,
  upcasters: Upcasters,
): NewEvent {
  const { actor, now } = command.metadata;
  const reason = reasonOf(event.data);
  return {
    // Named here rather than by the ledger, so that the answer can name it without reading it back.
    id: newEventId(),
    type: event.type,
    schemaVersion: currentSchemaVersion(upcasters, event.type),
    data: event.data,
    occurredAt: now,
    actor: {
      id: actor.id,
      name: actor.name,
      roles: actor.roles,
      ...(actor.department !== undefined ? { department: actor.department } : {}),
    },
    ...(reason !== undefined ? { reason } : {}),
    ...(options.channel !== undefined ? { channel: options.channel } : {}),
    ...(options.correlationId !== undefined ? { correlationId: options.correlationId } : {}),
    ...(options.causationId !== undefined ? { causationId: options.causationId } : {}),
    ...(options.traceContext !== undefined ? { traceContext: options.traceContext } : {}),
  };
}

/** 说理式: the written reason or opinion an event carries, lifted into the envelope for audit views. */
function reasonOf(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const { reason, opinion } = data as { reason?: unknown; opinion?: unknown };
  if (typeof reason === 'string' && reason.trim() !== '') return reason;
  if (typeof opinion === 'string' && opinion.trim() !== '') return opinion;
  return undefined;
}
