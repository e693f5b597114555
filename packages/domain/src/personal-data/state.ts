import type { PersonalDataEvent } from './events';

/** One subject's erasures: whether one was ordered and is not yet done, and how many were done. */
export interface PersonalDataState {
  subject?: string;
  /** An order whose keys are not yet recorded as destroyed (a crash in between: the next order finishes it). */
  pending: boolean;
  erasures: number;
}

export const initialPersonalDataState = (): PersonalDataState => ({ pending: false, erasures: 0 });

export function evolvePersonalData(state: PersonalDataState, event: PersonalDataEvent): PersonalDataState {
  switch (event.type) {
    case 'PersonalDataErasureOrdered':
      return { ...state, subject: event.data.subject, pending: true };
    case 'PersonalDataErased':
      return { ...state, subject: event.data.subject, pending: false, erasures: state.erasures + 1 };
    default:
      return state;
  }
}
