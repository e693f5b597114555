import type { ActorMetadata, EventStore } from '@docket/event-store';
import { chainScopeOf, previousHashes } from './chain-links';
import { opinionOf, reasonOf } from './reason';

/** One line of a case's history: what happened, who did it, why, and the hashes that prove it. */
export interface CaseHistoryEntry {
  position: bigint;
  stream: string;
  revision: bigint;
  eventId: string;
  type: string;
  /** Domain time: when it happened. */
  occurredAt: string;
  /** When the ledger stored it. */
  recordedAt: string;
  actor: ActorMetadata;
  channel: string | null;
  /** 说理式: the written reason (see `reasonOf`). */
  reason: string | null;
  /** 审查意见, where the event records one. */
  opinion: string | null;
  /** The event (or request) this one answered: a reaction's trigger. */
  causationId: string | null;
  hash: string;
  /** The predecessor's hash: `hash = chainHash(previousHash, record)` re-checks the link. */
  previousHash: string;
}

export interface CaseHistoryOptions {
  /** The history as the ledger held it at this global position (inclusive). */
  upTo?: bigint;
}

/**
 * 办件全过程: every event correlated to the case (application, review, clock, rating, and complaints and
 * orders about it), merged in global order, from the ledger's correlation index.
 */
export async function caseHistory(
  ledger: EventStore,
  caseNo: string,
  options: CaseHistoryOptions = {},
): Promise<CaseHistoryEntry[]> {
  const events = await ledger.readCorrelated(
    caseNo,
    options.upTo === undefined ? {} : { upTo: options.upTo },
  );
  const previous = await previousHashes(ledger, events, chainScopeOf(ledger));
  return events.map((e, i) => ({
    position: e.position,
    stream: e.stream,
    revision: e.revision,
    eventId: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.actor,
    channel: e.channel ?? null,
    reason: reasonOf(e),
    opinion: opinionOf(e.data),
    causationId: e.causationId ?? null,
    hash: e.hash,
    previousHash: previous[i]!,
  }));
}
