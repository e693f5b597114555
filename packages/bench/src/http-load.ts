import { median, nowMs, percentile } from './stats';

/** Latencies by operation, in milliseconds. */
export class Latencies {
  private readonly byOp = new Map<string, number[]>();

  record(op: string, ms: number): void {
    let list = this.byOp.get(op);
    if (list === undefined) {
      list = [];
      this.byOp.set(op, list);
    }
    list.push(ms);
  }

  summary(): { op: string; count: number; p50: number; p99: number }[] {
    return [...this.byOp.entries()].map(([op, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return { op, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
  }

  all(): number[] {
    return [...this.byOp.values()].flat().sort((a, b) => a - b);
  }
}

/** Runs `work` on `concurrency` loops until `seconds` pass (closed loop); how many completed per second. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  work: () => Promise<void>,
): Promise<{ perSecond: number; completed: number; failed: number; firstError?: unknown }> {
  const end = nowMs() + seconds * 1000;
  let completed = 0;
  let failed = 0;
  let firstError: unknown;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nowMs() < end) {
        try {
          await work();
          completed++;
        } catch (error) {
          failed++;
          firstError ??= error;
        }
      }
    }),
  );
  const elapsed = (nowMs() - started) / 1000;
  return { perSecond: completed / elapsed, completed, failed, ...(firstError ? { firstError } : {}) };
}

/**
 * Starts `work` at `rate` per second for `seconds` (open loop: a slow one does not hold back the next
 * start), waits for all, and reports how many completed and failed.
 */
export async function pacedLoop(
  rate: number,
  seconds: number,
  work: () => Promise<void>,
): Promise<{ completed: number; failed: number; lateStarts: number; firstError?: unknown }> {
  const total = Math.round(rate * seconds);
  const start = nowMs();
  const running: Promise<void>[] = [];
  let completed = 0;
  let failed = 0;
  let lateStarts = 0;
  let firstError: unknown;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    else if (wait < -5) lateStarts++;
    running.push(
      work().then(
        () => {
          completed++;
        },
        (error) => {
          failed++;
          firstError ??= error;
        },
      ),
    );
  }
  await Promise.all(running);
  return { completed, failed, lateStarts, ...(firstError ? { firstError } : {}) };
}

export { median };
