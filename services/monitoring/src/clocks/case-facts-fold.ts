import {
  applicationStreamName,
  type CaseEvent,
  type CaseFacts,
  detectAnomalies,
  emptyCaseFacts,
  responsibleDepartment,
  reviewStreamName,
} from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';

type Found = ReturnType<typeof detectAnomalies>['anomalies'];

/** What has been folded of one case: every application and review event up to `position`. */
interface Folded {
  facts: CaseFacts;
  position: bigint;
  /** The last revision folded of each stream (undefined: none of it yet). */
  application: bigint | undefined;
  review: bigint | undefined;
  department: string | undefined;
}

/** How many cases' facts are kept: the running ones of a large centre; an evicted case is refolded. */
const KEPT = 10_000;

/**
 * The anomaly rules' facts of each case, folded as its events come (异常办件). The facts are the
 * ledger's: every application and review event up to a position, in ledger order, so that what an event
 * reveals does not depend on the order the two streams' events happen to arrive in. What is folded is
 * kept, and each new event needs only what lies between: the event in hand, when it is the next revision
 * of its stream (nothing to read), and the other stream's events before it, of which there are none
 * when that stream's last revision is still the one folded (a revision probe, no event read). Only then
 * is the ledger read: after a gap (an event not followed here, redelivered or out of order, a case not
 * held since a restart or evicted), or when the other stream has moved on; an event older than what is
 * folded is folded from the start, as before.
 */
export class CaseFactsFold {
  private readonly folded = new Map<string, Folded>();

  constructor(private readonly ledger: EventStore) {}

  /** The anomalies `event` reveals, and the case's department, from its history up to the event. */
  async foldTo(caseNo: string, event: RecordedEvent): Promise<{ found: Found; department?: string }> {
    const known = this.folded.get(caseNo);
    const from = known !== undefined && known.position < event.position ? known : undefined;
    const [application, review] = await Promise.all([
      this.tail(applicationStreamName(caseNo), from?.application, event),
      this.tail(reviewStreamName(caseNo), from?.review, event),
    ]);
    const after = from?.position ?? -1n;
    const events = [...application, ...review]
      .filter((e) => e.position > after && e.position <= event.position)
      .sort((a, b) => (a.position < b.position ? -1 : 1));
    let facts = from?.facts ?? emptyCaseFacts();
    let department = from?.department;
    let found: Found = [];
    for (const e of events) {
      const step = detectAnomalies(facts, e as CaseEvent);
      facts = step.facts;
      found = e.id === event.id ? step.anomalies : [];
      if (e.type === 'ApplicationSubmitted')
        department = responsibleDepartment(
          (e.data as { item: Parameters<typeof responsibleDepartment>[0] }).item,
        );
    }
    const last = (stream: string, before: bigint | undefined) =>
      events.filter((e) => e.stream === stream).at(-1)?.revision ?? before;
    this.remember(caseNo, {
      facts,
      position: event.position,
      application: last(applicationStreamName(caseNo), from?.application),
      review: last(reviewStreamName(caseNo), from?.review),
      department,
    });
    return department === undefined ? { found } : { found, department };
  }

  /** The events of `stream` after `lastFolded` that the fold up to `event` may need. */
  private async tail(
    stream: string,
    lastFolded: bigint | undefined,
    event: RecordedEvent,
  ): Promise<RecordedEvent[]> {
    const next = lastFolded === undefined ? 0n : lastFolded + 1n;
    if (event.stream === stream) {
      // The event in hand is the ledger's own (relayed): when it is the next one, it is the whole tail.
      if (event.revision === next) return [event];
    } else if ((await this.ledger.streamRevision(stream)) === lastFolded) {
      return [];
    }
    return this.ledger.readStream(stream, { fromRevision: next });
  }

  private remember(caseNo: string, folded: Folded): void {
    this.folded.delete(caseNo); // re-inserted last: the Map's order is the order of use
    this.folded.set(caseNo, folded);
    if (this.folded.size > KEPT) this.folded.delete(this.folded.keys().next().value as string);
  }
}
