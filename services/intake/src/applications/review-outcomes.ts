import type { RecordDecisionData } from '@docket/domain';
import { applicationStreamName, systemActor } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import { idempotentReaction } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';
import { ApplicationCommands } from './application-commands';

export const REVIEW_OUTCOMES = 'intake-review-outcomes';

/** What intake records for a review event that ends the review, or undefined for any other event. */
export function decisionOf(event: RecordedEvent): RecordDecisionData | undefined {
  const data = event.data as Record<string, unknown>;
  const from = { decidedAt: event.occurredAt, reviewEventId: event.id };
  switch (event.type) {
    case 'ReviewDecided':
      return {
        outcome: data.outcome as 'approved' | 'refused',
        ...(data.certificate === undefined
          ? {}
          : { certificate: data.certificate as RecordDecisionData['certificate'] }),
        ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
        ...from,
      };
    case 'ApprovalDeemed':
      return { outcome: 'deemed_approved', ...from };
    case 'ReviewForwardedUp':
      return { outcome: 'forwarded_up', reason: String(data.reason ?? ''), ...from };
    default:
      return undefined;
  }
}

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
        const caseNo = event.stream.slice('review-'.length);
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
