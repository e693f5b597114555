import {
  type CalendarYear,
  ChangeCalendarDayData,
  DefineCalendarYearData,
  SetOfficeHoursData,
} from '@docket/domain';
import { z } from 'zod';
import { type CommandReply, PageRequest } from './common';
import { command, query, replies } from './endpoint';

const Year = z.number().int().min(2000).max(2100);

/** The calendar of one year as in force: published by an administrator, or the national schedule shipped. */
export interface CalendarView {
  year: number;
  source: 'published' | 'national';
  version: number | null;
  calendar: CalendarYear;
}

/** The monitoring service's contract (电子监察 and the working-day calendar). */
export const monitoring = {
  defineCalendarYear: command(
    'monitoring.cmd.defineCalendarYear',
    DefineCalendarYearData,
    replies<CommandReply>(),
  ),
  changeCalendarDay: command(
    'monitoring.cmd.changeCalendarDay',
    z.object({ year: Year, data: ChangeCalendarDayData }),
    replies<CommandReply>(),
  ),
  setOfficeHours: command(
    'monitoring.cmd.setOfficeHours',
    z.object({ year: Year, data: SetOfficeHoursData }),
    replies<CommandReply>(),
  ),
  calendar: query('monitoring.qry.calendar', z.object({ year: Year }), replies<CalendarView>()),
} as const;

export { PageRequest as MonitoringPage };
