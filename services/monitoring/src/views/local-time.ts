import { formatInstantInZone } from '@docket/domain';

/** An instant as UTC ISO text: one form per field, so the read models compare instants as strings. */
export const utc = (instant: string): string => new Date(instant).toISOString();

/** The local date (yyyy-mm-dd) of an instant in the centre's zone: the day a figure counts for. */
export const localDay = (instant: string, timeZone: string): string =>
  formatInstantInZone(Date.parse(instant), timeZone).slice(0, 10);
