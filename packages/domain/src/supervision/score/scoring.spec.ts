import { describe, expect, it } from 'vitest';
import { InvalidScoreInput, QuarterNeedsThreeMonths } from './errors';
import {
  computeMonthlyScore,
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_SCORE_RULES,
  quarterlyGrade,
  type ScoreCounts,
  scoreRulesWith,
} from './scoring';

const none: ScoreCounts = {
  yellow: 0,
  red: 0,
  refusalWithoutReason: 0,
  supervisionOrders: 0,
  dissatisfiedRatings: 0,
  substantiatedComplaints: 0,
  deemedApprovals: 0,
};

describe('the monthly score (月度考核)', () => {
  it('is 100 minus the default deductions, each shown', () => {
    expect(
      computeMonthlyScore({
        yellow: 2,
        red: 1,
        refusalWithoutReason: 1,
        supervisionOrders: 3,
        dissatisfiedRatings: 2,
        substantiatedComplaints: 1,
        deemedApprovals: 2,
      }),
    ).toEqual({
      deductions: {
        yellow: 2,
        red: 1.5,
        refusalWithoutReason: 0.5,
        supervisionOrders: 1.5,
        dissatisfiedRatings: 2,
        substantiatedComplaints: 2,
        deemedApprovals: 4,
      },
      totalDeduction: 13.5,
      score: 86.5,
    });
    expect(computeMonthlyScore(none).score).toBe(100);
    expect(DEFAULT_SCORE_RULES).toEqual({
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
    });
  });

  it('deducts for substantiated complaints (投诉属实) and deemed approvals (超时默认), configurable', () => {
    expect(computeMonthlyScore({ ...none, substantiatedComplaints: 3 })).toEqual({
      deductions: { ...none, substantiatedComplaints: 6 },
      totalDeduction: 6,
      score: 94,
    });
    expect(computeMonthlyScore({ ...none, deemedApprovals: 1 })).toMatchObject({ score: 98 });
    const rules = scoreRulesWith({ substantiatedComplaints: 1.25, deemedApprovals: 3 });
    expect(rules.perCount).toMatchObject({ substantiatedComplaints: 1.25, deemedApprovals: 3, red: 1.5 });
    expect(computeMonthlyScore({ ...none, substantiatedComplaints: 2, deemedApprovals: 1 }, rules)).toEqual({
      deductions: { ...none, substantiatedComplaints: 2.5, deemedApprovals: 3 },
      totalDeduction: 5.5,
      score: 94.5,
    });
    expect(() => scoreRulesWith({ deemedApprovals: -2 })).toThrow(InvalidScoreInput);
    expect(() => computeMonthlyScore({ ...none, substantiatedComplaints: 0.5 })).toThrow(InvalidScoreInput);
  });

  it('never goes below 0', () => {
    expect(computeMonthlyScore({ ...none, red: 100 })).toMatchObject({ totalDeduction: 150, score: 0 });
  });

  it('takes configured deductions, computed exactly in hundredths', () => {
    const rules = scoreRulesWith({ yellow: 0.1, red: 2 });
    expect(rules.perCount).toMatchObject({ yellow: 0.1, red: 2, supervisionOrders: 0.5 });
    // 3 × 0.1 is 0.30000000000000004 in floating point; here it is 0.3
    expect(computeMonthlyScore({ ...none, yellow: 3, red: 1 }, rules)).toEqual({
      deductions: { ...none, yellow: 0.3, red: 2 },
      totalDeduction: 2.3,
      score: 97.7,
    });
  });

  it('rounds the score half up to one decimal', () => {
    expect(computeMonthlyScore({ ...none, yellow: 1 }, scoreRulesWith({ yellow: 0.25 })).score).toBe(99.8);
    expect(computeMonthlyScore({ ...none, yellow: 1 }, scoreRulesWith({ yellow: 0.26 })).score).toBe(99.7);
    expect(computeMonthlyScore({ ...none, yellow: 3 }, scoreRulesWith({ yellow: 0.33 }))).toMatchObject({
      totalDeduction: 0.99,
      score: 99,
    });
  });

  it('refuses counts and rules it cannot compute with', () => {
    expect(() => computeMonthlyScore({ ...none, red: -1 })).toThrow(InvalidScoreInput);
    expect(() => computeMonthlyScore({ ...none, red: 1.5 })).toThrow(InvalidScoreInput);
    expect(() => scoreRulesWith({ red: -1 })).toThrow(InvalidScoreInput);
    expect(() => scoreRulesWith({ yellow: 0.125 })).toThrow(InvalidScoreInput);
  });
});

describe('the quarterly grade (季度考核)', () => {
  it('grades the average of three months at or above each default threshold', () => {
    expect(DEFAULT_GRADE_THRESHOLDS).toEqual({ excellent: 95, good: 85, pass: 70 });
    expect(quarterlyGrade([95, 95, 95])).toBe('excellent');
    expect(quarterlyGrade([100, 90, 95])).toBe('excellent');
    expect(quarterlyGrade([95, 95, 94.9])).toBe('good');
    expect(quarterlyGrade([85, 85, 85])).toBe('good');
    expect(quarterlyGrade([85, 85, 84.9])).toBe('pass');
    expect(quarterlyGrade([70, 70, 70])).toBe('pass');
    expect(quarterlyGrade([70, 70, 69.9])).toBe('fail');
    expect(quarterlyGrade([0, 0, 0])).toBe('fail');
  });

  it('is exact where floating point is not: 82.1, 82.3 and 90.6 average exactly 85', () => {
    expect((82.1 + 82.3 + 90.6) / 3).toBeLessThan(85); // the naive float average falls just short
    expect(quarterlyGrade([82.1, 82.3, 90.6])).toBe('good');
  });

  it('takes configured thresholds', () => {
    const strict = { excellent: 98, good: 90, pass: 80 };
    expect(quarterlyGrade([96, 96, 96], strict)).toBe('good');
    expect(quarterlyGrade([98, 98, 98], strict)).toBe('excellent');
    expect(() => quarterlyGrade([96, 96, 96], { excellent: 80, good: 90, pass: 70 })).toThrow(
      InvalidScoreInput,
    );
  });

  it('needs exactly the three months of the quarter', () => {
    expect(() => quarterlyGrade([99, 98])).toThrow(QuarterNeedsThreeMonths);
    expect(() => quarterlyGrade([])).toThrow(QuarterNeedsThreeMonths);
    expect(() => quarterlyGrade([99, 98, 97, 96])).toThrow(QuarterNeedsThreeMonths);
    try {
      quarterlyGrade([99, 98]);
    } catch (error) {
      expect((error as InstanceType<typeof QuarterNeedsThreeMonths>).details).toEqual({ given: 2 });
    }
  });

  it('refuses scores that no locked month has', () => {
    expect(() => quarterlyGrade([95, 95, Number.NaN])).toThrow(InvalidScoreInput);
    expect(() => quarterlyGrade([95, 95, -1])).toThrow(InvalidScoreInput);
    expect(() => quarterlyGrade([95, 95, 95.25])).toThrow(InvalidScoreInput);
  });
});
