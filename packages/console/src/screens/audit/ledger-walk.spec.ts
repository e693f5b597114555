import { describe, expect, it } from 'vitest';
import { type CheckRange, findHead, rangeSize, walkLedger } from './ledger-walk';

/** A ledger of `size` events answering as the API's verify does; `broken` fails at that position. */
function ledger(size: number, broken?: number) {
  const calls: { from?: string; to?: string }[] = [];
  const check: CheckRange = async (range) => {
    calls.push(range);
    const from = Number(range.from ?? 1);
    const to = Math.min(size, Number(range.to ?? size));
    if (from > 1 && from - 1 > size)
      return { ok: false, count: 0, position: String(from - 1), reason: 'no event to chain from' };
    if (broken !== undefined && broken >= from && broken <= to)
      return { ok: false, count: broken - from, position: String(broken), reason: 'hash mismatch' };
    const count = Math.max(0, to - from + 1);
    return { ok: true, count, headPosition: to === 0 ? null : String(to), headHash: `h${to}` };
  };
  return { check, calls };
}

describe('verifying the ledger in ranges', () => {
  it('finds the head from a checkpoint, or from nothing, in a few one-event checks', async () => {
    for (const size of [0, 1, 2, 7, 100, 12_345]) {
      const { check, calls } = ledger(size);
      expect(await findHead(check)).toBe(size);
      expect(calls.length).toBeLessThanOrEqual(2 * Math.log2(size + 2) + 2);
    }
    const { check, calls } = ledger(1_000_003);
    expect(await findHead(check, 1_000_000)).toBe(1_000_003);
    expect(calls.length).toBeLessThan(8);
    // A hint past the end (a ledger restored shorter than its checkpoint) is not believed.
    expect(await findHead(ledger(5).check, 50)).toBe(5);
  });

  it('walks every position once, in order, with progress to the total, the last range open-ended', async () => {
    const { check, calls } = ledger(1000);
    const seen: number[] = [];
    const result = await walkLedger(check, 1000, (checked) => seen.push(checked));
    expect(result).toEqual({ ok: true, count: 1000, headPosition: '1000', headHash: 'h1000' });
    expect(rangeSize(1000)).toBe(100);
    expect(calls).toHaveLength(10);
    expect(calls.at(-1)).toEqual({ from: '901' });
    expect(seen).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('stops at the first broken position, counting what was checked before it', async () => {
    const { check, calls } = ledger(1000, 457);
    const result = await walkLedger(check, 1000, () => {});
    expect(result).toEqual({ ok: false, count: 456, position: '457', reason: 'hash mismatch' });
    expect(calls).toHaveLength(5);
  });

  it('can be stopped between ranges', async () => {
    const controller = new AbortController();
    const { check } = ledger(1000);
    const walk = walkLedger(
      check,
      1000,
      (checked) => checked >= 300 && controller.abort(),
      controller.signal,
    );
    await expect(walk).rejects.toThrow('stopped');
  });
});
