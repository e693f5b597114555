import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescer } from './coalesce';

describe('coalescing re-reads', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst into one read at the latest position', async () => {
    const reads: (string | undefined)[] = [];
    const c = coalescer(
      async (p) => {
        reads.push(p);
      },
      { gatherMs: 50, minGapMs: 500 },
    );
    for (let n = 1; n <= 100; n++) c.request(String(n));
    await vi.advanceTimersByTimeAsync(60);
    expect(reads).toEqual(['100']);
  });

  it('reads at most once per gap under a steady flow, and covers the last notice', async () => {
    const reads: (string | undefined)[] = [];
    const c = coalescer(
      async (p) => {
        reads.push(p);
      },
      { gatherMs: 10, minGapMs: 500 },
    );
    // 100 notices a second for two seconds.
    for (let n = 1; n <= 200; n++) {
      c.request(String(n));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads.length).toBeLessThanOrEqual(5);
    expect(reads.at(-1)).toBe('200');
    c.dispose();
  });

  it('never runs two reads at once, and reads again for what came during a read', async () => {
    let running = 0;
    let most = 0;
    const reads: (string | undefined)[] = [];
    const c = coalescer(
      async (p) => {
        running += 1;
        most = Math.max(most, running);
        reads.push(p);
        await new Promise((resolve) => setTimeout(resolve, 800));
        running -= 1;
      },
      { gatherMs: 10, minGapMs: 100 },
    );
    c.request('1');
    await vi.advanceTimersByTimeAsync(20);
    c.request('2');
    c.request('3');
    await vi.advanceTimersByTimeAsync(2000);
    expect(most).toBe(1);
    expect(reads).toEqual(['1', '3']);
  });

  it('does nothing once disposed', async () => {
    const read = vi.fn(async () => {});
    const c = coalescer(read, { gatherMs: 10, minGapMs: 100 });
    c.request();
    c.dispose();
    await vi.advanceTimersByTimeAsync(500);
    expect(read).not.toHaveBeenCalled();
  });
});
