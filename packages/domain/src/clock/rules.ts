import type { WorkingCalendar } from '../calendar/working-calendar';
import { InvalidClockRules } from './errors';

/**
 * The thresholds of electronic supervision (电子监察), in working days. Local practice, not law: every one
 * is configuration.
 */
export interface ClockRules {
  /** 提醒: a reminder this many working days before a deadline (case, step, co-handler). */
  reminderWorkingDaysBefore: number;
  /** 黄牌 (预警): when a case or step is MORE than this many working days overdue. */
  yellowAfterWorkingDays: number;
  /** 红牌 (报警): when a case or step is MORE than this many working days overdue. */
  redAfterWorkingDays: number;
}

export const DEFAULT_CLOCK_RULES: Readonly<ClockRules> = {
  reminderWorkingDaysBefore: 1,
  yellowAfterWorkingDays: 1,
  redAfterWorkingDays: 2,
};

/** What the clock decider is built with: the centre's calendar and, optionally, other thresholds. */
export interface ClockDeciderContext {
  calendar: WorkingCalendar;
  rules?: Partial<ClockRules>;
}

/** The context with every default filled in and checked. */
export interface ClockContext {
  calendar: WorkingCalendar;
  rules: ClockRules;
}

export function clockContext(context: ClockDeciderContext): ClockContext {
  const rules: ClockRules = { ...DEFAULT_CLOCK_RULES, ...context.rules };
  const issues: string[] = [];
  for (const [name, value] of Object.entries(rules)) {
    if (!Number.isFinite(value) || value < 0) issues.push(`${name}: must be a number of working days ≥ 0`);
  }
  // A red card supersedes a yellow one: it must come later, or the order of the cards is lost.
  if (rules.redAfterWorkingDays <= rules.yellowAfterWorkingDays)
    issues.push('redAfterWorkingDays: must be more than yellowAfterWorkingDays');
  if (issues.length > 0) throw new InvalidClockRules(issues);
  return { calendar: context.calendar, rules };
}
