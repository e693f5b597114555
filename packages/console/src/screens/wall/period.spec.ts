import { describe, expect, it } from 'vitest';
import { daysBefore, lastDays, localDay, periodEnding } from './period';

describe('the wall’s period', () => {
  it('takes dates in the centre’s zone', () => {
    expect(localDay(new Date('2026-12-07T17:00:00Z'))).toBe('2026-12-08');
  });

  it('counts back across months and years', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(periodEnding('2027-01-10')).toEqual({ from: '2026-12-12', to: '2027-01-10' });
    expect(lastDays('2026-12-02', 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });
});
