import { formatInstantInZone } from '@docket/domain';

/** The local date (yyyy-mm-dd) of an instant in the centre's zone: the day a figure counts for. */
export const localDay = (instant: string, timeZone: string): string =>
  formatInstantInZone(Date.parse(instant), timeZone).slice(0, 10);
