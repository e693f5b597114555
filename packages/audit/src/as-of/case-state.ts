import type { EventStore, RecordedEvent } from '@docket/event-store';
import { type CaseStates, foldCase } from './fold-case';
import { InvalidAsOf, instantNanos } from './instant';

/** A past moment: a global position of the ledger, or an instant of domain time. */
export type AsOf = { position: bigint } | { instant: string };

export interface CaseStateAsOf extends CaseStates {
  caseNo: string;
  /**
   * The moment answered. For a position: that position. For an instant: the instant, and the position
   * of the last event counted (null when none had happened yet).
   */
  asOf: { position: bigint | null; instant?: string };
}

/**
 * 时间回溯: the case as it stood at a past moment, replayed from the ledger alone (never a read model).
 *
 * - `{ position }`: every correlated event up to that global position (inclusive): exactly what the
 *   ledger held once it had committed that position.
 * - `{ instant }`: every correlated event whose `occurredAt` (domain time, when it happened) is at or
 *   before the instant, compared exactly, folded in ledger order. Domain time, not `recordedAt`: the
 *   auditor asks what had happened by then, and domain time is what the rules and deadlines used
 *   (it may differ from the ledger's clock in demos and tests, and where a reaction dates its event at
 *   its cause).
 */
export async function caseStateAsOf(ledger: EventStore, caseNo: string, at: AsOf): Promise<CaseStateAsOf> {
  if (at === null || typeof at !== 'object') throw new InvalidAsOf(String(at));
  if ('position' in at) {
    if (typeof at.position !== 'bigint' || at.position < 0n) throw new InvalidAsOf(String(at.position));
    const events = await ledger.readCorrelated(caseNo, { upTo: at.position });
    return { caseNo, asOf: { position: at.position }, ...foldCase(caseNo, events) };
  }
  const until = typeof at.instant === 'string' ? instantNanos(at.instant) : undefined;
  if (until === undefined) throw new InvalidAsOf(String(at.instant));
  const events = (await ledger.readCorrelated(caseNo)).filter((e) => occurredBy(e, until));
  return {
    caseNo,
    asOf: { position: events.at(-1)?.position ?? null, instant: at.instant },
    ...foldCase(caseNo, events),
  };
}

function occurredBy(event: RecordedEvent, until: bigint): boolean {
  const at = instantNanos(event.occurredAt);
  // The ledger refuses an occurredAt that is not an ISO instant with offset; a stored one always parses.
  if (at === undefined) throw new Error(`event at position ${event.position} has no readable occurredAt`);
  return at <= until;
}
