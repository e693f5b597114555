import { describe, expect, it } from 'vitest';
import {
  InvalidCalendar,
  InvalidInstant,
  InvalidLocalDate,
  InvalidPause,
  PauseStillOpen,
} from './calendar-errors';
import { createWorkingCalendar } from './create-working-calendar';
import { nationalHolidaySchedules } from './national-holidays';

const calendar = createWorkingCalendar(nationalHolidaySchedules);
const workingDays = (value: number) => ({ value, unit: 'working_days' as const });
const naturalDays = (value: number) => ({ value, unit: 'natural_days' as const });

describe('deadline in working days', () => {
  it('counts 20 working days across Spring Festival 2026, including the make-up Saturdays 14 and 28 February', () => {
    // Start day Tue 10 Feb (not counted): 11, 12, 13, Sat 14 (4); 15–23 off; 24–27 (8); Sat 28 (9);
    // 2–6 Mar (14); 9–13 Mar (19); Mon 16 Mar (20).
    expect(calendar.deadline('2026-02-10T10:00:00+08:00', workingDays(20))).toBe('2026-03-16T17:30:00+08:00');
  });

  // 民法典 Art. 201 (开始的当日不计入，自下一日开始计算) and 行政许可法 Art. 82 (以工作日计算，不含法定节假日):
  // the day of the start is never counted, whatever the hour or the kind of day; day 1 is the first
  // working day after it.
  it('counts from a Saturday submission with the first working day after it as day 1', () => {
    // Sat 7 Mar (start day, not counted) → 9, 10, 11, 12, 13: Friday 13 March.
    expect(calendar.deadline('2026-03-07T10:00:00+08:00', workingDays(5))).toBe('2026-03-13T17:30:00+08:00');
    expect(calendar.deadline('2026-03-07T10:00:00+08:00', workingDays(1))).toBe('2026-03-09T17:30:00+08:00');
  });

  it('counts from a submission on a statutory holiday with the first working day after the holiday as day 1', () => {
    // Tue 17 Feb 2026 (春节, start day) → 18–23 off; 24, 25, 26: Thursday 26 February.
    expect(calendar.deadline('2026-02-17T10:00:00+08:00', workingDays(3))).toBe('2026-02-26T17:30:00+08:00');
    // Thu 1 Oct 2026 (国庆节) → 2–7 off; 8, 9, and the make-up Saturday 10 October.
    expect(calendar.deadline('2026-10-01T15:00:00+08:00', workingDays(3))).toBe('2026-10-10T17:30:00+08:00');
  });

  it('counts from a weekday evening after office hours with the next working day as day 1', () => {
    // Wed 11 Mar 18:00 (start day Wed, not counted) → 12, 13, 16: Monday 16 March.
    expect(calendar.deadline('2026-03-11T18:00:00+08:00', workingDays(3))).toBe('2026-03-16T17:30:00+08:00');
    // Friday evening: Monday is day 1.
    expect(calendar.deadline('2026-03-13T19:30:00+08:00', workingDays(1))).toBe('2026-03-16T17:30:00+08:00');
    // Exactly at the close is outside office hours, and still the start day.
    expect(calendar.deadline('2026-03-11T17:30:00+08:00', workingDays(1))).toBe('2026-03-12T17:30:00+08:00');
    // An instant case (N = 0) has no period: it is due at the next close.
    expect(calendar.deadline('2026-03-11T17:30:00+08:00', workingDays(0))).toBe('2026-03-12T17:30:00+08:00');
  });

  it('gives the same deadline to a submission at any hour of the same day', () => {
    const deadlines = ['00:00', '07:45', '10:00', '12:40', '17:29', '17:30', '23:59'].map((hour) =>
      calendar.deadline(`2026-03-11T${hour}:00+08:00`, workingDays(3)),
    );
    expect(new Set(deadlines)).toEqual(new Set(['2026-03-16T17:30:00+08:00']));
  });

  it('starts an acceptance before opening or in the lunch break on that same day', () => {
    expect(calendar.deadline('2026-03-11T07:45:00+08:00', workingDays(1))).toBe('2026-03-12T17:30:00+08:00');
    expect(calendar.deadline('2026-03-11T12:40:00+08:00', workingDays(1))).toBe('2026-03-12T17:30:00+08:00');
  });

  it('closes an instant case (N = 0) at the close of the start day', () => {
    expect(calendar.deadline('2026-03-11T10:00:00+08:00', workingDays(0))).toBe('2026-03-11T17:30:00+08:00');
    expect(calendar.deadline('2026-03-07T10:00:00+08:00', workingDays(0))).toBe('2026-03-09T17:30:00+08:00');
    // A make-up Saturday is a working day like any other.
    expect(calendar.deadline('2026-02-14T10:00:00+08:00', workingDays(0))).toBe('2026-02-14T17:30:00+08:00');
  });

  it('reads the start in any offset and answers in the centre’s', () => {
    // 02:00Z is 10:00 in Shanghai.
    expect(calendar.deadline('2026-03-11T02:00:00Z', workingDays(0))).toBe('2026-03-11T17:30:00+08:00');
    // 23:00Z on Tuesday is already Wednesday 07:00 in Shanghai.
    expect(calendar.deadline('2026-03-10T23:00:00Z', workingDays(0))).toBe('2026-03-11T17:30:00+08:00');
  });

  it('counts a year nobody loaded on its provisional calendar, in Asia/Shanghai by default', () => {
    const bare = createWorkingCalendar([]);
    expect(bare.loadedYears).toEqual([]);
    expect(bare.timeZone).toBe('Asia/Shanghai');
    // National Day is a statutory holiday; the make-up Saturday of the published 2026 schedule is unknown.
    expect(bare.isWorkingDay('2026-10-01')).toBe(false);
    expect(bare.isWorkingDay('2026-10-05')).toBe(true);
    expect(bare.isWorkingDay('2026-02-14')).toBe(false);
  });

  it('counts a deadline reaching into a year not loaded on its provisional calendar', () => {
    // 2026-12-30 (Wed) + 3 working days: Thu 31, (Fri 1 Jan 2027, New Year's Day, fixed by law), Mon 4, Tue 5.
    expect(calendar.deadline('2026-12-30T10:00:00+08:00', workingDays(3))).toBe('2027-01-05T17:30:00+08:00');
  });
});

