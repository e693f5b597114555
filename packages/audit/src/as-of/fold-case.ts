import {
  type ApplicationEvent,
  type ApplicationState,
  applicationStreamName,
  type ClockEvent,
  type ClockState,
  type ComplaintEvent,
  type ComplaintState,
  clockStreamName,
  evolveApplication,
  evolveClock,
  evolveComplaint,
  evolveRating,
  evolveReview,
  evolveSupervisionOrder,
  initialApplicationState,
  initialClockState,
  initialComplaintState,
  initialRatingState,
  initialReviewState,
  initialSupervisionOrderState,
  type RatingEvent,
  type RatingState,
  type ReviewEvent,
  type ReviewState,
  ratingStreamName,
  reviewStreamName,
  type SupervisionOrderEvent,
  type SupervisionOrderState,
} from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';

/** Every aggregate of one case, each null until its stream's first event. */
export interface CaseStates {
  application: ApplicationState | null;
  review: ReviewState | null;
  clock: ClockState | null;
  /** 投诉 about the case, by complaint id. */
  complaints: Record<string, ComplaintState>;
  /** 督办 about the case, by order id. */
  orders: Record<string, SupervisionOrderState>;
  rating: RatingState | null;
}

const step = <S, E>(
  evolve: (state: S, event: E) => S,
  initial: () => S,
  state: S | null,
  event: RecordedEvent,
) => evolve(state ?? initial(), { type: event.type, data: event.data } as E);

/**
 * Folds a case's correlated events, in the order given, with the domain's own evolve functions: the
 * states the services would load from the same events. The case's own streams are named by its number;
 * complaints and orders by their own ids. Streams of other categories (none carry a case number today)
 * are passed over.
 */
export function foldCase(caseNo: string, events: readonly RecordedEvent[]): CaseStates {
  const states: CaseStates = {
    application: null,
    review: null,
    clock: null,
    complaints: {},
    orders: {},
    rating: null,
  };
  const applicationStream = applicationStreamName(caseNo);
  const reviewStream = reviewStreamName(caseNo);
  const clockStream = clockStreamName(caseNo);
  const ratingStream = ratingStreamName(caseNo);
  for (const event of events) {
    const dash = event.stream.indexOf('-');
    const category = event.stream.slice(0, dash);
    const id = event.stream.slice(dash + 1);
    if (category === 'complaint') {
      states.complaints[id] = step<ComplaintState, ComplaintEvent>(
        evolveComplaint,
        initialComplaintState,
        states.complaints[id] ?? null,
        event,
      );
    } else if (category === 'order') {
      states.orders[id] = step<SupervisionOrderState, SupervisionOrderEvent>(
        evolveSupervisionOrder,
        initialSupervisionOrderState,
        states.orders[id] ?? null,
        event,
      );
    } else if (event.stream === applicationStream) {
      states.application = step<ApplicationState, ApplicationEvent>(
        evolveApplication,
        initialApplicationState,
        states.application,
        event,
      );
    } else if (event.stream === reviewStream) {
      states.review = step<ReviewState, ReviewEvent>(evolveReview, initialReviewState, states.review, event);
    } else if (event.stream === clockStream) {
      states.clock = step<ClockState, ClockEvent>(evolveClock, initialClockState, states.clock, event);
    } else if (event.stream === ratingStream) {
      states.rating = step<RatingState, RatingEvent>(evolveRating, initialRatingState, states.rating, event);
    }
  }
  return states;
}
