import { type ScoreRules, scoreRulesWith } from '@docket/domain';
import type { SupervisionOptions } from '../supervision-deps';

export type ScoreDeductions = Partial<ScoreRules['perCount']>;

/**
 * The rules this deployment scores with: the defaults (`DEFAULT_SCORE_RULES`) with the configured points
 * per count (`scoreDeductions`). One place: a lock records them and a provisional score shows them, so
 * both compute the same. Bad points throw InvalidScoreInput when the service starts.
 */
export const scoreRulesOf = (options: SupervisionOptions): ScoreRules =>
  scoreRulesWith(options.scoreDeductions);

/**
 * `DOCKET_SCORE_DEDUCTIONS`: points per count as JSON, the kinds to change only, e.g.
 * `{"substantiatedComplaints":3,"deemedApprovals":2.5}`. Unset: the defaults. Not JSON, or not an object
 * of numbers: an error naming the variable (the points themselves are checked by `scoreRulesWith`).
 */
export function scoreDeductionsFromEnv(
  value: string | undefined = process.env.DOCKET_SCORE_DEDUCTIONS,
): ScoreDeductions | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`DOCKET_SCORE_DEDUCTIONS is not JSON: ${value}`);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !Object.values(parsed).every((points) => typeof points === 'number')
  )
    throw new Error(
      'DOCKET_SCORE_DEDUCTIONS must be a JSON object of points per count, e.g. {"deemedApprovals":2.5}',
    );
  const deductions = parsed as Record<string, number>;
  const known = Object.keys(scoreRulesWith().perCount);
  const unknown = Object.keys(deductions).filter((kind) => !known.includes(kind));
  if (unknown.length > 0)
    throw new Error(`DOCKET_SCORE_DEDUCTIONS names no kind of deduction: ${unknown.join(', ')}`);
  scoreRulesWith(deductions);
  return deductions;
}
