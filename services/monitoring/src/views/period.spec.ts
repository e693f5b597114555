import { describe, expect, it } from 'vitest';
import { periodParts, type Range } from './period';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += DAY_MS) days.push(dayOf(at));
  return days;
};
/** The months from..to (yyyy-mm), both included. */
function monthsOf(range: Range): string[] {
  const months: string[] = [];
  for (let [year, month] = range.from.split('-').map(Number) as [number, number]; ; ) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > range.to) return months;
    months.push(current);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** Every day the parts stand for: the days of each whole month, and the leftover days. */
function covered(parts: ReturnType<typeof periodParts>): string[] {
  const fromMonths =
    parts.months === undefined
      ? []
      : monthsOf(parts.months).flatMap((month) =>
          daysOf(`${month}-01`, `${month}-28`).concat(
            ['29', '30', '31'].map((d) => `${month}-${d}`).filter((d) => dayOf(Date.parse(d)) === d),
          ),
        );
  return [...fromMonths, ...parts.days.flatMap((range) => daysOf(range.from, range.to))].sort();
}

describe('a period split into whole months and leftover days', () => {
  it('a whole year is twelve months and no days', () => {
    expect(periodParts('2026-01-01', '2026-12-31')).toEqual({
      months: { from: '2026-01', to: '2026-12' },
      days: [],
    });
  });

  it('days inside one month stay days; a month that ends in February of a leap year is whole', () => {
    expect(periodParts('2026-11-02', '2026-11-30')).toEqual({
      days: [{ from: '2026-11-02', to: '2026-11-30' }],
    });
    expect(periodParts('2028-02-01', '2028-02-29')).toEqual({
      months: { from: '2028-02', to: '2028-02' },
      days: [],
    });
    expect(periodParts('2026-12-10', '2026-12-01')).toEqual({ days: [] });
  });

  it('covers every day of 1,000 random periods exactly once', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const start = Date.parse('2025-01-01');
    for (let i = 0; i < 1000; i++) {
      const from = dayOf(start + Math.floor(next() * 900) * DAY_MS);
      const to = dayOf(Date.parse(from) + Math.floor(next() * 500) * DAY_MS);
      expect(covered(periodParts(from, to)), `${from}..${to}`).toEqual(daysOf(from, to));
    }
  });
});
