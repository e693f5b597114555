/** A range of local dates (yyyy-mm-dd) or months (yyyy-mm), both ends included. */
export interface Range {
  from: string;
  to: string;
}

const lastDayOf = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last of this one (UTC arithmetic: no zone is involved in a date).
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const nextMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

const previousMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * Splits the days `from`..`to` into the whole months inside it and the days left over at either end, so
 * that a period's figures add up monthly counters where they can and daily ones only at the edges. Every
 * day of the period is in exactly one part. A period ending before it starts has no parts.
 */
export function periodParts(from: string, to: string): { months?: Range; days: Range[] } {
  if (to < from) return { days: [] };
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastWhole = lastDayOf(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstWhole > lastWhole) return { days: [{ from, to }] };
  const days: Range[] = [];
  if (from < `${firstWhole}-01`) days.push({ from, to: lastDayOf(previousMonth(firstWhole)) });
  if (to > lastDayOf(lastWhole)) days.push({ from: `${nextMonth(lastWhole)}-01`, to });
  return { months: { from: firstWhole, to: lastWhole }, days };
}
