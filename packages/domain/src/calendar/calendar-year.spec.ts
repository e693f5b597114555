import { describe, expect, it } from 'vitest';
import { CalendarYear, DEFAULT_OFFICE_HOURS } from './calendar-year';

const issuesOf = (input: unknown): string[] => {
  const result = CalendarYear.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('CalendarYear', () => {
  it('defaults to Asia/Shanghai and 09:00–12:00, 13:30–17:30', () => {
    const year = CalendarYear.parse({ year: 2027 });
    expect(year.timeZone).toBe('Asia/Shanghai');
    expect(year.officeHours).toEqual(DEFAULT_OFFICE_HOURS);
    expect(year.holidays).toEqual([]);
    expect(year.makeUpWorkdays).toEqual([]);
  });

  it('accepts a valid schedule', () => {
    expect(
      issuesOf({
        year: 2026,
        holidays: [{ date: '2026-10-01', name: '国庆节' }],
        makeUpWorkdays: [{ date: '2026-10-10', name: '国庆节调休上班' }],
      }),
    ).toEqual([]);
  });

  it('rejects dates outside the year', () => {
    expect(issuesOf({ year: 2026, holidays: [{ date: '2027-01-01', name: '元旦' }] })).toEqual([
      'holidays: 2027-01-01 is outside 2026',
    ]);
    expect(issuesOf({ year: 2026, makeUpWorkdays: [{ date: '2025-12-28', name: 'x' }] })).toEqual([
      'makeUpWorkdays: 2025-12-28 is outside 2026',
    ]);
  });

  it('rejects a date that is both a holiday and a make-up working day, and a date listed twice', () => {
    expect(
      issuesOf({
        year: 2026,
        holidays: [{ date: '2026-10-01', name: 'a' }],
        makeUpWorkdays: [{ date: '2026-10-01', name: 'b' }],
      }),
    ).toEqual(['2026-10-01 is both a holiday and a make-up working day']);
    expect(
      issuesOf({
        year: 2026,
        holidays: [
          { date: '2026-10-01', name: 'a' },
          { date: '2026-10-01', name: 'a' },
        ],
      }),
    ).toEqual(['holidays: 2026-10-01 is listed twice']);
  });

  it('rejects office periods that are reversed, overlapping or out of order', () => {
    expect(issuesOf({ year: 2026, officeHours: [{ from: '12:00', to: '09:00' }] })).toEqual([
      'office period 1 (12:00–09:00) ends before it starts',
    ]);
    expect(
      issuesOf({
        year: 2026,
        officeHours: [
          { from: '09:00', to: '12:30' },
          { from: '12:00', to: '17:00' },
        ],
      }),
    ).toEqual(['office period 2 (12:00–17:00) overlaps or precedes the one before']);
    expect(
      issuesOf({
        year: 2026,
        officeHours: [
          { from: '13:30', to: '17:30' },
          { from: '09:00', to: '12:00' },
        ],
      }),
    ).toEqual(['office period 2 (09:00–12:00) overlaps or precedes the one before']);
  });

  it('rejects malformed times, impossible dates and unknown time zones', () => {
    expect(issuesOf({ year: 2026, officeHours: [{ from: '9:00', to: '12:00' }] })).not.toEqual([]);
    expect(issuesOf({ year: 2026, holidays: [{ date: '2026-02-30', name: 'x' }] })).not.toEqual([]);
    expect(issuesOf({ year: 2026, timeZone: 'Mars/Olympus_Mons' })).toEqual(['unknown IANA time zone']);
  });
});
