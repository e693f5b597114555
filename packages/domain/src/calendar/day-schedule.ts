import type { OfficePeriod } from './calendar-year';
import { MS_PER_MINUTE, parseClockTime, weekdayOf } from './civil';

/** An office period as wall-clock milliseconds into the day, [from, to). */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** What the arithmetic needs to know about one local day. */
export interface DaySchedule {
  readonly working: boolean;
  /** Office periods, ordered; empty on days that are not working days. */
  readonly periods: readonly Period[];
  /** Working milliseconds in the whole day (0 on days that are not working days). */
  readonly total: number;
  /** End of the last office period: the moment a deadline on this day falls. */
  readonly close: number;
}

export function toPeriods(officeHours: readonly OfficePeriod[]): Period[] {
  return officeHours.map((p) => ({
    from: (parseClockTime(p.from) ?? 0) * MS_PER_MINUTE,
    to: (parseClockTime(p.to) ?? 0) * MS_PER_MINUTE,
  }));
}

/** Working milliseconds of a day before wall-clock time `t` (ms into the day). */
export function workedBefore(day: DaySchedule, t: number): number {
  let worked = 0;
  for (const p of day.periods) {
    if (t <= p.from) break;
    worked += Math.min(t, p.to) - p.from;
  }
  return worked;
}

const NOT_WORKING: DaySchedule = { working: false, periods: [], total: 0, close: 0 };

/** A loaded year, indexed by day number for O(1) lookups. */
export interface YearIndex {
  readonly working: DaySchedule;
  readonly holidays: ReadonlySet<number>;
  readonly makeUpWorkdays: ReadonlySet<number>;
}

export function workingSchedule(periods: readonly Period[]): DaySchedule {
  const total = periods.reduce((sum, p) => sum + (p.to - p.from), 0);
  return { working: true, periods, total, close: periods[periods.length - 1]?.to ?? 0 };
}

/**
 * Decides one day: a listed make-up working day (调休上班) works whatever its weekday, a listed holiday
 * does not, and otherwise Monday–Friday work. `year` is a loaded or a provisional year; without one (a
 * year no provisional calendar covers) only the weekday rule applies.
 */
export function scheduleOf(
  dayNumber: number,
  year: YearIndex | undefined,
  defaultWorking: DaySchedule,
): DaySchedule {
  const weekday = weekdayOf(dayNumber);
  if (!year) return weekday === 0 || weekday === 6 ? NOT_WORKING : defaultWorking;
  if (year.makeUpWorkdays.has(dayNumber)) return year.working;
  if (year.holidays.has(dayNumber)) return NOT_WORKING;
  return weekday === 0 || weekday === 6 ? NOT_WORKING : year.working;
}
