import {
  type ApplicationEvent,
  applicationStreamName,
  caseNoOfStream,
  evolveApplication,
  initialApplicationState,
  reviewOpeningOf,
  reviewStreamName,
  systemActor,
} from '@docket/domain';
import { idempotentReaction, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ReviewCommands } from '../reviews/review-commands';
import { REVIEW } from '../tokens';

export const APPLICATION_EVENTS = 'review-application-events';

/**
 * The review's reactions to intake (architecture brief, "Messaging"): an accepted application opens the
 * department task(s); a withdrawn one closes them. New commands by the system, caused by the event.
 */
@Injectable()
export class ApplicationEvents {
  readonly handle: (payload: unknown) => Promise<void>;

  constructor(@Inject(REVIEW) deps: ServiceDeps, reviews: ReviewCommands) {
    const actor = systemActor('review');
    this.handle = idempotentReaction(
      {
        ledger: deps.ledger,
        name: APPLICATION_EVENTS,
        types: ['ApplicationAccepted', 'ApplicationWithdrawn'],
        onRefused: (event, error) =>
          deps.logger.warn(`review not changed for ${event.type}`, { event: event.id, error: error.message }),
      },
      async (event, idempotencyKey) => {
        const caseNo = caseNoOfStream(event.stream)!;
        const stream = reviewStreamName(caseNo);
        const source = {
          subject: `evt.application.${event.type}`,
          headers: {},
          actor,
          caseNo,
          causationId: event.id,
          idempotencyKey,
        };
        if (event.type === 'ApplicationAccepted') {
          // Withdrawn meanwhile (its withdrawal may even have reached us first): there is nothing to review.
          const opening = reviewOpeningOf(await applicationOf(deps.ledger, caseNo));
          if (opening === undefined) return;
          await reviews.runner.run(stream, 'OpenReview', { ...opening, causationEventId: event.id }, source);
          return;
        }
        // Withdrawn before acceptance: there is no review to close.
        if ((await deps.ledger.streamRevision(stream)) === undefined) return;
        await reviews.runner.run(stream, 'CloseOnWithdrawal', { causationEventId: event.id }, source);
      },
    );
  }
}

/**
 * The application as its stream has it now: the item version and deadlines intake recorded, read from
 * the ledger (the legal record) rather than asked of intake over the bus, which would read the same
 * stream for us one hop away.
 */
async function applicationOf(ledger: ServiceDeps['ledger'], caseNo: string) {
  let state = initialApplicationState();
  for (const event of await ledger.readStream(applicationStreamName(caseNo)))
    state = evolveApplication(state, { type: event.type, data: event.data } as ApplicationEvent);
  return state;
}