describe('deadline in natural days', () => {
  it('ends at the close of the N-th calendar day after the start day when that day works', () => {
    expect(calendar.deadline('2026-03-09T10:00:00+08:00', naturalDays(3))).toBe('2026-03-12T17:30:00+08:00');
  });

  it('moves a deadline landing on a holiday to the close of the next working day', () => {
    // Mon 28 Sep + 3 days = Thu 1 Oct (National Day, off until 7 Oct) → Thu 8 Oct.
    expect(calendar.deadline('2026-09-28T10:00:00+08:00', naturalDays(3))).toBe('2026-10-08T17:30:00+08:00');
  });

  it('moves a deadline landing on a plain Saturday to Monday, but keeps one landing on a make-up Saturday', () => {
    expect(calendar.deadline('2026-03-09T10:00:00+08:00', naturalDays(5))).toBe('2026-03-16T17:30:00+08:00');
    expect(calendar.deadline('2026-02-09T10:00:00+08:00', naturalDays(5))).toBe('2026-02-14T17:30:00+08:00');
  });

  it('closes N = 0 at the close of the start day', () => {
    expect(calendar.deadline('2026-03-09T10:00:00+08:00', naturalDays(0))).toBe('2026-03-09T17:30:00+08:00');
  });

  it('counts from the day after a Saturday or evening start (民法典 Art. 201)', () => {
    // Sat 7 Mar + 3 days = Tue 10 Mar.
    expect(calendar.deadline('2026-03-07T10:00:00+08:00', naturalDays(3))).toBe('2026-03-10T17:30:00+08:00');
    // Wed 11 Mar 20:00 + 2 days = Fri 13 Mar.
    expect(calendar.deadline('2026-03-11T20:00:00+08:00', naturalDays(2))).toBe('2026-03-13T17:30:00+08:00');
  });
});

