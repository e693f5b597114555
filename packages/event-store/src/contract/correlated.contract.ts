import { describe, expect, it } from 'vitest';
import { InvalidAppend } from '../errors';
import { newEvent, readEverything, rejection, type StoreOf } from './fixtures';

/** A case's history: every event with its correlation id, from every stream, in global order. */
export function correlatedContract(store: StoreOf): void {
  describe('readCorrelated', () => {
    const caseNo = '20260302-7K3QXM';
    const of = (correlationId: string, step: number) =>
      newEvent('Step', { step }, { correlationId, reason: `第${step}步` });

    /** One case's events spread over four streams, between other cases' and uncorrelated events. */
    const fill = async () => {
      await store().appendToStream(`application-${caseNo}`, [of(caseNo, 1), of(caseNo, 2)]);
      await store().appendToStream('application-20260302-OTHER1', [of('20260302-OTHER1', 1)]);
      await store().appendToStream('calendar-2026', [newEvent('CalendarYearDefined', { year: 2026 })]);
      await store().appendToStream(`review-${caseNo}`, [of(caseNo, 3)]);
      await store().appendToStream(`clock-${caseNo}`, [of(caseNo, 4)]);
      await store().appendToStream('complaint-TS-1', [of(caseNo, 5)]);
      await store().appendToStream(`review-${caseNo}`, [of(caseNo, 6)]);
    };
    const steps = (events: { data: unknown }[]) => events.map((e) => (e.data as { step: number }).step);

    it('reads every stream of the case in global order, and nothing else', async () => {
      await fill();
      const events = await store().readCorrelated(caseNo);
      expect(steps(events)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(events.map((e) => e.stream)).toEqual([
        `application-${caseNo}`,
        `application-${caseNo}`,
        `review-${caseNo}`,
        `clock-${caseNo}`,
        'complaint-TS-1',
        `review-${caseNo}`,
      ]);
      const positions = events.map((e) => e.position);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(events.every((e) => e.correlationId === caseNo)).toBe(true);
    });

    it('returns each event exactly as readAll does, envelope and hash included', async () => {
      await fill();
      const all = await readEverything(store());
      expect(await store().readCorrelated(caseNo)).toEqual(all.filter((e) => e.correlationId === caseNo));
    });

    it('stops at upTo (inclusive) and after maxCount', async () => {
      await fill();
      const all = await store().readCorrelated(caseNo);
      const third = all[2]!.position;
      expect(steps(await store().readCorrelated(caseNo, { upTo: third }))).toEqual([1, 2, 3]);
      expect(steps(await store().readCorrelated(caseNo, { upTo: third - 1n }))).toEqual([1, 2]);
      expect(steps(await store().readCorrelated(caseNo, { maxCount: 4 }))).toEqual([1, 2, 3, 4]);
      expect(steps(await store().readCorrelated(caseNo, { upTo: third, maxCount: 2 }))).toEqual([1, 2]);
      expect(await store().readCorrelated(caseNo, { maxCount: 0 })).toEqual([]);
      expect(await store().readCorrelated(caseNo, { upTo: 0n })).toEqual([]);
    });

    it('sees appends made after an earlier read', async () => {
      await fill();
      expect(await store().readCorrelated(caseNo)).toHaveLength(6);
      await store().appendToStream(`rating-${caseNo}`, [of(caseNo, 7)]);
      expect(steps(await store().readCorrelated(caseNo))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('matches the whole id: no prefixes, no neighbours, any characters', async () => {
      const ids = ['2026-1', '2026-10', '2026-1 ', '案件"1\'', '2026-%', '2026-_'];
      for (const [i, id] of ids.entries()) await store().appendToStream(`rating-r${i}`, [of(id, i)]);
      for (const [i, id] of ids.entries()) expect(steps(await store().readCorrelated(id))).toEqual([i]);
      expect(await store().readCorrelated('2026-')).toEqual([]);
    });

    it('reads an unknown id, and any id of an empty ledger, as empty', async () => {
      expect(await store().readCorrelated(caseNo)).toEqual([]);
      await fill();
      expect(await store().readCorrelated('20991231-NOCASE')).toEqual([]);
    });

    it('refuses a malformed request', async () => {
      await rejection(store().readCorrelated(''), InvalidAppend);
      await rejection(store().readCorrelated(42 as unknown as string), InvalidAppend);
      await rejection(store().readCorrelated(caseNo, { upTo: -1n }), InvalidAppend);
      await rejection(store().readCorrelated(caseNo, { maxCount: -1 }), InvalidAppend);
      await rejection(store().readCorrelated(caseNo, { maxCount: 1.5 }), InvalidAppend);
    });
  });
}
