import type { DepartmentTile } from '@docket/contracts';
import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './share';

const tile = (department: string, inProgress: number): DepartmentTile => ({
  department,
  name: department,
  received: 1,
  accepted: 1,
  closed: 0,
  reminders: 0,
  yellow: 0,
  red: 0,
  complaints: 0,
  inProgress,
  overdue: 0,
  cardsUp: { yellow: 0, red: 0 },
  onTimeRate: null,
  earlyRate: null,
  averageWorkingDays: null,
  averagePromisedWorkingDays: null,
});

describe('the tiles of a re-read, shared with the last where unchanged', () => {
  it('keeps the previous array when nothing changed', () => {
    const previous = [tile('a', 1), tile('b', 2)];
    expect(shareUnchanged(previous, [tile('a', 1), tile('b', 2)])).toBe(previous);
  });

  it('keeps the unchanged tiles and takes the changed one', () => {
    const previous = [tile('a', 1), tile('b', 2)];
    const next = shareUnchanged(previous, [tile('a', 1), tile('b', 3)]);
    expect(next).not.toBe(previous);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).toEqual(tile('b', 3));
  });

  it('answers a new array when the order or the set of departments changed', () => {
    const previous = [tile('a', 1), tile('b', 2)];
    const swapped = shareUnchanged(previous, [tile('b', 2), tile('a', 1)]);
    expect(swapped).not.toBe(previous);
    expect(swapped[0]).toBe(previous[1]);
    expect(shareUnchanged(previous, [tile('a', 1)])).toEqual([tile('a', 1)]);
  });

  it('takes the first read as it is', () => {
    const next = [tile('a', 1)];
    expect(shareUnchanged(undefined, next)).toBe(next);
  });
});
