import { afterEach, describe, expect, it } from 'vitest';
import { createWorkingCalendar } from './create-working-calendar';
import { nationalHolidaySchedules } from './national-holidays';
import { PROVISIONAL_SOURCE, PROVISIONAL_YEARS, provisionalCalendarYear } from './provisional-year';

const holidayDates = (year: number) => (provisionalCalendarYear(year)?.holidays ?? []).map((h) => h.date);
const shipped = createWorkingCalendar(nationalHolidaySchedules);
const workingDays = (value: number) => ({ value, unit: 'working_days' as const });

describe('the provisional calendar of a year not yet published (《全国年节及纪念日放假办法》 Art. 2, 2024)', () => {
  it('lists the statutory holidays of 2027: 13 days, no make-up working days', () => {
    const year = provisionalCalendarYear(2027);
    expect(year?.makeUpWorkdays).toEqual([]);
    expect(year?.holidays).toEqual([
      { date: '2027-01-01', name: '元旦 (New Year’s Day)' },
      // New Year's Eve (Fri 5 Feb) to the third day of the first lunar month (Mon 8 Feb)
      { date: '2027-02-05', name: '春节 (Spring Festival)' },
      { date: '2027-02-06', name: '春节 (Spring Festival)' },
      { date: '2027-02-07', name: '春节 (Spring Festival)' },
      { date: '2027-02-08', name: '春节 (Spring Festival)' },
      { date: '2027-04-05', name: '清明节 (Qingming Festival)' },
      { date: '2027-05-01', name: '劳动节 (Labour Day)' },
      { date: '2027-05-02', name: '劳动节 (Labour Day)' },
      { date: '2027-06-09', name: '端午节 (Dragon Boat Festival)' },
      { date: '2027-09-15', name: '中秋节 (Mid-Autumn Festival)' },
      { date: '2027-10-01', name: '国庆节 (National Day)' },
      { date: '2027-10-02', name: '国庆节 (National Day)' },
      { date: '2027-10-03', name: '国庆节 (National Day)' },
    ]);
    expect(year).toMatchObject({ year: 2027, timeZone: 'Asia/Shanghai' });
    expect(PROVISIONAL_SOURCE).toContain('《全国年节及纪念日放假办法》');
  });

  it('agrees with the published national schedules of 2025 and 2026: every provisional holiday is a holiday there', () => {
    for (const published of nationalHolidaySchedules) {
      const listed = new Set(published.holidays.map((h) => h.date));
      const provisional = holidayDates(published.year);
      expect(provisional.filter((date) => !listed.has(date))).toEqual([]);
    }
    // The lunar and solar-term days the State Council's notices fixed.
    expect(holidayDates(2025)).toEqual(
      expect.arrayContaining(['2025-01-28', '2025-01-29', '2025-04-04', '2025-05-31', '2025-10-06']),
    );
    expect(holidayDates(2026)).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-04-05', '2026-06-19', '2026-09-25']),
    );
  });

  it('merges a Mid-Autumn day inside 1–3 October into one holiday with both names (2028)', () => {
    expect(provisionalCalendarYear(2028)?.holidays.filter((h) => h.date.startsWith('2028-10'))).toEqual([
      { date: '2028-10-01', name: '国庆节 (National Day)' },
      { date: '2028-10-02', name: '国庆节 (National Day)' },
      { date: '2028-10-03', name: '中秋节 (Mid-Autumn Festival)、国庆节 (National Day)' },
    ]);
  });

  it('covers 1901–2099 only', () => {
    expect(PROVISIONAL_YEARS).toEqual({ from: 1901, to: 2099 });
    expect(provisionalCalendarYear(2100)).toBeUndefined();
    expect(provisionalCalendarYear(2099)?.holidays[0]?.date).toBe('2099-01-01');
  });

  describe('in a process west of UTC', () => {
    const tz = process.env.TZ;
    afterEach(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('computes the same days (the library renders dates in local time)', () => {
      process.env.TZ = 'America/New_York';
      expect(holidayDates(2041)).toEqual(
        expect.arrayContaining(['2041-01-31', '2041-02-01', '2041-04-04', '2041-06-03', '2041-09-10']),
      );
      expect(holidayDates(2041)).not.toContain('2041-04-03');
    });
  });
});

describe('a working calendar counting a year nobody published on its provisional calendar', () => {
  it('takes 1 January 2027 (New Year’s Day, fixed by law) off', () => {
    expect(shipped.loadedYears).not.toContain(2027);
    expect(shipped.isWorkingDay('2027-01-01')).toBe(false);
  });

  it('takes the Spring Festival days of a future year off, the days around them on', () => {
    // 2027: Fri 5 Feb (eve) – Mon 8 Feb; 2035: Wed 7 Feb (eve) – Sat 10 Feb.
    expect(
      ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09'].map((d) => shipped.isWorkingDay(d)),
    ).toEqual([true, false, false, true]);
    expect(
      ['2035-02-06', '2035-02-07', '2035-02-08', '2035-02-09', '2035-02-12'].map((d) =>
        shipped.isWorkingDay(d),
      ),
    ).toEqual([true, false, false, false, true]);
  });

  it('counts a deadline from late December 2026 into 2027 without New Year’s Day', () => {
    // Wed 30 Dec 2026 (start day): Thu 31 (1), Fri 1 Jan off, Mon 4 (2), Tue 5 (3).
    expect(shipped.deadline('2026-12-30T10:00:00+08:00', workingDays(3))).toBe('2027-01-05T17:30:00+08:00');
  });

  it('keeps weekends as rest days and adds no make-up working day', () => {
    // Sat 30 Jan and Sun 31 Jan 2027 rest; Sat 13 Feb 2027 too (the published year may make it a workday).
    expect(['2027-01-30', '2027-01-31', '2027-02-13'].map((d) => shipped.isWorkingDay(d))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('counts Monday to Friday alone beyond the years the lunar tables cover', () => {
    expect(shipped.isWorkingDay('2100-01-01')).toBe(true);
  });
});
