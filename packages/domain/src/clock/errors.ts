import { domainError } from '../shared/errors';

/**
 * Errors of the case clock (电子监察), each named for the rule it enforces. `InvalidCommand` comes from
 * shared/errors, `SystemActorRequired` from the review (the same rule: recorded by the system only).
 *
 * The errors for a stopped or paused clock are `ClockAlreadyStopped` and `ClockAlreadyPaused`: the bare
 * names `ClockStopped` and `ClockPaused` are the events.
 */

export const ClockNotStarted = domainError('ClockNotStarted', 'illegal_transition', () => ({
  message: 'The clock of this case has not been started',
}));

export const ClockAlreadyStarted = domainError(
  'ClockAlreadyStarted',
  'illegal_transition',
  (caseNo: string, causationEventId: string) => ({
    message: `The clock of case ${caseNo} is already running`,
    // The original causation lets a reaction that was delivered twice recognise its own duplicate.
    details: { caseNo, causationEventId },
  }),
);

/** The case is completed (decided, deemed approved, forwarded up, withdrawn, closed): nothing runs. */
export const ClockAlreadyStopped = domainError(
  'ClockAlreadyStopped',
  'illegal_transition',
  (outcome: string) => ({
    message: `The clock is stopped (${outcome})`,
    details: { outcome },
  }),
);

/** A special procedure pauses the clock: the review refuses steps and joint answers meanwhile. */
export const ClockAlreadyPaused = domainError('ClockAlreadyPaused', 'illegal_transition', (kind: string) => ({
  message: `The clock is paused (${kind})`,
  details: { kind },
}));

export const ClockNotPaused = domainError('ClockNotPaused', 'illegal_transition', () => ({
  message: 'The clock is not paused',
}));

export const UnknownStep = domainError('UnknownStep', 'rule_broken', (stepIndex: number, steps: number) => ({
  message: `Step ${stepIndex} is not a step of this case (it has ${steps})`,
  details: { stepIndex, steps },
}));

export const StepAlreadyActive = domainError(
  'StepAlreadyActive',
  'illegal_transition',
  (stepIndex: number) => ({
    message: `Step ${stepIndex} is already the active step`,
    details: { stepIndex },
  }),
);

export const UnknownCoHandler = domainError('UnknownCoHandler', 'rule_broken', (department: string) => ({
  message: `Department ${department} is not a co-handler of this case`,
  details: { department },
}));

export const CoHandlerAlreadyAnswered = domainError(
  'CoHandlerAlreadyAnswered',
  'illegal_transition',
  (department: string, answeredAt: string) => ({
    message: `Co-handler ${department} already answered at ${answeredAt}`,
    details: { department, answeredAt },
  }),
);

/** 异常办件: one rule, one piece of evidence, one record. */
export const AnomalyAlreadyRecorded = domainError(
  'AnomalyAlreadyRecorded',
  'illegal_transition',
  (rule: string, evidenceEventId: string, recordedAt: string) => ({
    message: `Anomaly ${rule} for event ${evidenceEventId} was already recorded at ${recordedAt}`,
    details: { rule, evidenceEventId, recordedAt },
  }),
);

/** The decider was built with thresholds that make no sense (negative, red not after yellow). */
export const InvalidClockRules = domainError('InvalidClockRules', 'invalid', (issues: string[]) => ({
  message: `Invalid clock rules: ${issues.join('; ')}`,
  details: { issues },
}));

/** detectAnomalies was handed a review or application event whose payload does not match its schema. */
export const MalformedCaseEvent = domainError(
  'MalformedCaseEvent',
  'invalid',
  (eventId: string, type: string, issues: string[]) => ({
    message: `Event ${eventId} (${type}) does not match its schema: ${issues.join('; ')}`,
    details: { eventId, type, issues },
  }),
);
