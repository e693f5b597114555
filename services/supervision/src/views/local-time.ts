import { formatInstantInZone } from '@docket/domain';

/** The local month (yyyy-mm) of an instant in the centre's zone: the month a complaint, order or rating counts for. */
export const localMonth = (instant: string, timeZone: string): string =>
  formatInstantInZone(Date.parse(instant), timeZone).slice(0, 7);

/** The three months of a quarter (`2026-Q4` → 2026-10, 2026-11, 2026-12). */
export function monthsOfQuarter(quarter: string): [string, string, string] {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new RangeError(`${quarter} is not a quarter (yyyy-Qn)`);
  const first = (Number(match[2]) - 1) * 3 + 1;
  const month = (m: number) => `${match[1]}-${String(m).padStart(2, '0')}`;
  return [month(first), month(first + 1), month(first + 2)];
}
