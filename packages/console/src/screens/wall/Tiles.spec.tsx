import type { DepartmentTile } from '@docket/contracts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK } from './sizes';
import { Tiles } from './Tiles';

const tile = (department: string, name: string, figures: Partial<DepartmentTile> = {}): DepartmentTile => ({
  department,
  name,
  received: 4,
  accepted: 3,
  closed: 2,
  reminders: 1,
  yellow: 0,
  red: 0,
  complaints: 0,
  inProgress: 1,
  overdue: 0,
  cardsUp: { yellow: 0, red: 0 },
  onTimeRate: 0.5,
  earlyRate: null,
  averageWorkingDays: 3,
  averagePromisedWorkingDays: 10,
  ...figures,
});

describe('the wall’s tiles', () => {
  afterEach(cleanup);

  it('names each lamp in words beside its colour, with the counts', () => {
    render(
      <Tiles
        tiles={[
          tile('market', '市场监管局', { cardsUp: { yellow: 0, red: 1 }, overdue: 1 }),
          tile('fire', '消防救援支队', { overdue: 1 }),
          tile('planning', '规划资源局'),
        ]}
        size={DESK}
        from={0}
        to={8}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('[data-lamp]')?.getAttribute('data-lamp'))).toEqual([
      'red',
      'yellow',
      'green',
    ]);
    expect(within(items[0]!).getByText('红灯')).toBeTruthy();
    expect(within(items[1]!).getByText('黄灯')).toBeTruthy();
    expect(within(items[2]!).getByText('正常')).toBeTruthy();
    expect(items[2]!.textContent).toContain('50%');
    expect(items[2]!.textContent).toContain('收件 4');
  });

  it('shows the page up only; the others stay in the document, hidden', () => {
    const { container } = render(
      <Tiles tiles={[tile('a', '甲'), tile('b', '乙'), tile('c', '丙')]} size={DESK} from={2} to={4} />,
    );
    expect(screen.getAllByRole('listitem').map((item) => item.textContent?.slice(0, 1))).toEqual(['丙']);
    expect(container.querySelectorAll('.wall-tile')).toHaveLength(3);
  });
});
