import { evolveReview, initialReviewState, type ReviewEvent, type ReviewState } from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';

/** How many reviews' states are kept: the running cases of a large centre; an evicted one is read again. */
const KEPT = 10_000;

interface Folded {
  state: ReviewState;
  /** The revision of the last event folded in. */
  revision: bigint;
}

const evolve = (state: ReviewState, event: RecordedEvent) =>
  evolveReview(state, { type: event.type, data: event.data } as ReviewEvent);

/**
 * Each review's state as of the review events monitoring follows, folded as they come: a step's clock
 * needs the review as its stream stood with the step's event applied (the step's earlier turns), and
 * reading and folding the whole stream for each step made monitoring's work grow with the case's
 * history. The event in hand is folded onto the state held when it is the stream's next revision; after
 * a gap (an event not followed here, one redelivered or out of order, a restart) the stream is read up
 * to the event instead, as before.
 */
export class ReviewStates {
  private readonly folded = new Map<string, Folded>();

  constructor(private readonly ledger: EventStore) {}

  /** The review as its stream stood with `event` applied. */
  async at(event: RecordedEvent): Promise<ReviewState> {
    const next = this.next(event);
    const state = next === undefined ? await this.read(event) : evolve(next, event);
    this.remember(event.stream, { state, revision: event.revision });
    return state;
  }

  /**
   * A review event whose clock command needs no review state: folded when it is the next revision, so
   * that the step after it finds the state at hand; otherwise forgotten (the step reads the stream).
   * Never fails: a state that cannot be folded here is read, and judged, when a step needs it.
   */
  pass(event: RecordedEvent): void {
    const known = this.folded.get(event.stream);
    if (known !== undefined && event.revision <= known.revision) return; // folded already
    const next = this.next(event);
    if (next === undefined) {
      this.folded.delete(event.stream);
      return;
    }
    try {
      this.remember(event.stream, { state: evolve(next, event), revision: event.revision });
    } catch {
      this.folded.delete(event.stream);
    }
  }

  /** The state the event applies to, when it is at hand: the one held before it, or none for the first. */
  private next(event: RecordedEvent): ReviewState | undefined {
    if (event.revision === 0n) return initialReviewState();
    const known = this.folded.get(event.stream);
    return known !== undefined && known.revision + 1n === event.revision ? known.state : undefined;
  }

  private async read(event: RecordedEvent): Promise<ReviewState> {
    const history = await this.ledger.readStream(event.stream, { maxCount: Number(event.revision) + 1 });
    return history.reduce(evolve, initialReviewState());
  }

  private remember(stream: string, folded: Folded): void {
    this.folded.delete(stream); // re-inserted last: the Map's order is the order of use
    this.folded.set(stream, folded);
    if (this.folded.size > KEPT) this.folded.delete(this.folded.keys().next().value as string);
  }
}
