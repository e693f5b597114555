import { createWorkingCalendar } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { deadlineState, standing } from './deadline';

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
