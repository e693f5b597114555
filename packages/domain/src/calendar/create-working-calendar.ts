import type { Instant, Interval, LocalDate, TimeLimit } from '../shared/time';
import {
  InvalidCalendar,
  InvalidInstant,
  InvalidLocalDate,
  InvalidPause,
  PauseStillOpen,
} from './calendar-errors';
import {
  CalendarYear,
  type CalendarYearInput,
  DEFAULT_OFFICE_HOURS,
  DEFAULT_TIME_ZONE,
  type OfficePeriod,
  officeHoursIssues,
} from './calendar-year';
import { civilOf, formatInstant, formatLocalDate, MS_PER_DAY, MS_PER_MINUTE, parseLocalDate } from './civil';
import {
  type DaySchedule,
  scheduleOf,
  toPeriods,
  workedBefore,
  workingSchedule,
  type YearIndex,
} from './day-schedule';
import type { WorkingCalendar } from './working-calendar';
import { ZoneClock } from './zone-clock';

export interface WorkingCalendarOptions {
  /** The centre's IANA zone; must agree with the loaded years. Default: theirs, else Asia/Shanghai. */
  timeZone?: string;
  /**
   * Office hours for dates outside the loaded years (and `minutesPerWorkingDay`). Default: those of the
   * latest loaded year, else 09:00–12:00 and 13:30–17:30.
   */
  officeHours?: readonly OfficePeriod[];
}

/** A position in wall-clock time: the local day and milliseconds into it. */
interface Position {
  day: number;
  t: number;
}

const MAX_CACHED_DAYS = 100_000;

/**
 * Builds the centre's working calendar from its published years (validated here: a bad year throws
 * InvalidCalendar). Dates outside the loaded years are counted Monday–Friday without holidays, never
 * refused: the centre may not have published next year's schedule yet when a deadline reaches into it.
 */
export function createWorkingCalendar(
  years: readonly CalendarYearInput[],
  options: WorkingCalendarOptions = {},
): WorkingCalendar {
  const issues: string[] = [];
  const parsed: CalendarYear[] = [];
  for (const input of years) {
    const result = CalendarYear.safeParse(input);
    if (result.success) parsed.push(result.data);
    else
      issues.push(
        ...result.error.issues.map((i) => `${input.year}: ${i.path.join('.') || 'calendar'}: ${i.message}`),
      );
  }
  const timeZone = options.timeZone ?? parsed[0]?.timeZone ?? DEFAULT_TIME_ZONE;
  const index = new Map<number, YearIndex>();
  for (const year of parsed) {
    if (index.has(year.year)) issues.push(`${year.year} is loaded twice`);
    if (year.timeZone !== timeZone)
      issues.push(`${year.year} is in ${year.timeZone}, the calendar in ${timeZone}`);
    const days = (entries: readonly { date: string }[]) =>
      new Set(entries.map((e) => parseLocalDate(e.date) ?? NaN));
    index.set(year.year, {
      working: workingSchedule(toPeriods(year.officeHours)),
      holidays: days(year.holidays),
      makeUpWorkdays: days(year.makeUpWorkdays),
    });
  }
  const latest = [...parsed].sort((a, b) => b.year - a.year)[0];
  const defaultHours = options.officeHours ?? latest?.officeHours ?? DEFAULT_OFFICE_HOURS;
  issues.push(...officeHoursIssues(defaultHours));
  if (issues.length > 0) throw new InvalidCalendar(issues);
  return new CalendarArithmetic(new ZoneClock(timeZone), index, workingSchedule(toPeriods(defaultHours)));
}

class CalendarArithmetic implements WorkingCalendar {
  readonly timeZone: string;
  readonly minutesPerWorkingDay: number;
  readonly loadedYears: readonly number[];
  private readonly days = new Map<number, DaySchedule>();

