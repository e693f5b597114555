import {
  type ClockReaction,
  clockReactionTo,
  evolveReview,
  initialReviewState,
  needsReviewState,
  type ReviewEvent,
  type ReviewState,
  type WorkingCalendar,
} from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';

/**
 * The clock command a review event calls for (the rule is the domain's `clockReactionTo`); for the step
 * events, which need the review's state as of the event, that state is folded from the review's stream.
 */
export async function clockReactionOf(
  event: RecordedEvent,
  context: {
    ledger: EventStore;
    calendar: WorkingCalendar;
    deemedApprovalDeadline: 'statutory' | 'promised';
  },
): Promise<ClockReaction | undefined> {
  const review = needsReviewState(event.type) ? await reviewAt(event, context.ledger) : undefined;
  return clockReactionTo(event, {
    calendar: context.calendar,
    deemedApprovalDeadline: context.deemedApprovalDeadline,
    ...(review === undefined ? {} : { review }),
  });
}

/** The review as its stream stood with this event applied. */
async function reviewAt(event: RecordedEvent, ledger: EventStore): Promise<ReviewState> {
  const history = await ledger.readStream(event.stream, { maxCount: Number(event.revision) + 1 });
  let state = initialReviewState();
  for (const e of history) state = evolveReview(state, { type: e.type, data: e.data } as ReviewEvent);
  return state;
}
