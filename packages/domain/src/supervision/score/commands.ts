import { z } from 'zod';
import type { Command } from '../../shared/command';
import { multiLine } from '../../shared/text';
import { ScoreMonth } from './events';
import { ScoreCounts } from './scoring';

/** The supervisor locks the audited month. The counts come from the read models, in the command. */
export const LockMonthlyScoreData = z.object({
  department: z.string().min(1).max(64),
  month: ScoreMonth,
  counts: ScoreCounts,
  note: multiLine({ max: 4000 }).optional(),
});

export const monthlyScoreCommandSchemas = { LockMonthlyScore: LockMonthlyScoreData } as const;

type Schemas = typeof monthlyScoreCommandSchemas;
export type MonthlyScoreCommandType = keyof Schemas;
export type MonthlyScoreCommandOf<T extends MonthlyScoreCommandType> = Command<T, z.input<Schemas[T]>>;
export type MonthlyScoreCommand = MonthlyScoreCommandOf<'LockMonthlyScore'>;
export type ValidMonthlyScoreCommand<T extends MonthlyScoreCommandType> = Command<T, z.output<Schemas[T]>>;
