import type { RecordedBy } from '../../shared/recorded-by';
import type { Instant } from '../../shared/time';
import type {
  AccountabilityMeasure,
  AccountabilityTarget,
  Complainant,
  ComplaintChannel,
  ComplaintEvent,
  ComplaintSubject,
  ComplaintType,
} from './events';

/**
 * submitted ─┬─ accepted ── (investigations) ── finding ── [accountability, if substantiated] ── closed (replied)
 *            └─ declined (terminal)
 * The overdue flag is a mark on a submitted complaint, not a status of its own.
 */
export type ComplaintStatus = 'submitted' | 'accepted' | 'declined' | 'closed';

interface Recorded {
  at: Instant;
  by: RecordedBy;
}

export interface ComplaintDecision extends Recorded {
  outcome: 'accepted' | 'declined';
  reason: string;
  late: boolean;
}

export interface SubmittedComplaintState {
  status: ComplaintStatus;
  id: string;
  channel: ComplaintChannel;
  type: ComplaintType;
  subject: ComplaintSubject;
  complainant: Complainant;
  content: string;
  takenDown: boolean;
  submittedAt: Instant;
  submittedBy: RecordedBy;
  acceptWorkingDays: number;
  acceptBy: Instant;
  acceptanceOverdue?: Recorded;
  decision?: ComplaintDecision;
  investigations: (Recorded & { notes: string })[];
  finding?: Recorded & { substantiated: boolean; finding: string };
  accountability?: Recorded & {
    against: AccountabilityTarget;
    measure: AccountabilityMeasure;
    reason: string;
  };
  reply?: Recorded & { reply: string };
}

export type ComplaintState = { status: 'not_submitted' } | SubmittedComplaintState;

export const initialComplaintState = (): ComplaintState => ({ status: 'not_submitted' });

/** Folds one complaint event into the state. Never needs a calendar: `acceptBy` is in the event. */
export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintSubmitted') {
    const { at, by, ...submitted } = event.data;
    return { ...submitted, status: 'submitted', submittedAt: at, submittedBy: by, investigations: [] };
  }
  if (state.status === 'not_submitted') return state;
  switch (event.type) {
    case 'ComplaintAccepted':
    case 'ComplaintDeclined': {
      const { reason, late, at, by } = event.data;
      const outcome = event.type === 'ComplaintAccepted' ? 'accepted' : 'declined';
      return { ...state, status: outcome, decision: { outcome, reason, late, at, by } };
    }
    case 'ComplaintAcceptanceOverdue': {
      const { at, by } = event.data;
      return { ...state, acceptanceOverdue: { at, by } };
    }
    case 'ComplaintInvestigationRecorded':
      return { ...state, investigations: [...state.investigations, { ...event.data }] };
    case 'ComplaintFindingRecorded':
      return { ...state, finding: { ...event.data } };
    case 'ComplaintAccountabilityDecided':
      return { ...state, accountability: { ...event.data } };
    case 'ComplaintReplied':
      return { ...state, status: 'closed', reply: { ...event.data } };
  }
}
