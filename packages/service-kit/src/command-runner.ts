import {
  type CommandReply,
  EXPECTED_REVISION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  REQUEST_FINGERPRINT_HEADER,
} from '@docket/contracts';
import type { Actor, Command, Decider, DomainEvent } from '@docket/domain';
import type { EventStore } from '@docket/event-store';
import type { Headers } from '@docket/messaging';
import { actorOf } from './actor';
import type { Clock } from './clock';
import { createCommandHandler, type Handled, type HandleOptions } from './commands/command-handler';
import { InvalidControlHeader } from './errors';

export interface CommandRunnerOptions<C extends Command, S, E extends DomainEvent> {
  ledger: EventStore;
  decider: Decider<C, S, E>;
  clock: Clock;
  /**
   * Refuses (throws Forbidden) before the decider sees the command, with the stream's current state:
   * authorisation by role and department subtree needs the case's department, which only the stream
   * knows. Runs again on every retry after a lost race, on the state that retry decides on.
   */
  authorise(command: C, state: S): void;
  /** The case a stream's events correlate to when the command names none (see the command handler's). */
  correlationOf?: (state: S) => string | undefined;
}

/** Where a command comes from: the request's headers, or, for a reaction, the system actor and its cause. */
export interface CommandSource {
  subject: string;
  headers: Headers;
  /** A reaction acts as `system:<service>`; requests act as the person in their `docket-actor` header. */
  actor?: Actor;
  caseNo?: string;
  causationId?: string;
  channel?: string;
  /** A reaction's own idempotency key (`<reaction>:<eventId>`), instead of the request's header. */
  idempotencyKey?: string;
  /**
   * When the command happens, if not now: a reaction that records what an event started (a clock, a
   * step) dates it at the event, not at the moment the reaction ran.
   */
  now?: string;
}

const REVISION = /^(0|[1-9][0-9]{0,18})$/;

/** If-Match as the gateway passes it: a revision number, or `no_stream` for "must not exist yet". */
function expectedRevisionOf(headers: Headers): bigint | 'no_stream' | undefined {
  const value = headers[EXPECTED_REVISION_HEADER];
  if (value === undefined) return undefined;
  if (value === 'no_stream') return value;
  if (!REVISION.test(value))
    throw new InvalidControlHeader(EXPECTED_REVISION_HEADER, 'not a revision number');
  return BigInt(value);
}

/**
 * Idempotency keys are the client's choice, so they are scoped by who sent them: two users who happen
 * to pick the same key never see each other's answer.
 */
export function scopedIdempotencyKey(source: CommandSource, actor: Actor): string | undefined {
  if (source.idempotencyKey !== undefined) return source.idempotencyKey;
  const key = source.headers[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 200)
    throw new InvalidControlHeader(IDEMPOTENCY_KEY_HEADER, '1-200 characters');
  return `request:${actor.id}:${key}`;
}

export function replyOf<S>(handled: Handled<S>, caseNo?: string): CommandReply {
  return {
    stream: handled.stream,
    ...(caseNo === undefined ? {} : { caseNo }),
    revision: handled.revision ?? null,
    position: handled.position ?? null,
    replayed: handled.replayed,
    events: handled.events.map((e) => ({ id: e.id, type: e.type, position: e.position })),
  };
}

/**
 * The one path from a request to the ledger in every service: who acts (from the headers, or the
 * system for reactions), when (the service's clock), may they (authorise, on the stream's state), then
 * load → decide → append with the expected revision → retry on a lost race, with the envelope filled
 * in (correlation = case number, causation, channel) and idempotency keys honoured. The trace context is
 * the traced ledger's to stamp (@docket/telemetry): it names the append's own span.
 */
export function createCommandRunner<C extends Command, S, E extends DomainEvent>(
  options: CommandRunnerOptions<C, S, E>,
) {
  const { decider, authorise } = options;
  const guarded: Decider<C, S, E> = {
    initialState: decider.initialState,
    evolve: decider.evolve,
    decide: (command, state) => {
      authorise(command, state);
      return decider.decide(command, state);
    },
  };
  const handler = createCommandHandler({
    store: options.ledger,
    decider: guarded,
    ...(options.correlationOf === undefined ? {} : { correlationOf: options.correlationOf }),
  });

  async function run(
    stream: string,
    type: C['type'],
    data: unknown,
    source: CommandSource,
  ): Promise<Handled<S>> {
    const actor = source.actor ?? actorOf(source.headers, source.subject);
    const command = { type, data, metadata: { now: source.now ?? options.clock.now(), actor } } as C;
    const key = scopedIdempotencyKey(source, actor);
    const fingerprint = source.headers[REQUEST_FINGERPRINT_HEADER];
    const expectedRevision = expectedRevisionOf(source.headers);
    const handleOptions: HandleOptions = {
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
      ...(key === undefined
        ? {}
        : { idempotency: fingerprint === undefined ? { key } : { key, fingerprint } }),
      ...(source.caseNo === undefined ? {} : { correlationId: source.caseNo }),
      ...(source.causationId === undefined ? {} : { causationId: source.causationId }),
      ...(source.channel === undefined ? {} : { channel: source.channel }),
    };
    return handler.handle(stream, command, handleOptions);
  }

  return { run, load: handler.load };
}

export type CommandRunner<C extends Command, S> = {
  run(stream: string, type: C['type'], data: unknown, source: CommandSource): Promise<Handled<S>>;
  load(stream: string): Promise<{ state: S; revision: bigint | undefined }>;
};
