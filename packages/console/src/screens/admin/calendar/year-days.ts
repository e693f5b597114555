import type { CalendarDayEntry } from '@docket/domain';

/** How a day counts: an ordinary working day, a weekend, a public holiday, or a make-up working day (调休上班). */
export type DayKind = 'working' | 'rest' | 'holiday' | 'workday';

export interface CalendarDay {
  /** yyyy-mm-dd */
  date: string;
  month: number;
  day: number;
  /** 0 = Monday … 6 = Sunday (Chinese calendars start the week on Monday). */
  weekday: number;
  kind: DayKind;
  /** The holiday's or make-up day's name, as the schedule lists it. */
  name?: string;
}

/** What a year's schedule lists: the dated exceptions to Monday–Friday. */
export interface Schedule {
  holidays: CalendarDayEntry[];
  makeUpWorkdays: CalendarDayEntry[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Every day of the year with how it counts, by the same rule as the domain's working calendar. */
export function yearDays(year: number, schedule: Schedule): CalendarDay[] {
  const holidays = new Map(schedule.holidays.map((d) => [d.date, d.name]));
  const workdays = new Map(schedule.makeUpWorkdays.map((d) => [d.date, d.name]));
  const days: CalendarDay[] = [];
  for (let at = Date.UTC(year, 0, 1); new Date(at).getUTCFullYear() === year; at += 86_400_000) {
    const d = new Date(at);
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const date = `${year}-${pad(month)}-${pad(day)}`;
    const weekday = (d.getUTCDay() + 6) % 7;
    const holiday = holidays.get(date);
    const workday = workdays.get(date);
    const kind: DayKind =
      holiday !== undefined
        ? 'holiday'
        : workday !== undefined
          ? 'workday'
          : weekday >= 5
            ? 'rest'
            : 'working';
    const name = holiday ?? workday;
    days.push({ date, month, day, weekday, kind, ...(name ? { name } : {}) });
  }
  return days;
}

/** One month as weeks of seven (Monday first), the days outside the month empty. */
export function monthWeeks(days: readonly CalendarDay[], month: number): (CalendarDay | null)[][] {
  const inMonth = days.filter((d) => d.month === month);
  const cells: (CalendarDay | null)[] = [...Array<null>(inMonth[0]?.weekday ?? 0).fill(null), ...inMonth];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** How many working days (make-up days included), public holidays and make-up working days the year has. */
export function yearCounts(days: readonly CalendarDay[]) {
  return {
    working: days.filter((d) => d.kind === 'working' || d.kind === 'workday').length,
    holidays: days.filter((d) => d.kind === 'holiday').length,
    workdays: days.filter((d) => d.kind === 'workday').length,
  };
}

/** A draft schedule with one date re-listed, as the domain's ChangeCalendarDay would re-list it. */
export function relist(
  schedule: Schedule,
  date: string,
  becomes: 'holiday' | 'workday' | 'normal',
  name?: string,
): Schedule {
  const others = (entries: CalendarDayEntry[]) => entries.filter((e) => e.date !== date);
  const byDate = (a: CalendarDayEntry, b: CalendarDayEntry) => a.date.localeCompare(b.date);
  const entry = { date, name: name ?? '' };
  return {
    holidays: [...others(schedule.holidays), ...(becomes === 'holiday' ? [entry] : [])].sort(byDate),
    makeUpWorkdays: [...others(schedule.makeUpWorkdays), ...(becomes === 'workday' ? [entry] : [])].sort(
      byDate,
    ),
  };
}
