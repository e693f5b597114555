import type { DomainError } from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';

export interface ReactionOptions {
  /** The ledger, which remembers every reaction's command by its idempotency key. */
  ledger: EventStore;
  /** Names the reaction (its durable); keys are `<name>:<event id>`. */
  name: string;
  /** The event types it reacts to; the others are passed over at once. */
  types: readonly string[];
  /**
   * Pass over an event whose key the ledger already has (default true). A reaction that issues several
   * commands per event, each idempotent on its own, turns this off and checks each itself.
   */
  passOverKnownKeys?: boolean;
  /**
   * Told when the rules refuse a reaction's command (a DomainError): the event is then passed over, not
   * retried, because retrying cannot change the rule's answer and would hold up the case's later events.
   */
  onRefused?: (event: RecordedEvent, error: DomainError) => void;
}

/** Events a reaction durable keeps in hand at once: different cases react side by side. */
export const REACTION_CONCURRENCY = 32;

/**
 * Wraps a reaction to integration events (relayed ledger events) so that its command runs once per event
 * as far as anyone can see, although the bus delivers at least once, and so that the events of one
 * stream (one case) are reacted to in order while different cases go side by side:
 * - the reaction's command carries the idempotency key `<name>:<event id>`; before anything else, the
 *   ledger is asked whether that key was used, and a redelivered or re-published event is passed over;
 * - events of one stream wait for the one before them; if that one failed, they fail too and come back
 *   after it (the bus redelivers in order), so a withdrawal is never reacted to before its acceptance;
 * - a refusal by the rules or the policy is reported and passed over; anything else (ledger or bus down)
 *   throws, and the bus redelivers later.
 * Order per stream holds within one member of the durable: run a service's reactions in one instance.
 */
export function idempotentReaction(
  options: ReactionOptions,
  react: (event: RecordedEvent, idempotencyKey: string) => Promise<void>,
): (payload: unknown) => Promise<void> {
  /** Per stream, whether the latest event in hand succeeded (resolves when it is done). */
  const tails = new Map<string, Promise<boolean>>();
  const types = new Set(options.types);
  return async (payload) => {
    const event = payload as RecordedEvent;
    if (!types.has(event.type)) return;
    const key = `${options.name}:${event.id}`;
    const before = tails.get(event.stream);
    const work = (async () => {
      if (before !== undefined && !(await before))
        throw new Error(`an earlier event of ${event.stream} failed; this one follows it when it comes back`);
      if ((options.passOverKnownKeys ?? true) && (await options.ledger.idempotencyResult(key)) !== undefined)
        return;
      try {
        await react(event, key);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        options.onRefused?.(event, error as DomainError);
      }
    })();
    const tail = work.then(
      () => true,
      () => false,
    );
    tails.set(event.stream, tail);
    try {
      await work;
    } finally {
      if (tails.get(event.stream) === tail) tails.delete(event.stream);
    }
  };
}

/**
 * A refusal by the rules or the policy, here (DomainError, IdentityError) or from another service over
 * the bus (RemoteError keeps the kind).
 */
function isRefusal(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return (
    kind === 'illegal_transition' ||
    kind === 'rule_broken' ||
    kind === 'not_found' ||
    kind === 'invalid' ||
    kind === 'forbidden'
  );
}
