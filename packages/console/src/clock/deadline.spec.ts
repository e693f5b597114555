import { createWorkingCalendar } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { deadlineRange, deadlineState, standing } from './deadline';

// 2026: Sunday 4 January is a make-up working day; 1–3 January are the New Year holiday.
const calendar = createWorkingCalendar([
  {
    year: 2026,
    holidays: [
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-01-02', name: '元旦' },
      { date: '2026-01-03', name: '元旦' },
    ],
    makeUpWorkdays: [{ date: '2026-01-04', name: '元旦调休' }],
  },
]);

describe('the colour of a deadline', () => {
  it('follows the thresholds of electronic supervision (reminder 1 day before, yellow >1 over, red >2 over)', () => {
    expect(deadlineState(3)).toBe('on_time');
    expect(deadlineState(1.5)).toBe('on_time');
    expect(deadlineState(1)).toBe('reminder');
    expect(deadlineState(0.2)).toBe('reminder');
    expect(deadlineState(-0.5)).toBe('reminder');
    expect(deadlineState(-1)).toBe('reminder');
    expect(deadlineState(-1.01)).toBe('yellow');
    expect(deadlineState(-2)).toBe('yellow');
    expect(deadlineState(-2.5)).toBe('red');
  });

  it('counts working days left on the calendar, make-up working days included and holidays left out', () => {
    // Wednesday 31 December 2025, 10:00; the deadline is the close of Monday 5 January 2026.
    const now = new Date('2025-12-31T10:00:00+08:00');
    const at = standing(calendar, '2026-01-05T17:30:00+08:00', now);
    // Sunday 4 (make-up) and Monday 5 January: two working days after today.
    expect(at.workingDaysLeft).toBe(2);
    expect(at.state).toBe('on_time');
  });

  it('says due today, then working days over with the card they earn', () => {
    const deadline = '2026-01-06T17:30:00+08:00';
    expect(standing(calendar, deadline, new Date('2026-01-06T09:30:00+08:00'))).toMatchObject({
      workingDaysLeft: 0,
      state: 'reminder',
    });
    expect(standing(calendar, deadline, new Date('2026-01-07T10:00:00+08:00'))).toMatchObject({
      workingDaysOver: 1,
      state: 'reminder',
    });
    expect(standing(calendar, deadline, new Date('2026-01-08T16:00:00+08:00'))).toMatchObject({
      workingDaysOver: 2,
      state: 'yellow',
    });
    expect(standing(calendar, deadline, new Date('2026-01-12T10:00:00+08:00'))).toMatchObject({
      state: 'red',
    });
  });
});

describe('working days left to a deadline far away', () => {
  it('counts every working day after today up to the deadline, holidays out and make-up days in', () => {
    const now = new Date('2026-01-07T10:00:00+08:00');
    const at = standing(calendar, '2026-12-31T17:30:00+08:00', now);
    let expected = 0;
    for (let d = Date.UTC(2026, 0, 8); d <= Date.UTC(2026, 11, 31); d += 86_400_000)
      if (calendar.isWorkingDay(new Date(d).toISOString().slice(0, 10))) expected += 1;
    expect(at.workingDaysLeft).toBe(expected);
    expect(expected).toBeGreaterThan(240);
  });
});

describe('a colour as a range of deadlines (how the inbox filters on the server)', () => {
  const now = new Date('2026-01-07T10:00:00+08:00'); // a Wednesday
  const states = ['red', 'yellow', 'reminder', 'on_time'] as const;

  it('puts every deadline in exactly the range of the state its tag shows', () => {
    const ranges = Object.fromEntries(states.map((s) => [s, deadlineRange(s, calendar, now)]));
    // Every half hour over two weeks either side of now, office hours and nights alike.
    for (let ms = now.getTime() - 14 * 86_400_000; ms < now.getTime() + 14 * 86_400_000; ms += 1_800_000) {
      const deadline = new Date(ms).toISOString();
      const inRange = states.filter((s) => {
        const { from, before } = ranges[s]!;
        return (from === undefined || deadline >= from) && (before === undefined || deadline < before);
      });
      expect(inRange, deadline).toEqual([standing(calendar, deadline, now).state]);
    }
  });

  it('leaves red open below and on time open above, the ranges meeting edge to edge', () => {
    const red = deadlineRange('red', calendar, now);
    const yellow = deadlineRange('yellow', calendar, now);
    const reminder = deadlineRange('reminder', calendar, now);
    const onTime = deadlineRange('on_time', calendar, now);
    expect(red.from).toBeUndefined();
    expect(onTime.before).toBeUndefined();
    expect(yellow.from).toBe(red.before);
    expect(reminder.from).toBe(yellow.before);
    expect(onTime.from).toBe(reminder.before);
    // Red deadlines lie more than two working days before now; on-time ones more than one after it.
    expect(Date.parse(red.before!)).toBeLessThan(now.getTime());
    expect(Date.parse(onTime.from!)).toBeGreaterThan(now.getTime());
  });
});
