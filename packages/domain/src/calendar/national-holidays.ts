import { CalendarYear } from './calendar-year';
import { nationalHolidayData, nationalHolidaySource } from './data/national-holidays.data';

/** Where the seed schedules come from (the generator script records the package version). */
export const NATIONAL_HOLIDAY_SOURCE = nationalHolidaySource;

/**
 * The national holiday schedules (法定节假日 and 调休上班) for the years the generator imported, with the
 * default time zone and office hours: the seed an administrator publishes with DefineCalendarYear.
 * Parsed at load, so a bad regeneration fails the first import rather than a deadline.
 */
export const nationalHolidaySchedules: readonly CalendarYear[] = nationalHolidayData.map((year) =>
  CalendarYear.parse(year),
);
