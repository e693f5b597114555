import { intake } from '@docket/contracts';
import { reviewStreamName, systemActor } from '@docket/domain';
import { ACTOR_HEADER, actorHeader } from '@docket/messaging';
import { BusClient } from '@docket/nest-bus';
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

  constructor(@Inject(REVIEW) deps: ServiceDeps, reviews: ReviewCommands, client: BusClient) {
    const actor = systemActor('review');
    const headers = { [ACTOR_HEADER]: actorHeader(actor) };
    this.handle = idempotentReaction(
      {
        ledger: deps.ledger,
        name: APPLICATION_EVENTS,
        types: ['ApplicationAccepted', 'ApplicationWithdrawn'],
        onRefused: (event, error) =>
          deps.logger.warn(`review not changed for ${event.type}`, { event: event.id, error: error.message }),
      },
      async (event, idempotencyKey) => {
        const caseNo = event.stream.slice('application-'.length);
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
          // The item version and deadlines as intake recorded them, read from intake's stream by intake.
          const accepted = await client.request<typeof intake.acceptedCase.reply>(
            intake.acceptedCase.subject,
            { caseNo },
            { headers },
          );
          if (accepted === undefined) throw new Error(`intake returned no case file for ${caseNo}`);
          // Withdrawn meanwhile (its withdrawal may even have reached us first): there is nothing to review.
          if (accepted.status === 'withdrawn') return;
          const { acceptanceEventId: _, status: __, ...opening } = accepted;
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
