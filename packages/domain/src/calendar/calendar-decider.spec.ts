import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor';
import { fold } from '../shared/decider';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { type CalendarCommand, calendarDecider } from './calendar-decider';
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
  type CalendarDayChanged,
  type CalendarEvent,
  type CalendarYearDefined,
  calendarOf,
  type OfficeHoursChanged,
} from './calendar-events';
import { DEFAULT_OFFICE_HOURS } from './calendar-year';
import { createWorkingCalendar } from './create-working-calendar';

const admin: Actor = { id: 'u-admin', name: '王管理', roles: ['admin'] };
const clerk: Actor = { id: 'u-clerk', name: '李窗口', roles: ['clerk'] };
const now = '2026-11-20T09:00:00+08:00';
const later = '2026-12-01T15:00:00+08:00';
const by = { id: admin.id, name: admin.name };

const spec = deciderSpec(calendarDecider);

const define = (actor: Actor = admin): CalendarCommand => ({
  type: 'DefineCalendarYear',
  data: {
    year: 2026,
    holidays: [
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-01', name: '国庆节' },
    ],
    makeUpWorkdays: [{ date: '2026-10-10', name: '国庆节调休上班' }],
    source: '国办发明电〔2025〕7号',
  },
  metadata: { now, actor },
});

const defined: CalendarYearDefined = {
  type: 'CalendarYearDefined',
  data: {
    calendar: {
      year: 2026,
      timeZone: 'Asia/Shanghai',
      officeHours: DEFAULT_OFFICE_HOURS.map((p) => ({ ...p })),
      holidays: [
        { date: '2026-10-01', name: '国庆节' },
        { date: '2026-10-02', name: '国庆节' },
      ],
      makeUpWorkdays: [{ date: '2026-10-10', name: '国庆节调休上班' }],
    },
    source: '国办发明电〔2025〕7号',
    at: now,
    by,
    version: 1,
  },
};

const change = (
  data: Extract<CalendarCommand, { type: 'ChangeCalendarDay' }>['data'],
  actor = admin,
): CalendarCommand => ({
  type: 'ChangeCalendarDay',
  data,
  metadata: { now: later, actor },
});

const setHours = (
  data: Extract<CalendarCommand, { type: 'SetOfficeHours' }>['data'],
  actor = admin,
): CalendarCommand => ({
  type: 'SetOfficeHours',
  data,
  metadata: { now: later, actor },
});

const winterHours = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '17:00' },
];

describe('DefineCalendarYear', () => {
  it('publishes the year as version 1, lists sorted, defaults filled in, with who and when', () => {
    spec.given([]).when(define()).then([defined]);
  });

  it('is for administrators only', () => {
    spec
      .given([])
      .when(define(clerk))
      .thenThrows(NotAnAdministrator, (e) => e.kind === 'forbidden' && e.details.actorId === 'u-clerk');
  });

  it('happens once per year', () => {
    spec
      .given([defined])
      .when(define())
      .thenThrows(CalendarYearAlreadyDefined, (e) => e.details.year === 2026);
  });

  it('refuses a calendar that breaks the calendar rules, listing every issue', () => {
    const command = define();
    command.data = {
      year: 2026,
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      makeUpWorkdays: [],
      officeHours: [{ from: '14:00', to: '13:00' }],
    };
    spec
      .given([])
      .when(command)
      .thenThrows(InvalidCalendar, (e) => (e.details.issues as string[]).length === 2);
  });

  it('refuses a malformed payload as an invalid command', () => {
    const command = define();
    command.data = { year: 2026, holidays: [{ date: 'first of October', name: '国庆节' }] };
    spec.given([]).when(command).thenThrows(InvalidCommand);
  });
});

