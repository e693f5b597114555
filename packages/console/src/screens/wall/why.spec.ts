import { createWorkingCalendar, DEFAULT_CLOCK_RULES } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { reasonOf } from './why';

// No published year: Monday to Friday, 9:00–17:00 by the domain's defaults.
const calendar = createWorkingCalendar([]);

describe('why a card is up', () => {
  it('names the promised deadline, the working days over, the red rule and the calendar', () => {
    // Due Monday 2026-12-07 17:00 in Shanghai; now Thursday noon: Tuesday, Wednesday, half Thursday over.
    const reason = reasonOf(
      { scope: 'case', stepIndex: null, coHandler: null, deadline: '2026-12-07T09:00:00.000Z', level: 'red' },
      calendar,
      [{ year: 2026, source: 'published', version: 2 }],
      new Date('2026-12-10T04:00:00.000Z'),
      DEFAULT_CLOCK_RULES,
    );
    expect(reason.deadline).toEqual({ kind: 'case' });
    expect(reason.workingDaysOver).toBe(3);
    expect(reason.threshold).toBe(DEFAULT_CLOCK_RULES.redAfterWorkingDays);
    expect(reason.calendar).toEqual({ year: 2026, source: 'published', version: 2 });
  });

  it('names the step, by its name when the clock was read, and a year without calendar', () => {
    const reason = reasonOf(
      { scope: 'step', stepIndex: 1, coHandler: null, deadline: '2027-01-04T09:00:00.000Z', level: 'yellow' },
      calendar,
      [{ year: 2026, source: 'national', version: null }],
      new Date('2027-01-06T04:00:00.000Z'),
      { ...DEFAULT_CLOCK_RULES, yellowAfterWorkingDays: 1 },
      ['承办', '审核', '批准'],
    );
    expect(reason.deadline).toEqual({ kind: 'step', step: 2, name: '审核' });
    expect(reason.threshold).toBe(1);
    expect(reason.calendar.source).toBe('unknown');
  });

  it("names a co-handler's lapse by its department, with no card's threshold", () => {
    const reason = reasonOf(
      {
        scope: 'co_handler',
        stepIndex: null,
        coHandler: 'huangpu-fire',
        deadline: '2026-12-07T09:00:00.000Z',
        level: null,
      },
      calendar,
      [],
      new Date('2026-12-09T04:00:00.000Z'),
      DEFAULT_CLOCK_RULES,
    );
    expect(reason.deadline).toEqual({ kind: 'co_handler', department: 'huangpu-fire' });
    expect(reason.threshold).toBeNull();
    expect(reason.workingDaysOver).toBe(2);
  });
});
