import { z } from 'zod';
import { RecordedBy } from '../../shared/recorded-by';
import { Instant } from '../../shared/time';
import { LockedScoreCounts, LockedScoreRules, ScoreRefs } from './scoring';

/** `yyyy-mm`, month 01–12. */
export const ScoreMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is yyyy-mm');
export type ScoreMonth = z.infer<typeof ScoreMonth>;

/**
 * 月度考核 locked after audit. Counts, deductions, score and the rules used are all recorded: the locked
 * value is what the event says, and a replay never recomputes it (rules may change later). A month locked
 * before substantiated complaints and deemed approvals were scored has neither in its counts, deductions
 * or rules, and no `refs`; it stays as it was locked.
 */
export const MonthlyScoreLocked = z.object({
  type: z.literal('MonthlyScoreLocked'),
  data: z.object({
    department: z.string(),
    month: ScoreMonth,
    counts: LockedScoreCounts,
    deductions: z.object({
      yellow: z.number(),
      red: z.number(),
      refusalWithoutReason: z.number(),
      supervisionOrders: z.number(),
      dissatisfiedRatings: z.number(),
      substantiatedComplaints: z.number().optional(),
      deemedApprovals: z.number().optional(),
    }),
    totalDeduction: z.number(),
    score: z.number(),
    rules: LockedScoreRules,
    /** The complaint ids and case numbers the itemised deductions were for. */
    refs: ScoreRefs.optional(),
    note: z.string().optional(),
    at: Instant,
    by: RecordedBy,
  }),
});

export const MonthlyScoreEvent = z.discriminatedUnion('type', [MonthlyScoreLocked]);
export type MonthlyScoreEvent = z.infer<typeof MonthlyScoreEvent>;
/** `score-<department>-<yyyy-mm>`: the month is fixed-width at the end, so a department may contain '-'. */
export const scoreStreamName = (department: string, month: string): string => `score-${department}-${month}`;
