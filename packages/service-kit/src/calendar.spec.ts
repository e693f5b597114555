import { createWorkingCalendar, nationalHolidaySchedules } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { calendarWarnings } from './calendar';

/** The operator is told, in the health report and the log, when a year's schedule is missing. */
describe('calendar warnings', () => {
  const zone = 'Asia/Shanghai';
  const shipped = createWorkingCalendar(nationalHolidaySchedules, { timeZone: zone });
  const at = (instant: string) => Date.parse(instant);
  const lastShipped = Math.max(...shipped.loadedYears);

  it('say nothing in the middle of a year whose schedule is loaded', () => {
    expect(calendarWarnings(shipped, at(`${lastShipped}-06-01T10:00:00+08:00`))).toEqual([]);
  });

  it("name next year within 60 days of the year's end, counted in the centre's time zone", () => {
    const [warning] = calendarWarnings(shipped, at(`${lastShipped}-12-01T10:00:00+08:00`));
    expect(warning).toContain(`no schedule for ${lastShipped + 1}, which starts in 31 days`);
    // 2 November, 16:30 UTC, is 3 November in Shanghai: 59 days left.
    expect(calendarWarnings(shipped, at(`${lastShipped}-11-02T16:30:00Z`))[0]).toContain('starts in 59 days');
    expect(calendarWarnings(shipped, at(`${lastShipped}-11-01T10:00:00+08:00`))).toEqual([]);
  });

  it('name the current year once it has begun without a schedule, and stop once it is published', () => {
    const [warning] = calendarWarnings(shipped, at(`${lastShipped + 1}-01-05T09:00:00+08:00`));
    expect(warning).toContain(
      `no schedule for ${lastShipped + 1}: deadlines count on its provisional calendar`,
    );
    const next = {
      ...nationalHolidaySchedules.at(-1)!,
      year: lastShipped + 1,
      holidays: [],
      makeUpWorkdays: [],
    };
    const published = createWorkingCalendar([...nationalHolidaySchedules, next], { timeZone: zone });
    expect(calendarWarnings(published, at(`${lastShipped}-12-20T10:00:00+08:00`))).toEqual([]);
  });
});
