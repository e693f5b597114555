import type { DomainEvent } from '../shared/decider';
import type { Instant, LocalDate } from '../shared/time';
import type { CalendarDayEntry, CalendarDayKind, CalendarYear, OfficePeriod } from './calendar-year';

/** Who changed the calendar: kept on every event for the audit trail. */
export interface CalendarEditor {
  id: string;
  name: string;
}

/** Every calendar event says when, by whom, and which version of the year it produces (1, 2, 3 …). */
interface Stamp {
  at: Instant;
  by: CalendarEditor;
  version: number;
}

/** The year's schedule is published (initial version). */
export type CalendarYearDefined = DomainEvent<
  'CalendarYearDefined',
  Stamp & { calendar: CalendarYear; source?: string }
>;

/** One date is re-listed: made a holiday, a make-up working day (调休上班), or an ordinary day again. */
export type CalendarDayChanged = DomainEvent<
  'CalendarDayChanged',
  Stamp & {
    year: number;
    date: LocalDate;
    previously: CalendarDayKind;
    becomes: CalendarDayKind;
    /** Present when the day becomes a holiday or a make-up working day. */
    name?: string;
    reason: string;
  }
>;

export type OfficeHoursChanged = DomainEvent<
  'OfficeHoursChanged',
  Stamp & { year: number; officeHours: OfficePeriod[]; previously: OfficePeriod[]; reason: string }
>;

export type CalendarEvent = CalendarYearDefined | CalendarDayChanged | OfficeHoursChanged;

export type CalendarState =
  | { defined: false }
  | { defined: true; calendar: CalendarYear; version: number; changedAt: Instant; changedBy: CalendarEditor };

export const initialCalendarState = (): CalendarState => ({ defined: false });

/** The year as currently in force, to build a WorkingCalendar from; undefined before publication. */
export const calendarOf = (state: CalendarState): CalendarYear | undefined =>
  state.defined ? state.calendar : undefined;

const byDate = (a: CalendarDayEntry, b: CalendarDayEntry) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export function evolveCalendar(state: CalendarState, event: CalendarEvent): CalendarState {
  const { at, by, version } = event.data;
  switch (event.type) {
    case 'CalendarYearDefined':
      return { defined: true, calendar: event.data.calendar, version, changedAt: at, changedBy: by };
    case 'CalendarDayChanged': {
      if (!state.defined) return state;
      const { date, becomes, name } = event.data;
      const others = (entries: CalendarDayEntry[]) => entries.filter((e) => e.date !== date);
      const entry = { date, name: name ?? '' };
      const holidays = others(state.calendar.holidays);
      const makeUpWorkdays = others(state.calendar.makeUpWorkdays);
      if (becomes === 'holiday') holidays.push(entry);
      if (becomes === 'workday') makeUpWorkdays.push(entry);
      const calendar = {
        ...state.calendar,
        holidays: holidays.sort(byDate),
        makeUpWorkdays: makeUpWorkdays.sort(byDate),
      };
      return { defined: true, calendar, version, changedAt: at, changedBy: by };
    }
    case 'OfficeHoursChanged': {
      if (!state.defined) return state;
      const calendar = { ...state.calendar, officeHours: event.data.officeHours };
      return { defined: true, calendar, version, changedAt: at, changedBy: by };
    }
  }
}

/** `calendar-<year>`: one stream per calendar year, written by the monitoring service. */
export const calendarStreamName = (year: number): string => `calendar-${year}`;
