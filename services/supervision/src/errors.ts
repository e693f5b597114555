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

/** A score or grade of a department the centre does not have. */
export const NoSuchDepartment = domainError('NoSuchDepartment', 'not_found', (department: string) => ({
  message: `there is no department ${department}`,
  details: { department },
}));
