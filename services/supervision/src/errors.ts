import { domainError } from '@docket/domain';

/** A rating needs the case's closing: a case still running has nothing to rate yet. */
export const CaseNotClosed = domainError(
  'CaseNotClosed',
  'rule_broken',
  (caseNo: string, status: string) => ({
    message: `case ${caseNo} has not closed yet (it is ${status}): a service is rated once it has ended`,
    details: { caseNo, status },
  }),
);

/**
 * A month's score cannot be locked yet: a read model it counts from (monitoring's cards, supervision's
 * orders and ratings) had not applied the ledger up to the lock's position within the wait. A locked
 * score never changes, so it is refused rather than locked on figures that may miss a card; nothing is
 * written, and the same lock a few seconds later succeeds.
 */
export const ScoreCountsBehind = domainError(
  'ScoreCountsBehind',
  'unavailable',
  (department: string, month: string, behind: string[]) => ({
    message: `the score of ${department} for ${month} cannot be locked yet: ${behind.join(', ')} not caught up with the ledger; try again shortly`,
    details: { department, month, behind, retryAfterSeconds: 5 },
  }),
);

/** A score or grade of a department the centre does not have. */
export const NoSuchDepartment = domainError('NoSuchDepartment', 'not_found', (department: string) => ({
  message: `there is no department ${department}`,
  details: { department },
}));
