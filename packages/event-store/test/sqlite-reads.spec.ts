import { afterEach, describe, expect, it } from 'vitest';
import { event, tempLedger } from './support';

/** The reads' limits are written into their SQL (limited-select.ts): any maxCount still reads exactly. */
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

describe('SQLite reads with a limit', () => {
  it('give for every maxCount, also more distinct ones than are kept prepared, the first rows of the full read', async () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    const store = ledger.open();
    await store.appendToStream(
      'review-1',
      Array.from({ length: 60 }, (_, i) => event('Step', { i })),
    );
    await store.appendToStream('clock-1', [event('Tick')]);
    const forwards = await store.readStream('review-1');
    const backwards = await store.readStream('review-1', { direction: 'backwards' });
    const all = await store.readAll();
    expect(forwards.length).toBe(60);
    for (let maxCount = 0; maxCount <= 45; maxCount++) {
      expect(await store.readStream('review-1', { maxCount })).toEqual(forwards.slice(0, maxCount));
      expect(await store.readStream('review-1', { direction: 'backwards', maxCount })).toEqual(
        backwards.slice(0, maxCount),
      );
      expect(await store.readStream('review-1', { fromRevision: 10n, maxCount })).toEqual(
        forwards.slice(10, 10 + maxCount),
      );
      expect(await store.readAll({ after: 5n, maxCount })).toEqual(all.slice(5, 5 + maxCount));
    }
  });
});
