import type { DayKind } from './year-days';

/**
 * Each kind of day: its colours (dark text on a pale ground, WCAG AA) and, for the two kinds the schedule
 * lists, a one-character mark (休 / 班) so that the grid never says anything by colour alone.
 */
export const DAY_STYLE: Record<DayKind, { color: string; background: string; borderColor: string }> = {
  working: { color: '#1f1f1f', background: '#ffffff', borderColor: '#d9d9d9' },
  rest: { color: '#434343', background: '#ebebeb', borderColor: '#d9d9d9' },
  holiday: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
  workday: { color: '#003eb3', background: '#e6f4ff', borderColor: '#69b1ff' },
};

export const MARKED: readonly DayKind[] = ['holiday', 'workday'];