describe('ChangeCalendarDay', () => {
  it('makes a day a holiday, recording what it was, why, who, when and the next version', () => {
    const changed: CalendarDayChanged = {
      type: 'CalendarDayChanged',
      data: {
        year: 2026,
        date: '2026-12-31',
        previously: 'normal',
        becomes: 'holiday',
        name: '区政府通知',
        reason: 'District notice 2026-45: offices closed',
        at: later,
        by,
        version: 2,
      },
    };
    spec
      .given([defined])
      .when(
        change({
          date: '2026-12-31',
          becomes: 'holiday',
          name: '区政府通知',
          reason: 'District notice 2026-45: offices closed',
        }),
      )
      .then([changed]);
  });

  it('changes what deadlines count: the working calendar built from the folded state sees the change', () => {
    const events: CalendarEvent[] = [defined];
    const cancel = change({ date: '2026-10-10', becomes: 'normal', reason: 'make-up day cancelled' });
    events.push(...calendarDecider.decide(cancel, fold(calendarDecider, events)));
    const state = fold(calendarDecider, events);
    expect(state.defined && state.version).toBe(2);
    const calendar = createWorkingCalendar([calendarOf(state)!]);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
  });

  it('turns a holiday into a make-up working day and back to an ordinary day', () => {
    spec
      .given([defined])
      .when(change({ date: '2026-10-02', becomes: 'workday', name: '调整', reason: 'corrected notice' }))
      .thenState((state) => {
        const calendar = calendarOf(state)!;
        expect(calendar.holidays.map((d) => d.date)).toEqual(['2026-10-01']);
        expect(calendar.makeUpWorkdays).toEqual([
          { date: '2026-10-02', name: '调整' },
          { date: '2026-10-10', name: '国庆节调休上班' },
        ]);
      });
  });

  it('requires a written reason', () => {
    spec
      .given([defined])
      .when(change({ date: '2026-12-31', becomes: 'holiday', name: 'x', reason: '   ' }))
      .thenThrows(ReasonRequired);
    spec
      .given([defined])
      .when(change({ date: '2026-12-31', becomes: 'holiday', name: 'x' }))
      .thenThrows(ReasonRequired);
  });

  it('requires a name for a holiday or make-up working day', () => {
    spec
      .given([defined])
      .when(change({ date: '2026-12-31', becomes: 'holiday', reason: 'r' }))
      .thenThrows(InvalidCommand);
  });

  it('is for administrators only', () => {
    spec
      .given([defined])
      .when(change({ date: '2026-12-31', becomes: 'holiday', name: 'x', reason: 'r' }, clerk))
      .thenThrows(NotAnAdministrator);
  });

  it('needs the year to be defined first', () => {
    spec
      .given([])
      .when(change({ date: '2026-12-31', becomes: 'holiday', name: 'x', reason: 'r' }))
      .thenThrows(CalendarYearNotDefined);
  });

  it('keeps to the stream’s year', () => {
    spec
      .given([defined])
      .when(change({ date: '2027-01-04', becomes: 'holiday', name: 'x', reason: 'r' }))
      .thenThrows(DateOutsideCalendarYear, (e) => e.details.date === '2027-01-04' && e.details.year === 2026);
  });

  it('refuses to change a day to what it already is', () => {
    spec
      .given([defined])
      .when(change({ date: '2026-10-01', becomes: 'holiday', name: '国庆节', reason: 'r' }))
      .thenThrows(UnchangedCalendarDay);
    spec
      .given([defined])
      .when(change({ date: '2026-12-30', becomes: 'normal', reason: 'r' }))
      .thenThrows(UnchangedCalendarDay, (e) => e.details.kind === 'normal');
  });

  it('allows renaming a listed day', () => {
    spec
      .given([defined])
      .when(
        change({
          date: '2026-10-01',
          becomes: 'holiday',
          name: '国庆节 (National Day)',
          reason: 'bilingual names',
        }),
      )
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({ previously: 'holiday', becomes: 'holiday' }),
      );
  });
});

describe('SetOfficeHours', () => {
  it('changes the office hours with a reason, keeping the previous ones in the event', () => {
    const changed: OfficeHoursChanged = {
      type: 'OfficeHoursChanged',
      data: {
        year: 2026,
        officeHours: winterHours,
        previously: DEFAULT_OFFICE_HOURS.map((p) => ({ ...p })),
        reason: 'winter timetable',
        at: later,
        by,
        version: 2,
      },
    };
    spec
      .given([defined])
      .when(setHours({ officeHours: winterHours, reason: 'winter timetable' }))
      .then([changed]);
    spec
      .given([defined, changed])
      .when(setHours({ officeHours: [{ from: '08:30', to: '17:00' }], reason: 'no lunch break' }))
      .thenState((state) => {
        expect(state.defined && state.version).toBe(3);
        expect(createWorkingCalendar([calendarOf(state)!]).minutesPerWorkingDay).toBe(510);
      });
  });

  it('requires a written reason', () => {
    spec
      .given([defined])
      .when(setHours({ officeHours: winterHours }))
      .thenThrows(ReasonRequired);
  });

  it('is for administrators only', () => {
    spec
      .given([defined])
      .when(setHours({ officeHours: winterHours, reason: 'r' }, clerk))
      .thenThrows(NotAnAdministrator);
  });

  it('needs the year to be defined first', () => {
    spec
      .given([])
      .when(setHours({ officeHours: winterHours, reason: 'r' }))
      .thenThrows(CalendarYearNotDefined);
  });

  it('refuses overlapping periods', () => {
    spec
      .given([defined])
      .when(
        setHours({
          officeHours: [
            { from: '09:00', to: '13:00' },
            { from: '12:00', to: '17:00' },
          ],
          reason: 'r',
        }),
      )
      .thenThrows(InvalidCalendar);
  });

  it('refuses to set the hours already in force', () => {
    spec
      .given([defined])
      .when(setHours({ officeHours: DEFAULT_OFFICE_HOURS.map((p) => ({ ...p })), reason: 'r' }))
      .thenThrows(UnchangedOfficeHours);
  });
});

describe('the decider', () => {
  it('names an unknown command as invalid', () => {
    const unknown = {
      type: 'DeleteCalendar',
      data: {},
      metadata: { now, actor: admin },
    } as unknown as CalendarCommand;
    spec.given([defined]).when(unknown).thenThrows(InvalidCommand);
  });
});
