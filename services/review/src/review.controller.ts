import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApplicationEvents } from './reactions/application-events';

/**
 * The events review reacts to. Its contract (@docket/contracts `review`) is served from the declarations
 * by the service's door (review.ts), not by handlers written here.
 */
@Controller()
export class ReviewController {
  constructor(private readonly applicationEvents: ApplicationEvents) {}

  /** Acceptances open reviews, withdrawals close them (one durable: application events stay in order). */
  @EventPattern('evt.application.>', { maxInFlight: REACTION_CONCURRENCY })
  onApplicationEvent(@Payload() event: unknown): Promise<void> {
    return this.applicationEvents.handle(event);
  }
}
