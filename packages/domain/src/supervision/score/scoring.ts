import { z } from 'zod';
import { InvalidScoreInput, QuarterNeedsThreeMonths } from './errors';

/**
 * The arithmetic of the monthly score (月度考核) and the quarterly grade, pure and shared: the score decider
 * locks with it, read models show the provisional score of the running month with it.
 */

const count = z.number().int().min(0).max(1_000_000);

/** What a month is scored on, as counted by the monitoring and supervision read models. */
export const ScoreCounts = z.object({
  /** 黄牌 raised on the department's cases in the month. */
  yellow: count,
  /** 红牌 raised. */
  red: count,
  /** Refusals without a written reason (an anomaly electronic supervision flags). */
  refusalWithoutReason: count,
  /** 督办单 issued to the department. */
  supervisionOrders: count,
  /** Bad ratings that still count as dissatisfied (no upheld appeal). */
  dissatisfiedRatings: count,
  /**
   * Complaints about the department found substantiated (投诉属实: `ComplaintFindingRecorded` with
   * `substantiated: true`), in the month of the finding.
   */
  substantiatedComplaints: count,
  /**
   * 超时默认: the department's cases deemed approved because it let the deadline pass without a decision
   * (`ApprovalDeemed`; the clock stopped `deemed_approved`), in the month of the deemed approval.
   */
  deemedApprovals: count,
});
export type ScoreCounts = z.infer<typeof ScoreCounts>;
export type ScoreCountKind = keyof ScoreCounts;

export const SCORE_COUNT_KINDS: readonly ScoreCountKind[] = [
  'yellow',
  'red',
  'refusalWithoutReason',
  'supervisionOrders',
  'dissatisfiedRatings',
  'substantiatedComplaints',
  'deemedApprovals',
];

/**
 * The kinds scored since issue 13. A month locked before then was scored without them: its event has no
 * count, deduction or rule for them, and it keeps what it was locked with (never recomputed).
 */
export const LATER_SCORE_KINDS = ['substantiatedComplaints', 'deemedApprovals'] as const;
export type ItemisedScoreKind = (typeof LATER_SCORE_KINDS)[number];
const later = { substantiatedComplaints: true, deemedApprovals: true } as const;

/** A locked month's counts: the later kinds are absent from a month locked before they were scored. */
export const LockedScoreCounts = ScoreCounts.partial(later);
export type LockedScoreCounts = z.infer<typeof LockedScoreCounts>;

const ref = z.string().min(1).max(64);
/**
 * What the itemised deductions were for, each named: the complaint ids (`TS-…`) found substantiated and
 * the case numbers deemed approved. As many as counted, each once.
 */
export const ScoreRefs = z.object({
  substantiatedComplaints: z.array(ref).max(10_000),
  deemedApprovals: z.array(ref).max(10_000),
});
export type ScoreRefs = z.infer<typeof ScoreRefs>;
export const NO_SCORE_REFS: ScoreRefs = { substantiatedComplaints: [], deemedApprovals: [] };

/** Points are exact to the hundredth: the arithmetic runs on whole hundredths, so no float drifts in. */
const points = z
  .number()
  .min(0)
  .max(1000)
  .refine((p) => isWhole(p * 100), { message: 'points are given to at most two decimals' });

/** The rules a score was computed with; recorded in `MonthlyScoreLocked` so a replay never recomputes. */
export const ScoreRules = z.object({
  /** The score before deductions. */
  base: points,
  /** Points deducted for each one counted. */
  perCount: z.object({
    yellow: points,
    red: points,
    refusalWithoutReason: points,
    supervisionOrders: points,
    dissatisfiedRatings: points,
    substantiatedComplaints: points,
    deemedApprovals: points,
  }),
});
export type ScoreRules = z.infer<typeof ScoreRules>;

/** The rules a locked month was scored with: without the later kinds for a month locked before them. */
export const LockedScoreRules = ScoreRules.extend({ perCount: ScoreRules.shape.perCount.partial(later) });
export type LockedScoreRules = z.infer<typeof LockedScoreRules>;

/**
 * *(defaults)*: 100, minus 1 per yellow card, 1.5 per red, 0.5 per refusal without reason and per order,
 * 1 per dissatisfied rating (domain brief); 2 per substantiated complaint and 2 per deemed approval (the
 * brief gives no figure for these two: the centre's choice, documented in docs/supervision.md. A deemed
 * approval weighs more than a red card, since the statutory limit went by without any decision; a
 * substantiated complaint more than a dissatisfied rating, since it is a fault established on
 * investigation). Every figure is configuration (`scoreRulesWith`, the supervision service's
 * `scoreDeductions`, DOCKET_SCORE_DEDUCTIONS).
 */
