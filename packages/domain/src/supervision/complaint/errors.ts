import { domainError } from '../../shared/errors';

/** Errors of the complaint (投诉), each named for the rule it enforces. Who-may-act errors are in ../errors. */

export const ComplaintNotFound = domainError('ComplaintNotFound', 'not_found', () => ({
  message: 'No complaint has been submitted under this id',
}));

export const ComplaintAlreadySubmitted = domainError(
  'ComplaintAlreadySubmitted',
  'illegal_transition',
  (id: string) => ({ message: `Complaint ${id} has already been submitted`, details: { id } }),
);

/** A complaint is submitted by an applicant, or taken down by a supervisor or monitor. */
export const NotAComplainantOrSupervisionStaff = domainError(
  'NotAComplainantOrSupervisionStaff',
  'forbidden',
  (actorId: string) => ({
    message: `${actorId} may not submit a complaint: only an applicant, a supervisor or a monitor may`,
    details: { actorId },
  }),
);

/** An applicant files online only; a phone call, visit or letter is taken down by supervision staff. */
export const OfflineComplaintNeedsStaff = domainError(
  'OfflineComplaintNeedsStaff',
  'rule_broken',
  (channel: string) => ({
    message: `A complaint by ${channel} is taken down by a supervisor or monitor, not filed by the applicant`,
    details: { channel },
  }),
);

/** An applicant complains in their own name: the complainant's account is theirs. */
export const NotTheComplainant = domainError(
  'NotTheComplainant',
  'forbidden',
  (actorId: string, userId: string) => ({
    message: `${actorId} may not file a complaint in the name of account ${userId}`,
    details: { actorId, userId },
  }),
);

/** 受理/不予受理 happens once; the overdue flag only while undecided. */
export const ComplaintAlreadyDecided = domainError(
  'ComplaintAlreadyDecided',
  'illegal_transition',
  (outcome: string) => ({ message: `The complaint has already been ${outcome}`, details: { outcome } }),
);

export const ComplaintNotAccepted = domainError('ComplaintNotAccepted', 'illegal_transition', () => ({
  message: 'The complaint has not been accepted yet',
}));

/** Declined, or replied to: nothing more is recorded. */
export const ComplaintClosed = domainError('ComplaintClosed', 'illegal_transition', (status: string) => ({
  message: `The complaint is closed (${status})`,
  details: { status },
}));

export const AcceptanceDeadlineNotPassed = domainError(
  'AcceptanceDeadlineNotPassed',
  'rule_broken',
  (acceptBy: string, now: string) => ({
    message: `The complaint may be accepted or declined until ${acceptBy}; it is ${now}`,
    details: { acceptBy, now },
  }),
);

export const ComplaintOverdueAlreadyFlagged = domainError(
  'ComplaintOverdueAlreadyFlagged',
  'illegal_transition',
  (flaggedAt: string) => ({
    message: `The overdue acceptance was already flagged at ${flaggedAt}`,
    details: { flaggedAt },
  }),
);

/** A finding rests on at least one recorded investigation. */
export const InvestigationRequired = domainError('InvestigationRequired', 'illegal_transition', () => ({
  message: 'Record the investigation before the finding',
}));

export const FindingAlreadyRecorded = domainError(
  'FindingAlreadyRecorded',
  'illegal_transition',
  (substantiated: boolean) => ({
    message: `The finding has already been recorded (${substantiated ? 'substantiated' : 'not substantiated'})`,
    details: { substantiated },
  }),
);

/** Accountability and the reply come after the finding. */
export const FindingRequired = domainError('FindingRequired', 'illegal_transition', (action: string) => ({
  message: `Record the finding before you ${action}`,
  details: { action },
}));

/** 责任追究 only for a complaint found substantiated (属实). */
export const FindingNotSubstantiated = domainError('FindingNotSubstantiated', 'rule_broken', () => ({
  message: 'The complaint was found not substantiated: there is no one to hold accountable',
}));

export const AccountabilityAlreadyDecided = domainError(
  'AccountabilityAlreadyDecided',
  'illegal_transition',
  (measure: string) => ({
    message: `Accountability has already been decided (${measure})`,
    details: { measure },
  }),
);

/** A substantiated complaint is answered with what was done about it. */
export const AccountabilityRequired = domainError('AccountabilityRequired', 'illegal_transition', () => ({
  message: 'The complaint was substantiated: decide accountability before replying',
}));
