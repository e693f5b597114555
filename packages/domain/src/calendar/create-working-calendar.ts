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
import { provisionalCalendarYear } from './provisional-year';
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
 * InvalidCalendar). Dates outside the loaded years are never refused (the centre may not have published
 * next year's schedule yet when a deadline reaches into it): they count on that year's provisional
 * calendar (provisionalCalendarYear: the statutory holidays of 《全国年节及纪念日放假办法》 Art. 2, weekends,
 * no 调休), and Monday to Friday alone outside the years it can be computed for.
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
  private readonly provisionalYears = new Map<number, YearIndex | undefined>();

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
    const lastDay = this.lastDayOf(started, limit);
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
      const year = civilOf(dayNumber).year;
      schedule = scheduleOf(dayNumber, this.years.get(year) ?? this.provisional(year), this.defaultWorking);
      if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
      this.days.set(dayNumber, schedule);
    }
    return schedule;
  }

  /**
   * A year nobody published: its provisional calendar (statutory holidays of 《全国年节及纪念日放假办法》,
   * no 调休), with the default office hours; undefined (Monday to Friday) outside PROVISIONAL_YEARS.
   */
  private provisional(year: number): YearIndex | undefined {
    if (this.provisionalYears.has(year)) return this.provisionalYears.get(year);
    const computed = provisionalCalendarYear(year);
    const index =
      computed === undefined
        ? undefined
        : {
            working: this.defaultWorking,
            holidays: new Set(computed.holidays.map((h) => parseLocalDate(h.date) ?? NaN)),
            makeUpWorkdays: new Set<number>(),
          };
    this.provisionalYears.set(year, index);
    return index;
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

  /**
   * The day a period counted from `epochMs` runs out: the one place the law's counting rule lives.
   *
   * - 民法典 Art. 201: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算. The day of the start
   *   (its calendar day in the centre's zone) is never counted, whatever the hour and whether or not it is
   *   a working day: a Saturday, a holiday or an evening after the close is that day, and the count begins
   *   the day after it.
   * - 行政许可法 Art. 82: 行政机关实施行政许可的期限以工作日计算，不含法定节假日. N working days end on the
   *   N-th working day after the start day (a Saturday start with 1 working day ends on Monday, a weekday
   *   evening start on the next working day).
   * - Natural days (a limit another law sets in calendar days) end on the N-th calendar day after the start
   *   day; 民法典 Art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日, so a last
   *   day that is not a working day moves to the next working day.
   * - N = 0 (即办件, decided on the spot) counts no period: it ends the day it starts, or, started outside
   *   office hours (at or after the close, on a day off), the next working day.
   *
   * The deadline is the close of office hours of that day (民法典 Art. 203: 有业务时间的，停止业务活动的时间为截止时间).
   */
  private lastDayOf(epochMs: number, limit: TimeLimit): number {
    const { day, t } = this.position(epochMs);
    if (limit.value === 0) {
      const schedule = this.day(day);
      return schedule.working && t < schedule.close ? day : this.nthWorkingDay(day + 1, 0);
    }
    return limit.unit === 'working_days'
      ? this.nthWorkingDay(day, limit.value)
      : this.nthWorkingDay(day + limit.value, 0);
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