  constructor(
    private readonly clock: ZoneClock,
    private readonly years: ReadonlyMap<number, YearIndex>,
    private readonly defaultWorking: DaySchedule,
  ) {
    this.timeZone = clock.timeZone;
    this.minutesPerWorkingDay = defaultWorking.total / MS_PER_MINUTE;
    this.loadedYears = [...years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.day(dayNumber(date)).working;
  }

  localDate(instant: Instant): LocalDate {
    return formatLocalDate(this.position(epoch(instant)).day);
  }

  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, got ${n}`);
    return formatLocalDate(this.nthWorkingDay(dayNumber(date), n));
  }

  deadline(start: Instant, limit: TimeLimit, pauses: readonly Interval[] = []): Instant {
    if (!Number.isInteger(limit.value) || limit.value < 0)
      throw new RangeError(`A time limit is a whole number of days ≥ 0, got ${limit.value}`);
    const started = epoch(start);
    const startDay = this.clockStartDay(started);
    const lastDay =
      limit.unit === 'working_days'
        ? this.nthWorkingDay(startDay, limit.value)
        : this.nthWorkingDay(startDay + limit.value, 0);
    let deadline = this.clock.instantOf(lastDay, this.day(lastDay).close);
    if (pauses.length > 0) deadline = this.extendByPauses(deadline, started, pauses);
    return this.format(deadline);
  }

  workingDaysBetween(from: Instant, to: Instant): number {
    const a = epoch(from);
    const b = epoch(to);
    return b < a ? -this.daysBetween(b, a) : this.daysBetween(a, b);
  }

  addWorkingMinutes(instant: Instant, minutes: number): Instant {
    if (!Number.isFinite(minutes))
      throw new RangeError(`addWorkingMinutes needs a finite number, got ${minutes}`);
    const at = epoch(instant);
    const amount = minutes * MS_PER_MINUTE;
    return this.format(amount >= 0 ? this.forward(at, amount) : this.backward(at, -amount));
  }

  private day(dayNumber: number): DaySchedule {
    let schedule = this.days.get(dayNumber);
    if (schedule === undefined) {
      schedule = scheduleOf(dayNumber, this.years.get(civilOf(dayNumber).year), this.defaultWorking);
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      this.days.set(dayNumber, schedule);
    }
    return schedule;
  }

  private position(epochMs: number): Position {
    const local = this.clock.toLocal(epochMs);
    const day = Math.floor(local / MS_PER_DAY);
    return { day, t: local - day * MS_PER_DAY };
  }

  private format(epochMs: number): Instant {
    const rounded = Math.round(epochMs);
    return formatInstant(rounded, this.clock.offsetAt(rounded));
  }

  /** n > 0: the n-th working day after `day`; 0: `day` or the next working day; n < 0: counted backwards. */
  private nthWorkingDay(day: number, n: number): number {
    let current = day;
    if (n === 0) {
      while (!this.day(current).working) current++;
      return current;
    }
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
      current += step;
      if (this.day(current).working) left--;
    }
    return current;
  }

  /** The day the count starts: an instant after the close (or on a day off) counts from the next working period. */
  private clockStartDay(epochMs: number): number {
    const { day, t } = this.position(epochMs);
    const schedule = this.day(day);
    return schedule.working && t < schedule.close ? day : this.nthWorkingDay(day + 1, 0);
  }

  /**
   * Pauses in order of their start; overlapping ones count once, and time before the clock started does
   * not count. A pause that begins once the (extended) deadline has passed does not revive the clock.
   */
  private extendByPauses(initial: number, started: number, pauses: readonly Interval[]): number {
    const sorted = pauses
      .map((p) => ({ raw: p, from: epoch(p.from), to: p.to === undefined ? undefined : epoch(p.to) }))
      .sort((a, b) => a.from - b.from);
    for (const p of sorted)
      if (p.to !== undefined && p.to < p.from) throw new InvalidPause(p.raw.from, p.raw.to ?? '');
    let deadline = initial;
    let covered = started;
    for (const p of sorted) {
      const from = Math.max(p.from, covered);
      if (from >= deadline) break;
      if (p.to === undefined) throw new PauseStillOpen(p.raw.from);
      if (p.to <= from) continue;
      deadline = this.forward(deadline, this.workingMsBetween(from, p.to));
      covered = p.to;
    }
    return deadline;
  }

  /** Working milliseconds in [a, b), a ≤ b. */
  private workingMsBetween(a: number, b: number): number {
    const pa = this.position(a);
    const pb = this.position(b);
    const first = this.day(pa.day);
    if (pa.day === pb.day) return workedBefore(first, pb.t) - workedBefore(first, pa.t);
    let total = first.total - workedBefore(first, pa.t);
    for (let d = pa.day + 1; d < pb.day; d++) total += this.day(d).total;
    return total + workedBefore(this.day(pb.day), pb.t);
  }

  /** Like workingMsBetween, but each working day weighs 1 whatever the length of its office hours. */
  private daysBetween(a: number, b: number): number {
    const pa = this.position(a);
    const pb = this.position(b);
    const first = this.day(pa.day);
    const fraction = (s: DaySchedule, worked: number) => (s.total === 0 ? 0 : worked / s.total);
    if (pa.day === pb.day) return fraction(first, workedBefore(first, pb.t) - workedBefore(first, pa.t));
    let days = fraction(first, first.total - workedBefore(first, pa.t));
    for (let d = pa.day + 1; d < pb.day; d++) if (this.day(d).working) days++;
    const last = this.day(pb.day);
    return days + fraction(last, workedBefore(last, pb.t));
  }

  /** The earliest instant at which `amount` working ms have passed since `from` (a period end, not the next start). */
  private forward(from: number, amount: number): number {
    if (amount === 0) return from;
    let { day, t } = this.position(from);
    let left = amount;
    for (;;) {
      const schedule = this.day(day);
      if (t === 0 && left > schedule.total) {
        left -= schedule.total;
      } else {
        for (const p of schedule.periods) {
          if (p.to <= t) continue;
          const begin = Math.max(t, p.from);
          if (left <= p.to - begin) return this.clock.instantOf(day, begin + left);
          left -= p.to - begin;
        }
      }
      day++;
      t = 0;
    }
  }

  /**
   * The earliest instant from which `amount` working ms lead to `from`: moving back a whole working day
   * from a close lands on the previous working day's close, not on this day's opening.
   */
  private backward(from: number, amount: number): number {
    if (amount === 0) return from;
    let { day, t } = this.position(from);
    let left = amount;
    for (;;) {
      const schedule = this.day(day);
      if (t === MS_PER_DAY && left > schedule.total) {
        left -= schedule.total;
      } else {
        for (let i = schedule.periods.length - 1; i >= 0; i--) {
          const p = schedule.periods[i]!;
          if (p.from >= t) continue;
          const end = Math.min(t, p.to);
          if (left === 0) return this.clock.instantOf(day, end);
          if (left < end - p.from) return this.clock.instantOf(day, end - left);
          left -= end - p.from;
        }
      }
      day--;
      t = MS_PER_DAY;
    }
  }
}

function epoch(instant: Instant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new InvalidInstant(instant);
  return ms;
}

function dayNumber(date: LocalDate): number {
  const day = parseLocalDate(date);
  if (day === undefined) throw new InvalidLocalDate(date);
  return day;
}
