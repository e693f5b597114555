import { describe, expect, it } from 'vitest';
import { byUrgency, lampOf } from './lamp';

const tile = (overdue: number, yellow: number, red: number, name = 'x', inProgress = 0) => ({
  name,
  inProgress,
  overdue,
  cardsUp: { yellow, red },
});

describe('the lamp of a tile', () => {
  it('is green with nothing overdue and no card up', () => {
    expect(lampOf(tile(0, 0, 0))).toBe('green');
  });

  it('is yellow once a case is overdue, before any card', () => {
    expect(lampOf(tile(1, 0, 0))).toBe('yellow');
  });

  it('is yellow with a yellow card up', () => {
    expect(lampOf(tile(0, 1, 0))).toBe('yellow');
  });

  it('is red with a red card up, whatever else', () => {
    expect(lampOf(tile(0, 0, 1))).toBe('red');
    expect(lampOf(tile(3, 2, 1))).toBe('red');
  });

  it('orders red, then yellow, then green; then the most overdue and busiest first', () => {
    const order = byUrgency([
      tile(0, 0, 0, '甲', 5),
      tile(0, 0, 1, '乙'),
      tile(1, 0, 0, '丙'),
      tile(2, 1, 0, '丁'),
      tile(0, 0, 0, '戊', 9),
    ]).map((t) => t.name);
    expect(order).toEqual(['乙', '丁', '丙', '戊', '甲']);
  });
});
