import type { audit, ReplyOf } from '@docket/contracts';

/**
 * Verifying the whole ledger with a determinate progress: the API walks the hash chain over any range
 * (`from`/`to`, each range chained from the stored hash before it), so the walk is cut into ranges and
 * the screen counts them off. The ledger's head is not answered by itself; it is found by probing
 * single positions (a one-event range answers at once), starting from the newest signed checkpoint.
 */
export type VerifyReply = ReplyOf<typeof audit.verify>;
export type CheckRange = (range: { from?: string; to?: string }) => Promise<VerifyReply>;

/** Whether the ledger has an event at `position` (a broken one counts: it is there). */
async function holds(check: CheckRange, position: number): Promise<boolean> {
  const reply = await check({ from: String(position), to: String(position) });
  return reply.ok ? reply.count > 0 : Number(reply.position) >= position;
}

/**
 * The last position of the ledger: galloping up from `known` (a position known to exist, 0 for none),
 * then halving the gap. About 2·log2(distance) one-event checks.
 */
export async function findHead(check: CheckRange, known = 0): Promise<number> {
  let low = known > 0 && (await holds(check, known)) ? known : 0;
  let stride = 1;
  while (await holds(check, low + stride)) {
    low += stride;
    stride *= 2;
  }
  let high = low + stride; // no event here
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await holds(check, middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** How many events one range walks: ~40 ranges for the whole ledger, within sensible bounds. */
export const rangeSize = (total: number): number => Math.min(50_000, Math.max(100, Math.ceil(total / 40)));

export type WalkResult =
  | { ok: true; count: number; headPosition: string | null; headHash: string }
  | { ok: false; count: number; position: string; reason: string };

/**
 * Walks positions 1.. in ranges, telling `progress(checked, total)` after each. The last range has no
 * upper bound, so events appended meanwhile are walked too and the head record is checked, as the
 * API's whole-ledger verify does. Stops at the first position that fails; throws AbortError if stopped.
 */
export async function walkLedger(
  check: CheckRange,
  total: number,
  progress: (checked: number, total: number) => void,
  signal?: AbortSignal,
): Promise<WalkResult> {
  const size = rangeSize(total);
  let checked = 0;
  for (let from = 1; ; from += size) {
    if (signal?.aborted) throw new DOMException('stopped', 'AbortError');
    const last = from + size - 1 >= total;
    const reply = await check(
      last ? { from: String(from) } : { from: String(from), to: String(from + size - 1) },
    );
    if (!reply.ok) return { ...reply, count: checked + reply.count };
    checked += reply.count;
    progress(checked, Math.max(total, checked));
    if (last) return { ...reply, count: checked };
  }
}
