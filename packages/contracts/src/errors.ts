import { domainError } from '@docket/domain';

/** A back-office read of a case number nobody submitted (the public lookup has its own, vaguer answer). */
export const NoSuchCase = domainError('NoSuchCase', 'not_found', (caseNo: string) => ({
  message: `there is no case ${caseNo}`,
  details: { caseNo },
}));

/** A case with no review yet: not accepted (or not a case at all). */
export const NoReviewYet = domainError('NoReviewYet', 'not_found', (caseNo: string) => ({
  message: `case ${caseNo} has no review: it has not been accepted`,
  details: { caseNo },
}));
