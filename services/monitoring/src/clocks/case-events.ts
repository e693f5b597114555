import { type ClockReaction, clockReactionTo, needsReviewState, type WorkingCalendar } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import type { ReviewStates } from './review-states';

/**
 * The clock command a review event calls for (the rule is the domain's `clockReactionTo`); for the step
 * events, which need the review's state as of the event, that state is the review's stream folded up to
 * the event (kept as the events come, see `ReviewStates`).
 */
export async function clockReactionOf(
  event: RecordedEvent,
  context: {
    reviews: ReviewStates;
    calendar: WorkingCalendar;
    deemedApprovalDeadline: 'statutory' | 'promised';
  },
): Promise<ClockReaction | undefined> {
  let review: Awaited<ReturnType<ReviewStates['at']>> | undefined;
  if (needsReviewState(event.type)) review = await context.reviews.at(event);
  else context.reviews.pass(event);
  return clockReactionTo(event, {
    calendar: context.calendar,
    deemedApprovalDeadline: context.deemedApprovalDeadline,
    ...(review === undefined ? {} : { review }),
  });
}
