/** A stream's state as folded up to `revision` (undefined: the stream does not exist yet). */
export interface FoldedStream<S> {
  state: S;
  revision: bigint | undefined;
}

/**
 * The states this process last decided on or stored, per stream, most recently used kept. A hint, never
 * the truth: a command decided on one is appended with its revision as the expected revision, so the
 * ledger refuses it if anyone wrote since (another process on the same file, another runner), and the
 * command is then decided again on a fresh read. Deciders and evolve are pure, so a state can be shared.
 */
export class StreamStates<S> {
  private readonly states = new Map<string, FoldedStream<S>>();

  constructor(private readonly capacity: number) {}

  get(stream: string): FoldedStream<S> | undefined {
    const folded = this.states.get(stream);
    if (folded === undefined) return undefined;
    // Re-inserted so that Map order is least recently used first.
    this.states.delete(stream);
    this.states.set(stream, folded);
    return folded;
  }

  set(stream: string, folded: FoldedStream<S>): void {
    if (this.capacity === 0) return;
    this.states.delete(stream);
    this.states.set(stream, folded);
    if (this.states.size > this.capacity) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }

  forget(stream: string): void {
    this.states.delete(stream);
  }
}
