import type { DepartmentTile } from '@docket/contracts';
import { describe, expect, it } from 'vitest';
import { itemsOption, onTimeOption, perDayOption, workingDaysOption } from './chart-options';

const tile = (name: string, onTimeRate: number | null, average: number | null): DepartmentTile => ({
  department: name,
  name,
  received: 0,
  accepted: 0,
  closed: onTimeRate === null ? 0 : 4,
  reminders: 0,
  yellow: 0,
  red: 0,
  complaints: 0,
  inProgress: 0,
  overdue: 0,
  cardsUp: { yellow: 0, red: 0 },
  onTimeRate,
  earlyRate: null,
  averageWorkingDays: average,
  averagePromisedWorkingDays: average === null ? null : 10,
});
const scale = { font: 12 };

describe('the wall’s charts', () => {
  it('draws cases per day by local date', () => {
    const option = perDayOption(
      [
        { day: '2026-12-06', received: 3, closed: 1 },
        { day: '2026-12-07', received: 5, closed: 4 },
      ],
      { received: '收件', closed: '办结' },
      scale,
    );
    expect(option.xAxis).toMatchObject({ data: ['12-06', '12-07'] });
    expect((option.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [3, 5],
      [1, 4],
    ]);
  });

  it('shows the lowest on-time rates, in percent, leaving out departments that closed nothing', () => {
    const option = onTimeOption([tile('甲', 0.5, 3), tile('乙', null, null), tile('丙', 0.875, 2)], scale);
    expect(option?.yAxis).toMatchObject({ data: ['丙', '甲'] });
    expect((option!.series as { data: number[] }[])[0]?.data).toEqual([87.5, 50]);
    expect(onTimeOption([tile('乙', null, null)], scale)).toBeUndefined();
  });

  it('names items by the catalogue and leaves out what closed nothing', () => {
    const option = itemsOption(
      [
        {
          itemCode: 'A',
          department: 'x',
          closed: 2,
          onTimeRate: 1,
          earlyRate: null,
          averageWorkingDays: 1,
          averagePromisedWorkingDays: 5,
        },
        {
          itemCode: 'B',
          department: 'x',
          closed: 0,
          onTimeRate: null,
          earlyRate: null,
          averageWorkingDays: null,
          averagePromisedWorkingDays: null,
        },
      ],
      (code) => (code === 'A' ? '食品经营许可' : code),
      { closed: '办结量', onTime: '按时率' },
      scale,
    );
    expect(option?.xAxis).toMatchObject({ data: ['食品经营许可'] });
  });

  it('sets the average working days against the promised limit', () => {
    const option = workingDaysOption([tile('甲', 1, 3.5)], { average: '平均', promised: '承诺' }, scale);
    expect((option!.series as { data: number[] }[]).map((s) => s.data)).toEqual([[3.5], [10]]);
  });
});
