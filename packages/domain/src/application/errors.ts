import { domainError } from '../shared/errors';
import type { Instant } from '../shared/time';
import type { ApplicationStatus } from './state';

/** A material the notice asked for (or the item requires) that is still not in hand. */
export interface OutstandingMaterial {
  code: string;
  name: string;
  reason: string;
}

export const ApplicationNotSubmitted = domainError('ApplicationNotSubmitted', 'not_found', () => ({
  message: 'no application has been submitted under this case number',
}));

export const ApplicationAlreadySubmitted = domainError(
  'ApplicationAlreadySubmitted',
  'illegal_transition',
  (caseNo: string) => ({
    message: `case ${caseNo} has already been submitted`,
    details: { caseNo },
  }),
);

/** Declined, withdrawn, expired after correction or delivered: nothing more happens at intake. */
export const ApplicationClosed = domainError(
  'ApplicationClosed',
  'illegal_transition',
  (status: ApplicationStatus) => ({
    message: `the application is closed (${status})`,
    details: { status },
  }),
);

export const NotAClerk = domainError('NotAClerk', 'forbidden', (actorId: string, action: string) => ({
  message: `${actorId} is not a window clerk; only clerks may ${action}`,
  details: { actorId, action },
}));

export const NotApplicantOrClerk = domainError(
  'NotApplicantOrClerk',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `only the applicant or a window clerk may ${action}; ${actorId} is neither`,
    details: { actorId, action },
  }),
);

/** An applicant who submitted online acts on their own application only. */
export const NotTheApplicant = domainError('NotTheApplicant', 'forbidden', (actorId: string) => ({
  message: `${actorId} did not submit this application`,
  details: { actorId },
}));

export const NotASystemActor = domainError(
  'NotASystemActor',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `only the system may ${action}; ${actorId} is a person`,
    details: { actorId, action },
  }),
);

/** Commands are recorded in time order: a step dated before the one before it is an anomaly, refused. */
export const TimeBeforeLastEvent = domainError(
  'TimeBeforeLastEvent',
  'invalid',
  (at: Instant, last: Instant) => ({
    message: `${at} is before the application's last recorded event at ${last}`,
    details: { at, last },
  }),
);

export const NothingToCorrect = domainError('NothingToCorrect', 'rule_broken', () => ({
  message:
    'every mandatory material is present and none was marked deficient: accept the application instead',
}));

/** 一次性告知: one notice lists everything; a second notice is never issued. */
export const CorrectionAlreadyRequested = domainError(
  'CorrectionAlreadyRequested',
  'illegal_transition',
  (noticedAt: Instant) => ({
    message: `a correction notice was already issued at ${noticedAt}; only one notice is allowed`,
    details: { noticedAt },
  }),
);

/** A notice after the window means the application already counts as accepted on receipt. */
export const CorrectionWindowClosed = domainError(
  'CorrectionWindowClosed',
  'rule_broken',
  (closedAt: Instant) => ({
    message: `the correction window closed at ${closedAt}; the application counts as accepted on receipt and must be accepted`,
    details: { closedAt },
  }),
);

/** A material code the item does not list: handed in (submission, supplement) or marked deficient. */
export const UnknownMaterial = domainError('UnknownMaterial', 'invalid', (code: string) => ({
  message: `the service item has no material ${code}`,
  details: { code },
}));

export const MaterialsStillMissing = domainError(
  'MaterialsStillMissing',
  'rule_broken',
  (missing: OutstandingMaterial[]) => ({
    message: `materials still missing: ${missing.map((material) => material.code).join(', ')}`,
    details: { missing },
  }),
);

export const NoCorrectionPending = domainError(
  'NoCorrectionPending',
  'illegal_transition',
  (status: ApplicationStatus) => ({
    message: `no correction notice is waiting for materials (status ${status})`,
    details: { status },
  }),
);

export const CorrectionNotYetDue = domainError('CorrectionNotYetDue', 'rule_broken', (deadline: Instant) => ({
  message: `the applicant may supplement materials until ${deadline}`,
  details: { deadline },
}));

export const ApplicationAlreadyAccepted = domainError(
  'ApplicationAlreadyAccepted',
  'illegal_transition',
  (status: ApplicationStatus) => ({
    message: 'the application has already been accepted; what follows is the review',
    details: { status },
  }),
);

export const CategoryChangeNotAllowed = domainError(
  'CategoryChangeNotAllowed',
  'rule_broken',
  (from: string, to: string) => ({
    message: `a ${from} item cannot be accepted as ${to}; only instant may become promised`,
    details: { from, to },
  }),
);

/** 不予受理 must cite the provision it rests on. */
export const LegalBasisRequired = domainError('LegalBasisRequired', 'rule_broken', (action: string) => ({
  message: `${action} requires its legal basis`,
  details: { action },
}));

export const ApplicationNotAccepted = domainError(
  'ApplicationNotAccepted',
  'illegal_transition',
  (status: ApplicationStatus) => ({
    message: `the application has not been accepted (status ${status})`,
    details: { status },
  }),
);

/** Decisions arrive from the review service at least once: a repeat is refused, never recorded twice. */
export const DecisionAlreadyRecorded = domainError(
  'DecisionAlreadyRecorded',
  'illegal_transition',
  (reviewEventId: string) => ({
    message: `a decision was already recorded (from review event ${reviewEventId})`,
    details: { reviewEventId },
  }),
);

export const NoResultToDeliver = domainError(
  'NoResultToDeliver',
  'illegal_transition',
  (status: ApplicationStatus) => ({
    message: `there is no decision to deliver yet (status ${status})`,
    details: { status },
  }),
);

export const ResultAlreadyDelivered = domainError(
  'ResultAlreadyDelivered',
  'illegal_transition',
  (deliveredAt: Instant) => ({
    message: `the result was already delivered at ${deliveredAt}`,
    details: { deliveredAt },
  }),
);

/**
 * 补正期限: a supplement after the deadline of the one-time notice is refused, whether or not the system
 * has recorded the expiry yet. The application ended (逾期未补正, result `rejected_after_correction_expired`).
 */
export const SupplementDeadlinePassed = domainError(
  'SupplementDeadlinePassed',
  'rule_broken',
  (deadline: Instant, expiredAt: Instant | undefined) => ({
    message: `the deadline for supplementing materials passed at ${deadline}; the application ended without the supplement (逾期未补正) and a new application is needed`,
    details: { deadline, rule: 'supplement_deadline', ...(expiredAt === undefined ? {} : { expiredAt }) },
  }),
);

/** 行政许可法 Art. 32: acceptance by operation of law waits for the notice window to close. */
export const CorrectionWindowStillOpen = domainError(
  'CorrectionWindowStillOpen',
  'rule_broken',
  (closesAt: Instant) => ({
    message: `the window for a correction notice is open until ${closesAt}; the application is not yet accepted by operation of law`,
    details: { closesAt },
  }),
);

/** The reminder that the notice window closes soon: once, and not before it is due. */
export const CorrectionWindowReminderNotDue = domainError(
  'CorrectionWindowReminderNotDue',
  'rule_broken',
  (dueAt: Instant | undefined) => ({
    message:
      dueAt === undefined
        ? 'this application records no reminder for its correction window'
        : `the correction window's reminder is due at ${dueAt}`,
    details: { ...(dueAt === undefined ? {} : { dueAt }) },
  }),
);

export const CorrectionWindowAlreadyReminded = domainError(
  'CorrectionWindowAlreadyReminded',
  'illegal_transition',
  (remindedAt: Instant) => ({
    message: `the reminder for the correction window was issued at ${remindedAt}`,
    details: { remindedAt },
  }),
);
