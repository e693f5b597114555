import { applicationStreamName, caseNoOfStream, decisionOf, systemActor } from '@docket/domain';
import { idempotentReaction } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';
import { ApplicationCommands } from './application-commands';

export const REVIEW_OUTCOMES = 'intake-review-outcomes';

/**
 * The review's outcome flows back to the window (出件): intake records the decision on the application,
 * so the clerk can deliver it. A reaction: the system acts, caused by the review event, at most once.
 */
@Injectable()
export class ReviewOutcomes {
  readonly handle: (payload: unknown) => Promise<void>;

  constructor(@Inject(INTAKE) deps: IntakeDeps, applications: ApplicationCommands) {
    const actor = systemActor('intake');
    this.handle = idempotentReaction(
      {
        ledger: deps.ledger,
        name: REVIEW_OUTCOMES,
        types: ['ReviewDecided', 'ApprovalDeemed', 'ReviewForwardedUp'],
        onRefused: (event, error) =>
          deps.logger.warn(`decision of ${event.stream} not recorded`, {
            event: event.id,
            error: error.message,
          }),
      },
      async (event, idempotencyKey) => {
        const decision = decisionOf(event);
        if (decision === undefined) return;
        const caseNo = caseNoOfStream(event.stream)!;
        await applications.runner.run(applicationStreamName(caseNo), 'RecordDecision', decision, {
          subject: 'evt.review',
          headers: {},
          actor,
          caseNo,
          causationId: event.id,
          idempotencyKey,
        });
      },
    );
  }
}
