import { describe, expect, it } from 'vitest';
import { localMonth, monthsOfQuarter } from './local-time';

describe('local months and quarters', () => {
  it('counts an instant in the month of the centre’s zone: 16:00 UTC on the last day is the next month', () => {
    expect(localMonth('2026-03-31T15:59:59Z', 'Asia/Shanghai')).toBe('2026-03');
    expect(localMonth('2026-03-31T16:00:00Z', 'Asia/Shanghai')).toBe('2026-04');
    expect(localMonth('2026-04-01T00:00:00+08:00', 'Asia/Shanghai')).toBe('2026-04');
  });

  it('names the three months of a quarter', () => {
    expect(monthsOfQuarter('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(() => monthsOfQuarter('2026-Q5')).toThrow(RangeError);
  });
});
