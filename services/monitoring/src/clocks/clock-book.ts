import {
  type ClockEvent,
  type ClockState,
  caseNoOfStream,
  evolveClock,
  initialClockState,
} from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';

/** A clock's state as its stream stood at `revision` (the revision of the last event folded in). */
export interface HeldClock {
  state: ClockState;
  revision: bigint;
}

/**
 * How many clocks are held by default: the open cases of a large centre. A held clock costs about 2 KB,
 * so 100,000 are about 220 MB; beyond that the least recently changed is dropped and read again when needed.
 */
export const DEFAULT_CLOCK_BOOK_SIZE = 100_000;

/**
 * The open clocks' states, in memory, so that evaluating a clock's timers does not read its stream
 * every time. A state here is never trusted on its own: the timers append what the decider decided on
 * it with its revision as the expected revision, so a state that another writer has overtaken fails the
 * append (WrongExpectedRevision) and is read again from the ledger. What the book learns comes from the
 * ledger's own events: the states the clock's commands decided on and appended, those read from the
 * ledger, and the clock events relayed on the bus, folded only when they are the next revision of a
 * state held. A stopped clock has no timers left: it is dropped.
 */
export class ClockBook {
  private readonly held = new Map<string, HeldClock>();

  constructor(private readonly capacity = DEFAULT_CLOCK_BOOK_SIZE) {}

  /**
   * The clock held for a case, when it is at least at `atLeast` (the revision the clocks read model
   * has projected: a state older than that misses events another writer appended). Without a revision
   * to compare with, nothing held can be shown to be current.
   */
  current(caseNo: string, atLeast: bigint | undefined): HeldClock | undefined {
    const clock = this.held.get(caseNo);
    if (clock === undefined || atLeast === undefined || clock.revision < atLeast) return undefined;
    return clock;
  }

  /** A state read from the ledger, or decided and appended at `revision`: kept unless a newer one is held. */
  remember(caseNo: string, state: ClockState, revision: bigint): void {
    const known = this.held.get(caseNo);
    if (known !== undefined && known.revision > revision) return;
    this.keep(caseNo, { state, revision });
  }

  /** After a failed append the state may be stale: the next evaluation reads the stream. */
  forget(caseNo: string): void {
    this.held.delete(caseNo);
  }

  /**
   * A clock event as relayed (the ledger's event: id, revision, data). The next revision of a held
   * clock is folded in, and a clock's first event starts one; an event already folded changes nothing;
   * a later one means events were missed, and the clock is dropped to be read again when needed.
   */
  observe(event: RecordedEvent): void {
    if (typeof event?.stream !== 'string' || typeof event.revision !== 'bigint') return;
    const caseNo = caseNoOfStream(event.stream, 'clock');
    if (caseNo === undefined) return;
    const known = this.held.get(caseNo);
    const next = known === undefined ? 0n : known.revision + 1n;
    if (known !== undefined && event.revision < next) return;
    if (event.revision !== next) {
      this.held.delete(caseNo);
      return;
    }
    const folded = { type: event.type, data: event.data } as ClockEvent;
    this.keep(caseNo, { state: evolveClock(known?.state ?? initialClockState(), folded), revision: next });
  }

  get size(): number {
    return this.held.size;
  }

  private keep(caseNo: string, clock: HeldClock): void {
    this.held.delete(caseNo); // re-inserted last: the Map's order is the order of change
    if (clock.state.status === 'stopped') return;
    this.held.set(caseNo, clock);
    if (this.held.size > this.capacity) this.held.delete(this.held.keys().next().value as string);
  }
}
