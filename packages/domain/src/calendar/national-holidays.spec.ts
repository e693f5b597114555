import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './create-working-calendar';
import { NATIONAL_HOLIDAY_SOURCE, nationalHolidaySchedules } from './national-holidays';

const calendar = createWorkingCalendar(nationalHolidaySchedules);

describe('the seeded national holiday schedules (State Council notices, via chinese-days)', () => {
  it('cover 2025 and 2026 in Asia/Shanghai with the default office hours, and name their source', () => {
    expect(nationalHolidaySchedules.map((y) => y.year)).toEqual([2025, 2026]);
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.minutesPerWorkingDay).toBe(420);
    expect(calendar.loadedYears).toEqual([2025, 2026]);
    expect(NATIONAL_HOLIDAY_SOURCE).toMatch(/chinese-days v\d+\.\d+\.\d+/);
  });

  it('make the 2026 make-up days working days: Sunday 4 January, Saturdays 14 and 28 February', () => {
    for (const date of ['2026-01-04', '2026-02-14', '2026-02-28'])
      expect(calendar.isWorkingDay(date), date).toBe(true);
  });

  it('take Spring Festival and National Day 2026 off', () => {
    for (const date of ['2026-02-16', '2026-02-23', '2026-10-01', '2026-10-07'])
      expect(calendar.isWorkingDay(date), date).toBe(false);
  });

  it('follow the 2025 Spring Festival schedule: work Sunday 26 January and Saturday 8 February, rest 28 Jan – 4 Feb', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    for (let day = 28; day <= 31; day++) expect(calendar.isWorkingDay(`2025-01-${day}`)).toBe(false);
    for (let day = 1; day <= 4; day++) expect(calendar.isWorkingDay(`2025-02-0${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2025-02-05')).toBe(true);
  });

  it('leave a plain weekend off and a plain weekday on', () => {
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true); // Monday
  });

  it('label holidays and make-up days in Chinese and English', () => {
    const y2026 = nationalHolidaySchedules.find((y) => y.year === 2026)!;
    expect(y2026.holidays.find((d) => d.date === '2026-02-17')?.name).toBe('春节 (Spring Festival)');
    expect(y2026.makeUpWorkdays.find((d) => d.date === '2026-02-14')?.name).toBe(
      '春节调休上班 (Spring Festival make-up working day)',
    );
  });
});
