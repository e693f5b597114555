import { domainError } from '../../shared/errors';

/** Errors of the supervision order (督办单). Who-may-act errors are in ../errors. */

export const SupervisionOrderNotFound = domainError('SupervisionOrderNotFound', 'not_found', () => ({
  message: 'No supervision order has been issued under this id',
}));

export const SupervisionOrderAlreadyIssued = domainError(
  'SupervisionOrderAlreadyIssued',
  'illegal_transition',
  (id: string) => ({ message: `Supervision order ${id} has already been issued`, details: { id } }),
);

export const SupervisionOrderAlreadyAnswered = domainError(
  'SupervisionOrderAlreadyAnswered',
  'illegal_transition',
  (answeredAt: string) => ({
    message: `The department answered the order at ${answeredAt}`,
    details: { answeredAt },
  }),
);

export const SupervisionOrderNotAnswered = domainError(
  'SupervisionOrderNotAnswered',
  'illegal_transition',
  () => ({ message: 'The department has not answered the order yet' }),
);

export const SupervisionOrderAlreadyClosed = domainError(
  'SupervisionOrderAlreadyClosed',
  'illegal_transition',
  (closedAt: string) => ({ message: `The order was closed at ${closedAt}`, details: { closedAt } }),
);

export const SupervisionOrderOverdueAlreadyFlagged = domainError(
  'SupervisionOrderOverdueAlreadyFlagged',
  'illegal_transition',
  (flaggedAt: string) => ({
    message: `The overdue reply was already flagged at ${flaggedAt}`,
    details: { flaggedAt },
  }),
);

export const ReplyDeadlineNotPassed = domainError(
  'ReplyDeadlineNotPassed',
  'rule_broken',
  (replyBy: string, now: string) => ({
    message: `The department has until ${replyBy} to answer; it is ${now}`,
    details: { replyBy, now },
  }),
);

/** The side that issued the order (monitor or supervisor) judges the answer and closes it. */
export const NotTheIssuingRole = domainError(
  'NotTheIssuingRole',
  'forbidden',
  (actorId: string, issuerRole: string) => ({
    message: `The order was issued by a ${issuerRole}: only a ${issuerRole} may close it, not ${actorId}`,
    details: { actorId, issuerRole },
  }),
);
