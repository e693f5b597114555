import { domainError } from '../../shared/errors';

/** Errors of the rating (好差评). Who-may-act errors shared with the other deciders are in ../errors. */

export const RatingNotFound = domainError('RatingNotFound', 'not_found', () => ({
  message: 'The case has not been rated',
}));

/** One rating per case. */
export const CaseAlreadyRated = domainError(
  'CaseAlreadyRated',
  'illegal_transition',
  (caseNo: string, ratedAt: string) => ({
    message: `Case ${caseNo} was already rated at ${ratedAt}`,
    details: { caseNo, ratedAt },
  }),
);

/** The case's own applicant rates it (or a window clerk keys in their paper rating). */
export const NotTheCaseApplicant = domainError('NotTheCaseApplicant', 'forbidden', (actorId: string) => ({
  message: `${actorId} is neither the applicant of this case nor a clerk entering a paper rating`,
  details: { actorId },
}));

/** A case is rated on what was delivered: after it closed. */
export const RatingBeforeCaseClosed = domainError(
  'RatingBeforeCaseClosed',
  'rule_broken',
  (closedAt: string, now: string) => ({
    message: `The case closes at ${closedAt}; it cannot be rated at ${now}`,
    details: { closedAt, now },
  }),
);

/** Call-backs, rectification, appeals and their flags concern bad ratings (4 or 5) only. */
export const RatingNotBad = domainError('RatingNotBad', 'rule_broken', (level: number) => ({
  message: `A rating of level ${level} is not a bad rating`,
  details: { level },
}));

export const NotASupervisorOrHead = domainError(
  'NotASupervisorOrHead',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `Only a supervisor or the department's head may ${action}; ${actorId} is neither`,
    details: { actorId, action },
  }),
);

export const RectificationAlreadyRecorded = domainError(
  'RectificationAlreadyRecorded',
  'illegal_transition',
  (rectifiedAt: string) => ({
    message: `The rectification was recorded at ${rectifiedAt}`,
    details: { rectifiedAt },
  }),
);

/** An upheld appeal means the bad rating no longer stands: no rectification is owed. */
export const RectificationNotDue = domainError('RectificationNotDue', 'rule_broken', () => ({
  message: 'The appeal against the rating was upheld: no rectification is due',
}));

export const RectificationDeadlineNotPassed = domainError(
  'RectificationDeadlineNotPassed',
  'rule_broken',
  (rectifyBy: string, now: string) => ({
    message: `The department has until ${rectifyBy} to rectify; it is ${now}`,
    details: { rectifyBy, now },
  }),
);

export const RectificationOverdueAlreadyFlagged = domainError(
  'RectificationOverdueAlreadyFlagged',
  'illegal_transition',
  (flaggedAt: string) => ({
    message: `The overdue rectification was already flagged at ${flaggedAt}`,
    details: { flaggedAt },
  }),
);

/** 申诉 once per rating. */
export const AppealAlreadyMade = domainError(
  'AppealAlreadyMade',
  'illegal_transition',
  (appealedAt: string) => ({
    message: `The department already appealed at ${appealedAt}`,
    details: { appealedAt },
  }),
);

export const NoAppealMade = domainError('NoAppealMade', 'illegal_transition', () => ({
  message: 'The department has not appealed this rating',
}));

export const AppealAlreadyDecided = domainError(
  'AppealAlreadyDecided',
  'illegal_transition',
  (upheld: boolean) => ({
    message: `The appeal has already been decided (${upheld ? 'upheld' : 'rejected'})`,
    details: { upheld },
  }),
);
