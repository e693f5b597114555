/**
 * When the subscriptions of one store look at the log again. A round ends at every commit made through
 * this store and, while anyone waits, every poll interval (for commits of other processes and handles on
 * the same file). Everyone waiting wakes when a round ends; one timer serves them all, so 18 idle
 * subscriptions cost one timer, not 18.
 */
export class WakeRounds {
  /** Grows by one at the end of each round: a read made in an earlier round may have missed rows. */
  round = 0;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pollIntervalMs: number) {}

  /** Resolves when the current round ends; `cancel` resolves it at once (a subscription stopped). */
  wait(): { done: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    this.timer ??= setTimeout(() => this.endRound(), this.pollIntervalMs);
    const cancel = () => {
      if (!this.waiters.delete(wake)) return;
      if (this.waiters.size === 0) this.stopTimer();
      wake();
    };
    return { done, cancel };
  }

  /** The log may have grown: a commit through this store, or the poll interval passed. */
  endRound(): void {
    this.round += 1;
    this.stopTimer();
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
