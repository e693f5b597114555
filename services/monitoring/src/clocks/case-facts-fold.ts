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
 * The anomaly rules' facts of each case, folded as its events come (异常办件). Refolding the whole
 * history for every event read both streams and re-validated every past event each time; this keeps
 * the facts folded up to the newest event seen and reads only the streams' tails after it. The facts
 * are the ledger's (every application and review event up to a position, in ledger order), so a case
 * that was evicted, or an event older than what is folded (a redelivery), is simply folded from the
 * start, as before.
 */
export class CaseFactsFold {
  private readonly folded = new Map<string, Folded>();

  constructor(private readonly ledger: EventStore) {}

  /** The anomalies `event` reveals, and the case's department, from its history up to the event. */
  async foldTo(caseNo: string, event: RecordedEvent): Promise<{ found: Found; department?: string }> {
    const known = this.folded.get(caseNo);
    const from = known !== undefined && known.position < event.position ? known : undefined;
    const [application, review] = await Promise.all([
      this.tail(applicationStreamName(caseNo), from?.application),
      this.tail(reviewStreamName(caseNo), from?.review),
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

  private tail(stream: string, lastFolded: bigint | undefined): Promise<RecordedEvent[]> {
    return this.ledger.readStream(stream, lastFolded === undefined ? {} : { fromRevision: lastFolded + 1n });
  }

  private remember(caseNo: string, folded: Folded): void {
    this.folded.delete(caseNo); // re-inserted last: the Map's order is the order of use
    this.folded.set(caseNo, folded);
    if (this.folded.size > KEPT) this.folded.delete(this.folded.keys().next().value as string);
  }
}
