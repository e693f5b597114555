import type { DomainError } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import type { ReadModelStore } from '@docket/projections';

export interface ReactionOptions {
  /** The service's store, where the reaction keeps how far it got. */
  checkpoints: ReadModelStore;
  /** Names the checkpoint (the durable's name). */
  name: string;
  /**
   * Told when the rules refuse a reaction's command (a DomainError): the event is then passed over, not
   * retried, because retrying cannot change the rule's answer and would hold up every later event.
   */
  onRefused?: (event: RecordedEvent, error: DomainError) => void;
}

/** The category of a stream: its name up to the first '-', the unit the relays publish in order. */
const categoryOf = (stream: string): string => stream.slice(0, Math.max(0, stream.indexOf('-'))) || stream;

/**
 * Wraps a reaction to integration events (the relayed ledger events) so that it runs at most once per
 * event as far as anyone can see, although the bus delivers at least once:
 * - events of one category arrive in ledger order (one relay publishes them, the durable holds one in
 *   flight), so a checkpoint per category, the position of the last event handled, recognises a
 *   redelivery or a relay's re-publication after a restart without touching the ledger;
 * - the reaction's command carries an idempotency key derived from the event id, which covers the
 *   window between appending and moving the checkpoint (a crash there redelivers; the ledger answers
 *   with the first result);
 * - a refusal by the rules is reported and passed over; anything else (ledger or bus down) throws, and
 *   the bus redelivers later.
 */
export function checkpointedReaction(
  options: ReactionOptions,
  react: (event: RecordedEvent) => Promise<void>,
): (payload: unknown) => Promise<void> {
  return async (payload) => {
    const event = payload as RecordedEvent;
    const checkpoint = `${options.name}:${categoryOf(event.stream)}`;
    const done = await options.checkpoints.checkpoint(checkpoint);
    if (done !== undefined && event.position <= done) return;
    try {
      await react(event);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      options.onRefused?.(event, error as DomainError);
    }
    await options.checkpoints.applyBatch(checkpoint, event.position, () => undefined);
  };
}

/** A refusal by the rules or the policy, here (DomainError, IdentityError) or from another service over the bus (RemoteError keeps the kind). */
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
