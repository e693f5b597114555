import { nowMs, percentile, type RunResult } from './stats';

/** One conditional append of one event to `stream`, which currently holds `count` events. */
export type AppendOnce = (stream: string, count: number) => Promise<void>;

/**
 * `writers` concurrent loops, each appending to its own stream with the exact expected revision (the
 * command-handler pattern: read revision, decide, append conditionally), `total` appends in all.
 */
export async function runAppendWorkload(
  append: AppendOnce,
  writers: number,
  total: number,
  tag: string,
): Promise<RunResult> {
  const perWriter = Math.ceil(total / writers);
  const latencies: number[] = [];
  let failed = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const stream = `bench-${tag}-${w}`;
      let count = 0;
      for (let i = 0; i < perWriter; i++) {
        const t0 = nowMs();
        try {
          await append(stream, count);
          count++;
          latencies.push(nowMs() - t0);
        } catch {
          // A failed append is counted, not timed; the writer re-reads nothing and tries the next one.
          failed++;
        }
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failed,
  };
}

/** A case-sized payload (~350 bytes of JSON), like an application acceptance. */
export function samplePayload(i: number): Record<string, unknown> {
  return {
    caseNo: `2026-310101-${String(i).padStart(6, '0')}`,
    itemCode: '11310000002425010X4310117003000',
    itemVersion: 3,
    category: 'promised',
    acceptanceDocumentNo: `HP-SL-2026-${i}`,
    promisedDeadline: '2026-03-20T17:30:00+08:00',
    statutoryDeadline: '2026-04-03T17:30:00+08:00',
    materials: [
      { code: 'M01', count: 1, form: 'original' },
      { code: 'M02', count: 2, form: 'copy' },
    ],
    acceptingUnit: 'dept-huangpu-window',
  };
}

export const sampleActor = {
  id: 'u-clerk-001',
  name: '王敏',
  roles: ['clerk'],
  department: 'dept-huangpu-window',
};

/**
 * Open loop: `writers` loops together offering `ratePerSecond` appends for `seconds`, each on a fixed
 * schedule. Latency counts from when an append was due, not when it was sent, so an append held up
 * behind a slow one is charged its wait (no coordinated omission). This is latency at a given load, the
 * way an operator sizes a centre; the closed-loop workload above measures the most the ledger can take.
 */
export async function runPacedWorkload(
  append: AppendOnce,
  writers: number,
  ratePerSecond: number,
  seconds: number,
  tag: string,
): Promise<RunResult> {
  const interval = (1000 * writers) / ratePerSecond;
  const perWriter = Math.round((ratePerSecond * seconds) / writers);
  const latencies: number[] = [];
  let failed = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const stream = `paced-${tag}-${w}`;
      // Spread the writers over one interval so they do not all fire on the same tick.
      const offset = (interval * w) / writers;
      let count = 0;
      for (let i = 0; i < perWriter; i++) {
        const due = started + offset + i * interval;
        const wait = due - nowMs();
        // setTimeout truncates to whole milliseconds: round up so no append starts before it is due.
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        try {
          await append(stream, count);
          count++;
          latencies.push(nowMs() - due);
        } catch {
          failed++;
        }
      }
    }),
  );
  const elapsed = (nowMs() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failed,
  };
}
