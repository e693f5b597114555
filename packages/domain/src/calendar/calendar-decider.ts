import { z } from 'zod';
import type { Command } from '../shared/command';
import type { Decider } from '../shared/decider';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { multiLine, singleLine } from '../shared/text';
import { LocalDate } from '../shared/time';
import {
  CalendarYearAlreadyDefined,
  CalendarYearNotDefined,
  DateOutsideCalendarYear,
  InvalidCalendar,
  NotAnAdministrator,
  UnchangedCalendarDay,
  UnchangedOfficeHours,
} from './calendar-errors';
import {
  type CalendarEditor,
  type CalendarEvent,
  type CalendarState,
  evolveCalendar,
  initialCalendarState,
} from './calendar-events';
import {
  CalendarDayEntry,
  CalendarYearShape,
  calendarYearIssues,
  dayKindIn,
  OfficeHours,
  officeHoursIssues,
} from './calendar-year';

/** A holiday's or make-up day's name as an administrator types it: one line (the text rule, shared/text.ts). */
const dayName = singleLine({ max: 100 });
const TypedDayEntries = z
  .array(CalendarDayEntry.extend({ name: dayName }))
  .max(366)
  .default([]);

/** Initial publication of a year's schedule; `source` records where it came from (e.g. the notice). */
export const DefineCalendarYearData = CalendarYearShape.extend({
  holidays: TypedDayEntries,
  makeUpWorkdays: TypedDayEntries,
  source: singleLine({ max: 500 }).optional(),
});

/** Re-lists one date. `name` is required when the day becomes a holiday or a make-up working day. */
export const ChangeCalendarDayData = z
  .object({
    date: LocalDate,
    becomes: z.enum(['holiday', 'workday', 'normal']),
    name: dayName.optional(),
    reason: multiLine({ max: 2000 }).optional(),
  })
  .refine((d) => d.becomes === 'normal' || d.name !== undefined, {
    message: 'a holiday or make-up working day needs a name',
    path: ['name'],
  });

export const SetOfficeHoursData = z.object({
  officeHours: OfficeHours,
  reason: multiLine({ max: 2000 }).optional(),
});

export type CalendarCommand =
  | Command<'DefineCalendarYear', z.input<typeof DefineCalendarYearData>>
  | Command<'ChangeCalendarDay', z.input<typeof ChangeCalendarDayData>>
  | Command<'SetOfficeHours', z.input<typeof SetOfficeHoursData>>;

function parse<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new InvalidCommand(result.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`));
  return result.data;
}

function editorOf(command: CalendarCommand, action: string): CalendarEditor {
  const { actor } = command.metadata;
  if (!actor.roles.includes('admin')) throw new NotAnAdministrator(actor.id, action);
  return { id: actor.id, name: actor.name };
}

function requireReason(reason: string | undefined, action: string): string {
  if (reason === undefined || reason.trim() === '') throw new ReasonRequired(action);
  return reason;
}

function defineCalendarYear(
  command: Extract<CalendarCommand, { type: 'DefineCalendarYear' }>,
  state: CalendarState,
): CalendarEvent[] {
  const { source, ...calendar } = parse(DefineCalendarYearData, command.data);
  const by = editorOf(command, 'define a calendar year');
  if (state.defined) throw new CalendarYearAlreadyDefined(state.calendar.year);
  const issues = calendarYearIssues(calendar);
  if (issues.length > 0) throw new InvalidCalendar(issues);
  const sorted = <E extends { date: string }>(entries: E[]) =>
    [...entries].sort((a, b) => a.date.localeCompare(b.date));
  return [
    {
      type: 'CalendarYearDefined',
      data: {
        calendar: {
          ...calendar,
          holidays: sorted(calendar.holidays),
          makeUpWorkdays: sorted(calendar.makeUpWorkdays),
        },
        ...(source === undefined ? {} : { source }),
        at: command.metadata.now,
        by,
        version: 1,
      },
    },
  ];
}

function changeCalendarDay(
  command: Extract<CalendarCommand, { type: 'ChangeCalendarDay' }>,
  state: CalendarState,
): CalendarEvent[] {
  const { date, becomes, name, reason } = parse(ChangeCalendarDayData, command.data);
  const by = editorOf(command, 'change a calendar day');
  if (!state.defined) throw new CalendarYearNotDefined();
  const written = requireReason(reason, 'changing a calendar day');
  const { calendar } = state;
  if (!date.startsWith(`${calendar.year}-`)) throw new DateOutsideCalendarYear(date, calendar.year);
  const previously = dayKindIn(calendar, date);
  const listed = [...calendar.holidays, ...calendar.makeUpWorkdays].find((d) => d.date === date);
  if (previously === becomes && (becomes === 'normal' || listed?.name === name))
    throw new UnchangedCalendarDay(date, becomes);
  return [
    {
      type: 'CalendarDayChanged',
      data: {
        year: calendar.year,
        date,
        previously,
        becomes,
        ...(becomes === 'normal' ? {} : { name }),
        reason: written,
        at: command.metadata.now,
        by,
        version: state.version + 1,
      },
    },
  ];
}

function setOfficeHours(
  command: Extract<CalendarCommand, { type: 'SetOfficeHours' }>,
  state: CalendarState,
): CalendarEvent[] {
  const { officeHours, reason } = parse(SetOfficeHoursData, command.data);
  const by = editorOf(command, 'set office hours');
  if (!state.defined) throw new CalendarYearNotDefined();
  const written = requireReason(reason, 'changing office hours');
  const issues = officeHoursIssues(officeHours);
  if (issues.length > 0) throw new InvalidCalendar(issues);
  const { calendar } = state;
  if (JSON.stringify(officeHours) === JSON.stringify(calendar.officeHours))
    throw new UnchangedOfficeHours(calendar.year);
  return [
    {
      type: 'OfficeHoursChanged',
      data: {
        year: calendar.year,
        officeHours,
        previously: calendar.officeHours,
        reason: written,
        at: command.metadata.now,
        by,
        version: state.version + 1,
      },
    },
  ];
}

/**
 * The working-day calendar of one year, stream `calendar-<year>` (written by monitoring). Versioned and
 * audited: publication and every later change are events carrying who, when and (for changes) why.
 */
export const calendarDecider: Decider<CalendarCommand, CalendarState, CalendarEvent> = {
  decide(command, state) {
    switch (command.type) {
      case 'DefineCalendarYear':
        return defineCalendarYear(command, state);
      case 'ChangeCalendarDay':
        return changeCalendarDay(command, state);
      case 'SetOfficeHours':
        return setOfficeHours(command, state);
      default:
        throw new InvalidCommand([`unknown calendar command ${(command as { type: unknown }).type}`]);
    }
  },
  evolve: evolveCalendar,
  initialState: initialCalendarState,
};
