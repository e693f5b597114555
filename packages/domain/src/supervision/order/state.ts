import type { RecordedBy } from '../../shared/recorded-by';
import type { Instant } from '../../shared/time';
import type { SupervisionIssuerRole, SupervisionOrderEvent, SupervisionOrderSubject } from './events';

/** issued ── answered ── closed; the overdue flag is a mark on an unanswered order. */
export type SupervisionOrderStatus = 'issued' | 'answered' | 'closed';

interface Recorded {
  at: Instant;
  by: RecordedBy;
}

export interface IssuedSupervisionOrderState {
  status: SupervisionOrderStatus;
  id: string;
  subject: SupervisionOrderSubject;
  requirement: string;
  replyWorkingDays: number;
  replyBy: Instant;
  issuerRole: SupervisionIssuerRole;
  issuedAt: Instant;
  issuedBy: RecordedBy;
  replyOverdue?: Recorded;
  answer?: Recorded & { answer: string; late: boolean };
  closure?: Recorded & { conclusion: string };
}

export type SupervisionOrderState = { status: 'not_issued' } | IssuedSupervisionOrderState;

export const initialSupervisionOrderState = (): SupervisionOrderState => ({ status: 'not_issued' });

/** Folds one order event into the state. Never needs a calendar: `replyBy` is in the event. */
export function evolveSupervisionOrder(
  state: SupervisionOrderState,
  event: SupervisionOrderEvent,
): SupervisionOrderState {
  if (event.type === 'SupervisionOrderIssued') {
    const { at, by, ...issued } = event.data;
    return { ...issued, status: 'issued', issuedAt: at, issuedBy: by };
  }
  if (state.status === 'not_issued') return state;
  switch (event.type) {
    case 'SupervisionOrderAnswered': {
      const { answer, late, at, by } = event.data;
      return { ...state, status: 'answered', answer: { answer, late, at, by } };
    }
    case 'SupervisionOrderReplyOverdue': {
      const { at, by } = event.data;
      return { ...state, replyOverdue: { at, by } };
    }
    case 'SupervisionOrderClosed':
      return { ...state, status: 'closed', closure: { ...event.data } };
  }
}
