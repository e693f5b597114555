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

  constructor(private readonly capacity: number) {
    everyKept.add(new WeakRef(this));
  }

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

  clear(): void {
    this.states.clear();
  }
}

/** Every StreamStates of this process, held weakly. */
const everyKept = new Set<WeakRef<StreamStates<unknown>>>();

/**
 * Empties every kept state of this process. After an erasure of personal data (service-kit's erasure
 * watch): a kept state holds the values as they were read, and a query answered from it (its stream's
 * revision has not moved) would still show them.
 */
export function forgetEveryKeptState(): void {
  for (const ref of everyKept) {
    const states = ref.deref();
    if (states === undefined) everyKept.delete(ref);
    else states.clear();
  }
}
