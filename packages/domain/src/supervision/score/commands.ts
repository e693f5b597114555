import { z } from 'zod';
import type { Command } from '../../shared/command';
import { multiLine } from '../../shared/text';
import { ScoreMonth } from './events';
import { LATER_SCORE_KINDS, NO_SCORE_REFS, ScoreCounts, ScoreRefs } from './scoring';

/**
 * The supervisor locks the audited month. The counts come from the read models, in the command, with
 * what the itemised deductions are for (`refs`: the complaint ids and case numbers, as many as counted,
 * each once; none when nothing of those kinds was counted).
 */
export const LockMonthlyScoreData = z.object({
  department: z.string().min(1).max(64),
  month: ScoreMonth,
  counts: ScoreCounts,
  refs: ScoreRefs.default(NO_SCORE_REFS),
  note: multiLine({ max: 4000 }).optional(),
});

/** The itemised kinds name as many as they count, each once. */
function refsMatchCounts(data: z.output<typeof LockMonthlyScoreData>, ctx: z.RefinementCtx): void {
  for (const kind of LATER_SCORE_KINDS) {
    const named = data.refs[kind];
    if (named.length !== data.counts[kind])
      ctx.addIssue({
        code: 'custom',
        path: ['refs', kind],
        message: `names ${named.length} for a count of ${data.counts[kind]}`,
      });
    else if (new Set(named).size !== named.length)
      ctx.addIssue({ code: 'custom', path: ['refs', kind], message: 'names one more than once' });
  }
}

export const monthlyScoreCommandSchemas = {
  LockMonthlyScore: LockMonthlyScoreData.superRefine(refsMatchCounts),
} as const;

type Schemas = typeof monthlyScoreCommandSchemas;
export type MonthlyScoreCommandType = keyof Schemas;
export type MonthlyScoreCommandOf<T extends MonthlyScoreCommandType> = Command<T, z.input<Schemas[T]>>;
export type MonthlyScoreCommand = MonthlyScoreCommandOf<'LockMonthlyScore'>;
export type ValidMonthlyScoreCommand<T extends MonthlyScoreCommandType> = Command<T, z.output<Schemas[T]>>;
