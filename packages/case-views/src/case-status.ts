import type { CaseEvent } from './events';

/**
 * Where a case stands, across intake and review. Intake's own states (submitted … delivered) plus the
 * review's: `in_review` once the department task is open, `special_procedure` while 特别程序 pauses the
 * clock. `decided` covers every review outcome (approved, refused, deemed approved, forwarded up).
 */
export type CaseStatus =
  | 'submitted'
  | 'correction_requested'
  | 'supplemented'
  | 'correction_expired'
  | 'accepted'
  | 'in_review'
  | 'special_procedure'
  | 'decided'
  | 'delivered'
  | 'declined'
  | 'withdrawn';

/** Accepted and not yet decided: the promised deadline runs (what `overdue` looks at). */
export const RUNNING_STATUSES: readonly CaseStatus[] = ['accepted', 'in_review', 'special_procedure'];

/**
 * The status after an event. Review events only move a running case: the review stream is written
 * after intake's, so a review event that arrives for a withdrawn case (ReviewClosedOnWithdrawal) must
 * not reopen it.
 */
export function statusAfter(current: CaseStatus, event: CaseEvent): CaseStatus {
  const running = RUNNING_STATUSES.includes(current);
  switch (event.type) {
    case 'ApplicationSubmitted':
      return 'submitted';
    case 'CorrectionRequested':
      return 'correction_requested';
    case 'MaterialsSupplemented':
      return 'supplemented';
    case 'CorrectionExpired':
      return 'correction_expired';
    case 'ApplicationAccepted':
      return 'accepted';
    case 'ApplicationDeclined':
      return 'declined';
    case 'ApplicationWithdrawn':
      return 'withdrawn';
    case 'DecisionRecorded':
      return 'decided';
    case 'ResultDelivered':
      return 'delivered';
    case 'ReviewOpened':
    case 'SpecialProcedureEnded':
      return running ? 'in_review' : current;
    case 'SpecialProcedureStarted':
      return running ? 'special_procedure' : current;
    case 'ReviewDecided':
    case 'ApprovalDeemed':
    case 'ReviewForwardedUp':
      return running ? 'decided' : current;
    default:
      return current;
  }
}
