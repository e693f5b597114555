import { domainError } from '../../shared/errors';

/** Errors of the monthly department score (月度考核) and the quarterly grade. */

/** A month is scored once it is over in the centre's time zone. */
export const MonthNotEnded = domainError('MonthNotEnded', 'rule_broken', (month: string, today: string) => ({
  message: `${month} has not ended yet (today is ${today} in the centre's time zone)`,
  details: { month, today },
}));

/** A score once audited is locked: the value in the event is final. */
export const ScoreAlreadyLocked = domainError(
  'ScoreAlreadyLocked',
  'illegal_transition',
  (department: string, month: string, score: number) => ({
    message: `The score of ${department} for ${month} is already locked at ${score}`,
    details: { department, month, score },
  }),
);

/** Counts, deduction rules, scores or grade thresholds that cannot be computed with. */
export const InvalidScoreInput = domainError('InvalidScoreInput', 'invalid', (issues: string[]) => ({
  message: `Invalid score input: ${issues.join('; ')}`,
  details: { issues },
}));

/** A quarterly grade rests on the three locked months of the quarter. */
export const QuarterNeedsThreeMonths = domainError(
  'QuarterNeedsThreeMonths',
  'rule_broken',
  (given: number) => ({
    message: `A quarterly grade needs the scores of three months; ${given} given`,
    details: { given },
  }),
);
