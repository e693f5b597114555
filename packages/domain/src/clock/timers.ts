import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Instant, TimeLimit } from '../shared/time';
import type { CardTimers, CoHandlerTimers, StepTimers } from './events';
import { isBefore } from './instants';
import type { ClockContext } from './rules';

/**
 * The calendar arithmetic of the clock: used by decide only, and its results recorded in the events.
 * "More than N working days overdue" starts at `addWorkingMinutes(deadline, N × minutesPerWorkingDay)`;
 * the reminder is at `addWorkingMinutes(deadline, −reminder × minutesPerWorkingDay)`.
 */
const days = (calendar: WorkingCalendar, workingDays: number): number =>
  Math.round(workingDays * calendar.minutesPerWorkingDay);

/**
 * A reminder that would fall before its timers were set (`since`) is none at all: a limit shorter than the
 * reminder's lead (an instant case, a step returned with little time left) gets no "one day left" notice.
 */
function reminderAt(context: ClockContext, deadline: Instant, since: Instant): Instant | null {
  const { calendar, rules } = context;
  const at = calendar.addWorkingMinutes(deadline, -days(calendar, rules.reminderWorkingDaysBefore));
  return isBefore(at, since) ? null : at;
}

export function cardTimers(context: ClockContext, deadline: Instant, since: Instant): CardTimers {
  const { calendar, rules } = context;
  return {
    deadline,
    reminderAt: reminderAt(context, deadline, since),
    yellowAt: calendar.addWorkingMinutes(deadline, days(calendar, rules.yellowAfterWorkingDays)),
    redAt: calendar.addWorkingMinutes(deadline, days(calendar, rules.redAfterWorkingDays)),
  };
}

export const stepTimers = (
  context: ClockContext,
  stepIndex: number,
  deadline: Instant,
  since: Instant,
): StepTimers => ({ stepIndex, ...cardTimers(context, deadline, since) });

export const coHandlerTimers = (
  context: ClockContext,
  department: string,
  deadline: Instant,
  since: Instant,
): CoHandlerTimers => ({ department, deadline, reminderAt: reminderAt(context, deadline, since) });

/** Working minutes from `from` to `to` (0 when `to` is not later), as the review counts a pause. */
export const workingMinutesBetween = (calendar: WorkingCalendar, from: Instant, to: Instant): number =>
  Math.max(0, Math.round(calendar.workingDaysBetween(from, to) * calendar.minutesPerWorkingDay));

/**
 * A step's limit in working minutes. Working days are whole days of office time. Natural days have no
 * fixed length in working time: they are converted once, at the clock's start, as the working time from
 * `from` to the deadline the calendar gives for that limit, and recorded.
 */
export function limitWorkingMinutes(calendar: WorkingCalendar, limit: TimeLimit, from: Instant): number {
  if (limit.unit === 'working_days') return days(calendar, limit.value);
  return workingMinutesBetween(calendar, from, calendar.deadline(from, limit));
}

/**
 * The deadline of a step's turn: its limit less the time already spent, counted from `now`. A step that
 * has already used up its limit gets a deadline in the past (overdue by what it overran), so its cards
 * follow the time it has spent in total.
 */
export const stepDeadline = (calendar: WorkingCalendar, now: Instant, remainingMinutes: number): Instant =>
  calendar.addWorkingMinutes(now, remainingMinutes);
