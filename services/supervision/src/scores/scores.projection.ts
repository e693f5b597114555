import type { MonthlyScoreView } from '@docket/contracts';
import { type MonthlyScoreEvent, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';

export const SCORES = 'scores';
export const SCORES_PROJECTION = 'supervision-scores';

/** A locked month (`<department>:<yyyy-mm>`), as its event says: never recomputed. */
export interface ScoreDocument extends Omit<MonthlyScoreView, 'status'>, ReadModelDocument {
  id: string;
  status: 'locked';
}

export const scoreId = (department: string, month: string): string => `${department}:${month}`;

/** 月度考核: one document per locked month, from its one event. */
export const scoresProjection: Projection = {
  name: SCORES_PROJECTION,
  collections: [{ name: SCORES, indexes: [{ fields: ['department', 'month'] }] }],
  filter: { streamPrefixes: ['score-'] },
  async apply(recorded, tx) {
    const event = { type: recorded.type, data: recorded.data } as MonthlyScoreEvent;
    if (event.type !== 'MonthlyScoreLocked') return;
    const d = event.data;
    tx.put(SCORES, {
      id: scoreId(d.department, d.month),
      department: d.department,
      month: d.month,
      status: 'locked',
      counts: d.counts,
      deductions: d.deductions,
      totalDeduction: d.totalDeduction,
      score: d.score,
      rules: d.rules,
      refs: d.refs ?? null,
      note: d.note ?? null,
      lockedAt: utc(d.at),
      lockedBy: d.by,
    } satisfies ScoreDocument);
  },
};
