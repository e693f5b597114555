import type { Instant, Interval, LocalDate, TimeLimit } from '../shared/time';

/**
 * Working-day arithmetic for one centre (限时办结). Pure: built from calendar data, never reads a clock.
 *
 * Conventions (documented in packages/domain/README.md):
 * - A working day is Monday–Friday, unless it is a public holiday, or any day listed as a make-up
 *   working day (调休). Office hours default to 09:00–12:00 and 13:30–17:30 in the centre's time zone.
 * - A limit of N working days counted from an instant ends at the close of office hours on the N-th
 *   working day after the day the clock starts; the start day itself is not counted. An instant outside
 *   office hours counts from the next working period (so a Saturday acceptance starts on Monday, and
 *   Monday is then the start day). N = 0 (instant cases, 即办件) ends at the close of the start day.
 * - Natural days count every calendar day: the deadline is the close of office hours on the N-th day after
 *   the start day, or, when that day is not a working day, the close of the next working day.
 * - Pauses (special procedures, suspension) do not count: the deadline moves later by the working time
 *   that fell inside the pauses.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  /** Working minutes in one full working day (420 with the default office hours). */
  readonly minutesPerWorkingDay: number;
  isWorkingDay(date: LocalDate): boolean;
  /** The local date of an instant in the centre's time zone. */
  localDate(instant: Instant): LocalDate;
  /** The N-th working day after `date` (N may be 0: `date` itself if it is a working day, else the next one). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** When a limit counted from `start` runs out, with the pauses taken out of the count. */
  deadline(start: Instant, limit: TimeLimit, pauses?: readonly Interval[]): Instant;
  /** Working time between two instants in working days (fractional; negative when `to` is before `from`). */
  workingDaysBetween(from: Instant, to: Instant): number;
  /** `instant` moved forward by a number of working minutes, counting only office hours on working days. */
  addWorkingMinutes(instant: Instant, minutes: number): Instant;
}
