/** Small statistics for benchmark reports: medians of repeated runs, percentiles of latencies. */

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RunResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Appends that failed (a peer's error); they count in no figure above. */
  failed?: number;
}

/** Median of each figure over repeated runs (each figure on its own, as is usual for noisy machines). */
export function medianOfRuns(runs: readonly RunResult[]): RunResult {
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    failed: runs.reduce((sum, r) => sum + (r.failed ?? 0), 0),
  };
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
