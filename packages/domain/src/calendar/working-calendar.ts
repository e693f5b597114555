import type { Instant, Interval, LocalDate, TimeLimit } from '../shared/time';

/**
 * Working-day arithmetic for one centre (限时办结). Pure: built from calendar data, never reads a clock.
 *
 * Conventions (documented in packages/domain/docs/calendar.md):
 * - A working day is Monday–Friday, unless it is a public holiday, or any day listed as a make-up
 *   working day (调休). Office hours default to 09:00–12:00 and 13:30–17:30 in the centre's time zone.
 *   Dates outside the loaded calendar years follow that year's provisional calendar (the statutory
 *   holidays of 《全国年节及纪念日放假办法》 Art. 2, no 调休: provisional-year.ts); `loadedYears` says which
 *   years are published, every other year is provisional.
 * - A limit of N working days counted from an instant ends at the close of office hours on the N-th
 *   working day after the start day, the local date of the instant, which is never counted (民法典
 *   Art. 201: 开始的当日不计入，自下一日开始计算; 行政许可法 Art. 82: 以工作日计算，不含法定节假日). The hour
 *   and the kind of day do not matter: a Saturday, a holiday or an evening after the close is the start
 *   day, and the first working day after it is day 1. N = 0 (instant cases, 即办件) ends at the close of
 *   the day of the instant, or of the next working day when the instant is outside office hours.
 * - Natural days count every calendar day from the same start day: the deadline is the close of office
 *   hours on the N-th day after the start day, or, when that day is not a working day, the close of the
 *   next working day (民法典 Art. 203).
 * - Pauses (special procedures, suspension) do not count: the deadline moves later by the working time
 *   that fell inside the pauses (for both units), counted from the clock's start, overlapping pauses
 *   once. A pause that begins after the deadline (as already extended) has passed moves nothing. A pause
 *   still open (no `to`) that would move the deadline makes `deadline` throw PauseStillOpen: the deadline
 *   is unknown until the pause ends.
 * - Working time is measured in wall-clock office minutes; fractional working days weigh each working
 *   day as 1 (office minutes / that day's office minutes, i.e. / minutesPerWorkingDay when all years
 *   share their office hours).
 * - Instants returned are ISO-8601 with the centre's offset at that instant (`2026-03-16T17:30:00+08:00`);
 *   a moment reached exactly at the end of an office period is reported at that end (12:00, 17:30), never
 *   at the start of the next period.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  /** Working minutes in one full working day (420 with the default office hours). */
  readonly minutesPerWorkingDay: number;
  /** The calendar years whose holiday schedule is loaded, ascending; any other year is provisional. */
  readonly loadedYears: readonly number[];
  isWorkingDay(date: LocalDate): boolean;
  /** The local date of an instant in the centre's time zone. */
  localDate(instant: Instant): LocalDate;
  /**
   * The N-th working day after `date` (N may be 0: `date` itself if it is a working day, else the next
   * one; a negative N counts backwards: -1 is the last working day before `date`).
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** When a limit counted from `start` runs out, with the pauses taken out of the count. */
  deadline(start: Instant, limit: TimeLimit, pauses?: readonly Interval[]): Instant;
  /** Working time between two instants in working days (fractional; negative when `to` is before `from`). */
  workingDaysBetween(from: Instant, to: Instant): number;
  /**
   * `instant` moved forward by a number of working minutes, counting only office hours on working days
   * (backwards for a negative number; 0 returns `instant` unchanged).
   */
  addWorkingMinutes(instant: Instant, minutes: number): Instant;
}
