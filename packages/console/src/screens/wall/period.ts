import { CENTRE_TIME_ZONE } from '../../format';

/** The centre's local date (yyyy-mm-dd) of an instant. */
export const localDay = (at: Date): string =>
  at.toLocaleDateString('en-CA', {
    timeZone: CENTRE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });

/** The local date `days` before (negative: after) a local date. */
export function daysBefore(day: string, days: number): string {
  const noon = new Date(`${day}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() - days);
  return noon.toISOString().slice(0, 10);
}

/** How many days the tiles' period counts (received, accepted, closed…): the last 30, today included. */
export const PERIOD_DAYS = 30;
/** How many days the cases-per-day chart shows. */
export const CHART_DAYS = 7;

/** The period the tiles count over, ending on `today`. */
export const periodEnding = (today: string) => ({ from: daysBefore(today, PERIOD_DAYS - 1), to: today });

/** The last `count` local dates up to `today`, oldest first. */
export const lastDays = (today: string, count: number): string[] =>
  Array.from({ length: count }, (_, n) => daysBefore(today, count - 1 - n));