describe('deadline with pauses (hearings, testing, expert review: 行政许可法 Art. 45)', () => {
  // Mon 21 Sep 2026: 22–24 (3), 25–27 Mid-autumn off, 28–30 (6), 1–7 Oct off, 8, 9, Sat 10 (9),
  // 12–16 (14), 19–23 (19), Mon 26 Oct (20).
  const accepted = '2026-09-21T10:00:00+08:00';
  const unpaused = '2026-10-26T17:30:00+08:00';

  it('computes the unpaused deadline across Mid-autumn, National Day and the make-up Saturday', () => {
    expect(calendar.deadline(accepted, workingDays(20))).toBe(unpaused);
  });

  it('moves the deadline by exactly the working time inside a hearing across National Day', () => {
    // Tue 29 Sep 14:00 → Fri 9 Oct 11:00: 210 + 420 (30 Sep) + 0 (1–7 Oct) + 420 (8 Oct) + 120 = 1170 min.
    const hearing = { from: '2026-09-29T14:00:00+08:00', to: '2026-10-09T11:00:00+08:00' };
    const deadline = calendar.deadline(accepted, workingDays(20), [hearing]);
    // 1170 after Mon 26 Oct 17:30: Tue 27 (420), Wed 28 (420), Thu 29: 180 until 12:00, then 150 → 16:00.
    expect(deadline).toBe('2026-10-29T16:00:00+08:00');
    expect(calendar.workingDaysBetween(unpaused, deadline)).toBeCloseTo(1170 / 420, 12);
  });

  it('counts a make-up working day inside a pause as working time', () => {
    // Thu 8 Oct 09:00 → Mon 12 Oct 09:00 holds 8, 9 and the make-up Saturday 10 Oct: three full days.
    const testing = { from: '2026-10-08T09:00:00+08:00', to: '2026-10-12T09:00:00+08:00' };
    expect(calendar.deadline(accepted, workingDays(20), [testing])).toBe('2026-10-29T17:30:00+08:00');
  });

  it('counts overlapping pauses once and ignores time before the clock started', () => {
    const a = { from: '2026-10-08T09:00:00+08:00', to: '2026-10-09T12:00:00+08:00' };
    const b = { from: '2026-10-09T09:00:00+08:00', to: '2026-10-12T09:00:00+08:00' };
    const before = { from: '2026-09-01T09:00:00+08:00', to: '2026-09-21T09:00:00+08:00' };
    expect(calendar.deadline(accepted, workingDays(20), [b, before, a])).toBe('2026-10-29T17:30:00+08:00');
  });

  it('does not move a deadline that had already passed when the pause began', () => {
    const late = { from: '2026-10-27T09:00:00+08:00', to: '2026-10-30T09:00:00+08:00' };
    expect(calendar.deadline(accepted, workingDays(20), [late])).toBe(unpaused);
  });

  it('moves a natural-day deadline by the working time inside the pause too', () => {
    const pause = { from: '2026-03-10T09:00:00+08:00', to: '2026-03-11T09:00:00+08:00' };
    expect(calendar.deadline('2026-03-09T10:00:00+08:00', naturalDays(3), [pause])).toBe(
      '2026-03-13T17:30:00+08:00',
    );
  });

  it('refuses to give a deadline while a pause that matters is still open', () => {
    expect(() =>
      calendar.deadline(accepted, workingDays(20), [{ from: '2026-10-12T09:00:00+08:00' }]),
    ).toThrow(PauseStillOpen);
    // An open pause begun after the deadline changes nothing: the answer is known.
    expect(calendar.deadline(accepted, workingDays(20), [{ from: '2026-11-02T09:00:00+08:00' }])).toBe(
      unpaused,
    );
  });

  it('rejects a pause that ends before it starts', () => {
    const reversed = { from: '2026-10-12T09:00:00+08:00', to: '2026-10-09T09:00:00+08:00' };
    expect(() => calendar.deadline(accepted, workingDays(20), [reversed])).toThrow(InvalidPause);
  });
});

describe('workingDaysBetween (yellow card > 1, red card > 2 working days overdue)', () => {
  const deadline = '2026-03-16T17:30:00+08:00';

  it('measures 1.5 and 2.5 working days past a deadline', () => {
    // Tue 17 (1) + Wed 18 09:00–12:00 and 13:30–14:00 (0.5).
    expect(calendar.workingDaysBetween(deadline, '2026-03-18T14:00:00+08:00')).toBeCloseTo(1.5, 12);
    expect(calendar.workingDaysBetween(deadline, '2026-03-19T14:00:00+08:00')).toBeCloseTo(2.5, 12);
  });

  it('is negative before the deadline and zero at it', () => {
    expect(calendar.workingDaysBetween('2026-03-18T14:00:00+08:00', deadline)).toBeCloseTo(-1.5, 12);
    expect(calendar.workingDaysBetween(deadline, deadline)).toBe(0);
    // The evening and the night after the close are not working time.
    expect(calendar.workingDaysBetween(deadline, '2026-03-17T08:59:00+08:00')).toBe(0);
  });

  it('does not count holidays: five days into National Day a 30 September deadline is not overdue', () => {
    const eve = '2026-09-30T17:30:00+08:00';
    expect(calendar.workingDaysBetween(eve, '2026-10-05T10:00:00+08:00')).toBe(0);
    expect(calendar.workingDaysBetween(eve, '2026-10-09T14:00:00+08:00')).toBeCloseTo(1.5, 12);
    // The make-up Saturday 10 October counts.
    expect(calendar.workingDaysBetween(eve, '2026-10-10T14:00:00+08:00')).toBeCloseTo(2.5, 12);
  });
});

