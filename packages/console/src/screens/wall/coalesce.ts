/** How a burst of requests to re-read is turned into few reads. */
export interface CoalesceTiming {
  /** Wait this long after the first request of a burst, to take what comes with it. */
  gatherMs: number;
  /** At most one read starts per this many milliseconds. */
  minGapMs: number;
}

export interface Coalescer {
  /** Asks for a read that includes `position` (a ledger position) when given. */
  request(position?: string): void;
  dispose(): void;
}

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : BigInt(b) > BigInt(a) ? b : a;

/**
 * Re-reads for a stream of notices: one read at a time, at most one per `minGapMs`, each asked to
 * include the latest position requested before it started. 100 feed events a second make at most
 * 1000 / minGapMs reads a second, and the last event is always covered by a read that starts after it.
 */
export function coalescer(
  read: (position: string | undefined) => Promise<unknown>,
  { gatherMs, minGapMs }: CoalesceTiming,
  now: () => number = () => Date.now(),
): Coalescer {
  let pending = false;
  let position: string | undefined;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  let disposed = false;

  const start = () => {
    timer = undefined;
    if (disposed || running || !pending) return;
    const wanted = position;
    pending = false;
    position = undefined;
    running = true;
    lastStart = now();
    read(wanted)
      .catch(() => {}) // the reader shows its own errors; the next notice reads again
      .finally(() => {
        running = false;
        schedule();
      });
  };

  const schedule = () => {
    if (disposed || running || !pending || timer !== undefined) return;
    const wait = Math.max(gatherMs, lastStart + minGapMs - now());
    timer = setTimeout(start, wait);
  };

  return {
    request(at) {
      pending = true;
      position = later(position, at);
      schedule();
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
