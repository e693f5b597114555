import type { RecordedBy } from '../../shared/recorded-by';
import type { Instant } from '../../shared/time';
import type { RatingEvent } from './events';

interface Recorded {
  at: Instant;
  by: RecordedBy;
}

export interface RatingAppeal extends Recorded {
  reason: string;
  decision?: Recorded & { upheld: boolean; reason: string };
}

export interface RatedState {
  status: 'rated';
  caseNo: string;
  level: number;
  comment?: string;
  department: string;
  closedAt: Instant;
  enteredBy: 'applicant' | 'clerk';
  bad: boolean;
  /** What the monthly score counts: a bad rating, unless an appeal against it was upheld. */
  countsAsDissatisfied: boolean;
  rectifyWorkingDays?: number;
  rectifyBy?: Instant;
  ratedAt: Instant;
  ratedBy: RecordedBy;
  callBacks: (Recorded & { notes: string })[];
  rectification?: Recorded & { measures: string; late: boolean };
  rectificationOverdue?: Recorded;
  appeal?: RatingAppeal;
}

export type RatingState = { status: 'not_rated' } | RatedState;

export const initialRatingState = (): RatingState => ({ status: 'not_rated' });

/** Folds one rating event into the state. Never needs a calendar: `rectifyBy` is in the event. */
export function evolveRating(state: RatingState, event: RatingEvent): RatingState {
  if (event.type === 'RatingSubmitted') {
    const { at, by, ...rating } = event.data;
    return { ...rating, status: 'rated', ratedAt: at, ratedBy: by, callBacks: [] };
  }
  if (state.status === 'not_rated') return state;
  switch (event.type) {
    case 'RatingCallBackRecorded':
      return { ...state, callBacks: [...state.callBacks, { ...event.data }] };
    case 'RatingRectificationRecorded': {
      const { measures, late, at, by } = event.data;
      return { ...state, rectification: { measures, late, at, by } };
    }
    case 'RatingRectificationOverdue': {
      const { at, by } = event.data;
      return { ...state, rectificationOverdue: { at, by } };
    }
    case 'RatingAppealed':
      return { ...state, appeal: { ...event.data } };
    case 'RatingAppealDecided': {
      const { upheld, reason, countsAsDissatisfied, at, by } = event.data;
      if (!state.appeal) return state;
      return {
        ...state,
        countsAsDissatisfied,
        appeal: { ...state.appeal, decision: { upheld, reason, at, by } },
      };
    }
  }
}