export const DEFAULT_SCORE_RULES: ScoreRules = {
  base: 100,
  perCount: {
    yellow: 1,
    red: 1.5,
    refusalWithoutReason: 0.5,
    supervisionOrders: 0.5,
    dissatisfiedRatings: 1,
    substantiatedComplaints: 2,
    deemedApprovals: 2,
  },
};

export interface MonthlyScore {
  /** Points deducted for each kind: count × points per count, exact. */
  deductions: ScoreCounts;
  totalDeduction: number;
  /** base − total deduction, never below 0, rounded half up to one decimal. */
  score: number;
}

/** The default rules with some deductions changed (the score decider's `deductions` option). */
export function scoreRulesWith(deductions: Partial<ScoreRules['perCount']> = {}): ScoreRules {
  return checked(ScoreRules, {
    base: DEFAULT_SCORE_RULES.base,
    perCount: { ...DEFAULT_SCORE_RULES.perCount, ...deductions },
  });
}

/** The month's score from its counts. Throws InvalidScoreInput for counts or rules it cannot use. */
export function computeMonthlyScore(
  counts: ScoreCounts,
  rules: ScoreRules = DEFAULT_SCORE_RULES,
): MonthlyScore {
  const c = checked(ScoreCounts, counts);
  const r = checked(ScoreRules, rules);
  const deducted = {} as ScoreCounts;
  let totalHundredths = 0;
  for (const kind of SCORE_COUNT_KINDS) {
    const hundredths = c[kind] * hundredthsOf(r.perCount[kind]);
    deducted[kind] = hundredths / 100;
    totalHundredths += hundredths;
  }
  const remaining = Math.max(0, hundredthsOf(r.base) - totalHundredths);
  // Half up at the hundredths: 99.75 → 99.8, 99.74 → 99.7 (remaining is a whole, non-negative number).
  const score = Math.round(remaining / 10) / 10;
  return { deductions: deducted, totalDeduction: totalHundredths / 100, score };
}

export const QuarterlyGrade = z.enum(['excellent', 'good', 'pass', 'fail']);
export type QuarterlyGrade = z.infer<typeof QuarterlyGrade>;

/** The lowest average of the three months for each grade; below `pass` is `fail`. */
export interface GradeThresholds {
  excellent: number;
  good: number;
  pass: number;
}

/** *(defaults)*: average ≥ 95 excellent, ≥ 85 good, ≥ 70 pass, else fail. */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { excellent: 95, good: 85, pass: 70 };

const tenth = z
  .number()
  .min(0)
  .max(1000)
  .refine((s) => isWhole(s * 10), { message: 'scores and thresholds have at most one decimal' });
const Thresholds = z
  .object({ excellent: tenth, good: tenth, pass: tenth })
  .refine((t) => t.excellent >= t.good && t.good >= t.pass, {
    message: 'thresholds must not rise from excellent to good to pass',
  });

/**
 * 季度考核: the grade of the average of the three locked monthly scores of a quarter, compared at or above
 * each threshold. Exact: the comparison is sum of tenths ≥ 3 × threshold in tenths, so 82.1, 82.3 and 90.6
 * (average exactly 85) are good, although (82.1 + 82.3 + 90.6) / 3 is 84.99999999999999 in floating point.
 */
export function quarterlyGrade(
  scores: readonly number[],
  thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS,
): QuarterlyGrade {
  if (scores.length !== 3) throw new QuarterNeedsThreeMonths(scores.length);
  const monthly = scores.map((s) => checked(tenth, s));
  const t = checked(Thresholds, thresholds);
  const sum = monthly.reduce((total, s) => total + tenthsOf(s), 0);
  const reaches = (threshold: number) => sum >= 3 * tenthsOf(threshold);
  if (reaches(t.excellent)) return 'excellent';
  if (reaches(t.good)) return 'good';
  if (reaches(t.pass)) return 'pass';
  return 'fail';
}

function isWhole(x: number): boolean {
  return Number.isFinite(x) && Math.abs(x - Math.round(x)) < 1e-6;
}

const hundredthsOf = (x: number): number => Math.round(x * 100);
const tenthsOf = (x: number): number => Math.round(x * 10);

function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidScoreInput(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`),
  );
}
