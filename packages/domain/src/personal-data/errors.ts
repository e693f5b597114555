import { domainError } from '../shared/errors';

/** The stream is one subject's: a command naming another is malformed. */
export const NotThisSubject = domainError('NotThisSubject', 'invalid', (stream: string, named: string) => ({
  message: `The erasures of ${stream} cannot record subject ${named}`,
  details: { stream, named },
}));

/** Keys are destroyed on an order only: the order (who, why, on what basis) is recorded first. */
export const NoErasureOrdered = domainError('NoErasureOrdered', 'illegal_transition', (subject: string) => ({
  message: `No erasure of ${subject} is waiting to be recorded as done`,
  details: { subject },
}));

/** Only an administrator orders an erasure (the identity policy says so too, before the decider is asked). */
export { NotAnAdministrator } from '../calendar/calendar-errors';
