import { z } from 'zod';
import { LocalDate } from '../shared/time';
import { parseClockTime, parseLocalDate } from './civil';
import { isValidTimeZone } from './zone-clock';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** 9:00–12:00 and 13:30–17:30 *(default)*: 420 working minutes a day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

const ClockTime = z
  .string()
  .refine((t) => parseClockTime(t) !== undefined, 'expected HH:MM between 00:00 and 24:00');

/** One office period (办公时间) of a working day, wall-clock time in the centre's zone, [from, to). */
export const OfficePeriod = z.object({ from: ClockTime, to: ClockTime });
export type OfficePeriod = z.infer<typeof OfficePeriod>;

export const OfficeHours = z.array(OfficePeriod).min(1).max(12);

/** A dated entry of the schedule: a public holiday (法定节假日) or a make-up working day (调休上班). */
export const CalendarDayEntry = z.object({ date: LocalDate, name: z.string().min(1).max(100) });
export type CalendarDayEntry = z.infer<typeof CalendarDayEntry>;

/** The shape only; `CalendarYear` adds the cross-field rules (see calendarYearIssues). */
export const CalendarYearShape = z.object({
  year: z.number().int().min(1970).max(9999),
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default(DEFAULT_TIME_ZONE),
  officeHours: OfficeHours.default(() => DEFAULT_OFFICE_HOURS.map((p) => ({ ...p }))),
  holidays: z.array(CalendarDayEntry).max(366).default([]),
  makeUpWorkdays: z.array(CalendarDayEntry).max(366).default([]),
});

/**
 * One year of a centre's working-day calendar (工作日历): the national schedule announced yearly by the
 * State Council, as the administrator published (and possibly amended) it.
 */
export const CalendarYear = CalendarYearShape.superRefine((calendar, ctx) => {
  for (const message of calendarYearIssues(calendar)) ctx.addIssue({ code: 'custom', message });
});
export type CalendarYear = z.output<typeof CalendarYear>;
/** What an administrator or the seed data writes: time zone and office hours may be left to defaults. */
export type CalendarYearInput = z.input<typeof CalendarYear>;

/** Office periods must be well-formed, ordered and non-overlapping. */
export function officeHoursIssues(officeHours: readonly OfficePeriod[]): string[] {
  const issues: string[] = [];
  let previousEnd = -1;
  officeHours.forEach((period, index) => {
    const from = parseClockTime(period.from);
    const to = parseClockTime(period.to);
    if (from === undefined || to === undefined) {
      issues.push(`office period ${index + 1} is not HH:MM–HH:MM`);
      return;
    }
    if (from >= to)
      issues.push(`office period ${index + 1} (${period.from}–${period.to}) ends before it starts`);
    if (from < previousEnd)
      issues.push(
        `office period ${index + 1} (${period.from}–${period.to}) overlaps or precedes the one before`,
      );
    previousEnd = Math.max(previousEnd, to);
  });
  return issues;
}

/** Every rule a calendar year must keep, as readable issues (empty when the year is valid). */
export function calendarYearIssues(calendar: CalendarYear): string[] {
  const issues = officeHoursIssues(calendar.officeHours);
  const holidayDates = new Set<string>();
  const check = (entries: readonly CalendarDayEntry[], list: string, seen: Set<string>) => {
    for (const { date } of entries) {
      if (parseLocalDate(date) === undefined) issues.push(`${list}: ${date} is not a calendar date`);
      else if (!date.startsWith(`${calendar.year}-`))
        issues.push(`${list}: ${date} is outside ${calendar.year}`);
      if (seen.has(date)) issues.push(`${list}: ${date} is listed twice`);
      seen.add(date);
    }
  };
  check(calendar.holidays, 'holidays', holidayDates);
  const workdayDates = new Set<string>();
  check(calendar.makeUpWorkdays, 'makeUpWorkdays', workdayDates);
  for (const date of workdayDates)
    if (holidayDates.has(date)) issues.push(`${date} is both a holiday and a make-up working day`);
  return issues;
}

/** How the schedule lists a date: 'holiday', 'workday' (make-up working day) or 'normal' (not listed). */
export type CalendarDayKind = 'holiday' | 'workday' | 'normal';

export function dayKindIn(calendar: CalendarYear, date: LocalDate): CalendarDayKind {
  if (calendar.holidays.some((d) => d.date === date)) return 'holiday';
  if (calendar.makeUpWorkdays.some((d) => d.date === date)) return 'workday';
  return 'normal';
}
