import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Instant, Interval, LocalDate, TimeLimit } from '../../shared/time';

/**
 * Test double of the working calendar, for deciders' specs only: every Monday–Friday is a working day,
 * office hours 09:00–17:00 in UTC+8, no holidays, pauses ignored. Deadlines follow the interface's
 * conventions (start day not counted; outside office hours counts from the next working period; close of
 * office hours on the last day), so every expected deadline in the specs can be counted on a wall calendar.
 */
const offsetMs = 8 * 60 * 60 * 1000;
const openMinute = 9 * 60;
const closeMinute = 17 * 60;

const local = (instant: Instant) => {
  const shifted = new Date(Date.parse(instant) + offsetMs);
  return {
    date: shifted.toISOString().slice(0, 10),
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
};

const nextDate = (date: LocalDate, days = 1): LocalDate => {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
};

const isWorkingDay = (date: LocalDate): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
  let day = date;
  while (!isWorkingDay(day)) day = nextDate(day);
  for (let counted = 0; counted < n; ) {
    day = nextDate(day);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
};

/** The working day the clock starts on: today if before closing time on a working day, else the next one. */
const startDay = (instant: Instant): LocalDate => {
  const { date, minute } = local(instant);
  if (isWorkingDay(date) && minute < closeMinute) return date;
  return addWorkingDays(nextDate(date), 0);
};

const closeOf = (date: LocalDate): Instant => `${date}T17:00:00+08:00`;

export const weekdayCalendar: WorkingCalendar = {
  timeZone: '+08:00',
  minutesPerWorkingDay: closeMinute - openMinute,
  loadedYears: [2026],
  isWorkingDay,
  localDate: (instant) => local(instant).date,
  addWorkingDays,
  deadline(start: Instant, limit: TimeLimit, _pauses?: readonly Interval[]): Instant {
    const first = startDay(start);
    if (limit.unit === 'working_days') return closeOf(addWorkingDays(first, limit.value));
    return closeOf(addWorkingDays(nextDate(first, limit.value), 0));
  },
  workingDaysBetween(): number {
    throw new Error('weekdayCalendar.workingDaysBetween is not needed by these specs');
  },
  addWorkingMinutes(): Instant {
    throw new Error('weekdayCalendar.addWorkingMinutes is not needed by these specs');
  },
};
