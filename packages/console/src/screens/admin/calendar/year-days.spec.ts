import { createWorkingCalendar, nationalHolidaySchedules } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { monthWeeks, relist, yearCounts, yearDays } from './year-days';

const y2026 = nationalHolidaySchedules.find((y) => y.year === 2026)!;

describe('the days of a calendar year', () => {
  const days = yearDays(2026, y2026);

  it('has every day, Monday first, and each kind as the schedule lists it', () => {
    expect(days).toHaveLength(365);
    expect(days[0]).toMatchObject({ date: '2026-01-01', weekday: 3, kind: 'holiday' });
    expect(days.find((d) => d.date === '2026-03-07')).toMatchObject({ weekday: 5, kind: 'rest' });
    expect(days.find((d) => d.date === '2026-03-09')).toMatchObject({ weekday: 0, kind: 'working' });
    const makeUp = y2026.makeUpWorkdays[0]!;
    expect(days.find((d) => d.date === makeUp.date)).toMatchObject({ kind: 'workday', name: makeUp.name });
  });

  it('counts the working days as the domain’s working calendar does', () => {
    const calendar = createWorkingCalendar([y2026]);
    const working = days.filter((d) => calendar.isWorkingDay(d.date)).length;
    expect(yearCounts(days).working).toBe(working);
  });

  it('lays a month out in weeks of seven with the first day under its weekday', () => {
    const weeks = monthWeeks(days, 2);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]!.findIndex((d) => d !== null)).toBe(6); // 2026-02-01 is a Sunday
    expect(weeks.flat().filter((d) => d !== null)).toHaveLength(28);
  });

  it('re-lists one date of a draft: a holiday, a make-up day, an ordinary day again', () => {
    const blank = { holidays: [], makeUpWorkdays: [] };
    const holiday = relist(blank, '2027-05-03', 'holiday', '劳动节');
    expect(holiday).toEqual({ holidays: [{ date: '2027-05-03', name: '劳动节' }], makeUpWorkdays: [] });
    const workday = relist(holiday, '2027-05-03', 'workday', '劳动节调休');
    expect(workday).toEqual({ holidays: [], makeUpWorkdays: [{ date: '2027-05-03', name: '劳动节调休' }] });
    expect(relist(workday, '2027-05-03', 'normal')).toEqual(blank);
  });
});