describe('addWorkingMinutes and addWorkingDays', () => {
  it('moves forward through lunch, nights and weekends and stops at a period end, not the next start', () => {
    expect(calendar.addWorkingMinutes('2026-03-13T11:00:00+08:00', 60)).toBe('2026-03-13T12:00:00+08:00');
    expect(calendar.addWorkingMinutes('2026-03-13T11:00:00+08:00', 61)).toBe('2026-03-13T13:31:00+08:00');
    // Friday 17:00 + 60: 30 on Friday, 30 on Monday.
    expect(calendar.addWorkingMinutes('2026-03-13T17:00:00+08:00', 60)).toBe('2026-03-16T09:30:00+08:00');
    // From a Saturday: counted from Monday's opening.
    expect(calendar.addWorkingMinutes('2026-03-14T10:00:00+08:00', 420)).toBe('2026-03-16T17:30:00+08:00');
  });

  it('moves backwards for negative minutes, one working day before a deadline landing on the previous close', () => {
    expect(calendar.addWorkingMinutes('2026-03-16T17:30:00+08:00', -420)).toBe('2026-03-13T17:30:00+08:00');
    // Monday 10:00 − 90: 60 on Monday morning, 30 before Friday's close.
    expect(calendar.addWorkingMinutes('2026-03-16T10:00:00+08:00', -90)).toBe('2026-03-13T17:00:00+08:00');
    expect(calendar.addWorkingMinutes('2026-03-16T10:00:00+08:00', 0)).toBe('2026-03-16T10:00:00+08:00');
  });

  it('finds the N-th working day after a date, skipping holidays and using make-up days', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-24', 0)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('gives the local date in the centre’s zone', () => {
    expect(calendar.localDate('2026-03-10T16:30:00Z')).toBe('2026-03-11');
    expect(calendar.localDate('2026-03-10T15:59:59Z')).toBe('2026-03-10');
  });

  it('names malformed input', () => {
    expect(() => calendar.localDate('yesterday')).toThrow(InvalidInstant);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(InvalidLocalDate);
  });
});

describe('round trip: addWorkingMinutes then workingDaysBetween', () => {
  // mulberry32: a seeded PRNG so that a failure is reproducible.
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  it('recovers the minutes added, forwards and backwards, for 2,000 random instants in 2025–2026', () => {
    const random = prng(20_260_210);
    const from = Date.parse('2025-01-01T00:00:00+08:00');
    const span = Date.parse('2026-12-01T00:00:00+08:00') - from;
    for (let i = 0; i < 2000; i++) {
      const instant = new Date(from + Math.floor((random() * span) / 1000) * 1000).toISOString();
      const minutes = Math.floor(random() * 420 * 30) * (random() < 0.25 ? -1 : 1);
      const moved = calendar.addWorkingMinutes(instant, minutes);
      expect(calendar.workingDaysBetween(instant, moved), `${instant} + ${minutes}`).toBeCloseTo(
        minutes / 420,
        9,
      );
      expect(Date.parse(moved) >= Date.parse(instant), `${instant} + ${minutes}`).toBe(minutes >= 0);
    }
  });
});

describe('time zones other than Shanghai', () => {
  it('keeps office hours in wall-clock time across a daylight-saving change', () => {
    const berlin = createWorkingCalendar([{ year: 2026, timeZone: 'Europe/Berlin' }]);
    // Fri 27 Mar 10:00 CET (+01:00); clocks go forward on Sun 29 Mar; Mon 30 Mar closes at 17:30 CEST.
    expect(berlin.deadline('2026-03-27T10:00:00+01:00', workingDays(1))).toBe('2026-03-30T17:30:00+02:00');
    expect(berlin.workingDaysBetween('2026-03-27T17:30:00+01:00', '2026-03-30T12:00:00+02:00')).toBeCloseTo(
      3 / 7,
      12,
    );
  });

  it('refuses years that disagree on the time zone, or a year loaded twice', () => {
    expect(() => createWorkingCalendar([{ year: 2025 }, { year: 2026, timeZone: 'Europe/Berlin' }])).toThrow(
      InvalidCalendar,
    );
    expect(() => createWorkingCalendar([{ year: 2026 }, { year: 2026 }])).toThrow(InvalidCalendar);
  });

  it('uses each year’s own office hours, and the latest year’s beyond the loaded years', () => {
    const shorter = createWorkingCalendar([
      { year: 2025 },
      {
        year: 2026,
        officeHours: [
          { from: '09:00', to: '12:00' },
          { from: '14:00', to: '17:00' },
        ],
      },
    ]);
    expect(shorter.minutesPerWorkingDay).toBe(360);
    expect(shorter.deadline('2025-03-11T10:00:00+08:00', workingDays(0))).toBe('2025-03-11T17:30:00+08:00');
    expect(shorter.deadline('2026-03-11T10:00:00+08:00', workingDays(0))).toBe('2026-03-11T17:00:00+08:00');
    expect(shorter.deadline('2027-03-11T10:00:00+08:00', workingDays(0))).toBe('2027-03-11T17:00:00+08:00');
  });
});
