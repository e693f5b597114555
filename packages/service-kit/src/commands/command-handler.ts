import type { Command, Decider, DomainEvent } from '@docket/domain';
import {
  type EventStore,
  IdempotencyKeyReused,
  type NewEvent,
  type RecordedEvent,
  type TraceContext,
  WrongExpectedRevision,
} from '@docket/event-store';
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

export interface Handled<S> {
  stream: string;
  /** The events this command stored (empty when the decider decided nothing, or on a replay). */
  events: RecordedEvent[];
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

  async function load(stream: string): Promise<{ state: S; revision: bigint | undefined }> {
    const recorded = await store.readStream(stream);
    let state = decider.initialState();
    for (const event of recorded)
      state = decider.evolve(state, { type: event.type, data: upcast(upcasters, event) } as E);
    return { state, revision: recorded.at(-1)?.revision };
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
    const sameRequest =
      earlier.stream === stream &&
      (idempotency.fingerprint === undefined || earlier.fingerprint === idempotency.fingerprint);
    if (!sameRequest) throw new IdempotencyKeyReused(idempotency.key);
    const { state } = await load(stream);
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
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await load(stream);
      const decided = decider.decide(command, state);
      if (decided.length === 0)
        return { stream, events: [], revision, position: undefined, replayed: false, state };
      const correlationId = handleOptions.correlationId ?? options.correlationOf?.(state);
      const envelope = correlationId === undefined ? handleOptions : { ...handleOptions, correlationId };
      const events = decided.map((event) => toNewEvent(event, command, envelope, upcasters));
      const expectedRevision = handleOptions.expectedRevision ?? revision ?? 'no_stream';
      try {
        const result = await store.appendToStream(stream, events, {
          expectedRevision,
          ...(handleOptions.idempotency ? { idempotency: handleOptions.idempotency } : {}),
        });
        const stored = result.replayed
          ? []
          : await store.readStream(stream, {
              fromRevision: result.nextExpectedRevision - BigInt(events.length - 1),
            });
        const newState = result.replayed
          ? (await load(stream)).state
          : decided.reduce((s, e) => decider.evolve(s, e), state);
        return {
          stream,
          events: stored,
          revision: result.nextExpectedRevision,
          position: result.lastPosition,
          replayed: result.replayed,
          state: newState,
        };
      } catch (error) {
        const raced = error instanceof WrongExpectedRevision && handleOptions.expectedRevision === undefined;
        if (!raced || attempt >= maxAttempts) throw error;
      }
    }
  }

  return { handle, load };
}

export type CommandHandler<C extends Command, S> = {
  handle(stream: string, command: C, options?: HandleOptions): Promise<Handled<S>>;
  load(stream: string): Promise<{ state: S; revision: bigint | undefined }>;
};

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
