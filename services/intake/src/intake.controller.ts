import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ReviewOutcomes } from './applications/review-outcomes';

/**
 * The events intake reacts to. Its contract (@docket/contracts `intake`) is served from the declarations
 * by the service's door (intake.ts), not by handlers written here.
 */
@Controller()
export class IntakeController {
  constructor(private readonly outcomes: ReviewOutcomes) {}

  /** The review's outcome comes back for delivery (one durable, so review events stay in order). */
  @EventPattern('evt.review.>', { maxInFlight: REACTION_CONCURRENCY })
  onReviewEvent(@Payload() event: unknown): Promise<void> {
    return this.outcomes.handle(event);
  }
}
