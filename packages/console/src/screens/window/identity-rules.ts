import {
  checkIdNumber,
  checkMobileNumber,
  checkPhoneNumber,
  type IdentityNumberRule,
  identityRuleOfMessage,
} from '@docket/domain';
import { ApiError } from '../../api/client';

/**
 * The identity numbers rule of @docket/domain (shared/identity-numbers.ts) at the window's form: the same
 * checks the server makes, so that a mistyped ID or phone number is said on its field before submitting,
 * and the server's refusal of one lands on the same field. Whether a date of birth is after today is the
 * server's check alone (it knows the centre's day).
 */

/** The form's fields that hold an ID or phone number. */
export type NumberField = 'idNumber' | 'phone' | 'agentIdNumber' | 'agentPhone';

/** As the server reads the field: trimmed, NFC. */
const typed = (value: string): string => value.normalize('NFC').trim();

/** The rule an ID number breaks for its document type (GB 11643, GB 32100; none for other documents). */
export function idNumberRule(idType: string | undefined, value: string): IdentityNumberRule | undefined {
  if (idType === undefined || typed(value) === '') return undefined;
  const check = checkIdNumber(idType, typed(value));
  return check.ok ? undefined : check.rule;
}

/** The rule a phone breaks: a person's and an agent's is a mobile number, a company's any phone number. */
export function phoneRule(holder: 'person' | 'company', value: string): IdentityNumberRule | undefined {
  if (typed(value) === '') return undefined;
  const check = holder === 'company' ? checkPhoneNumber(typed(value)) : checkMobileNumber(typed(value));
  return check.ok ? undefined : check.rule;
}

/** The submission's paths (relative to the body, or `data.` and the body's path from the decider). */
const FIELDS: Record<string, NumberField> = {
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'applicant.agent.idNumber': 'agentIdNumber',
  'applicant.agent.phone': 'agentPhone',
};

export interface NumberIssue {
  field: NumberField;
  rule: IdentityNumberRule;
}

/**
 * The identity-number issues of a refused submission (a 400 whose `details.issues` are `path: message`),
 * each on its form field; empty for any other failure.
 */
export function numberIssues(error: unknown): NumberIssue[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  const details = error.problem.details as { issues?: unknown } | undefined;
  if (!Array.isArray(details?.issues)) return [];
  return details.issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'string') return [];
    const at = issue.indexOf(': ');
    if (at < 0) return [];
    const field = FIELDS[issue.slice(0, at).replace(/^data\./, '')];
    const rule = identityRuleOfMessage(issue.slice(at + 2));
    return field === undefined || rule === undefined ? [] : [{ field, rule }];
  });
}
