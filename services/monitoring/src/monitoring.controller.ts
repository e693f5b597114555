import type { RecordedEvent } from '@docket/event-store';
import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CaseWatch } from './clocks/case-watch';
import { ClockBook } from './clocks/clock-book';
import { DeemedOutcomes } from './clocks/deemed-outcomes';

/**
 * The events monitoring follows. Its contract (@docket/contracts `monitoring`) is served from the
 * declarations by the service's door (monitoring.ts), not by handlers written here.
 */
@Controller()
export class MonitoringController {
  constructor(
    private readonly cases: CaseWatch,
    private readonly deemed: DeemedOutcomes,
    private readonly book: ClockBook,
  ) {}

  /** The clock follows the review; the anomaly rules follow both intake and review. */
  @EventPattern('evt.review.>', { maxInFlight: REACTION_CONCURRENCY })
  onReviewEvent(@Payload() event: unknown): Promise<void> {
    return this.cases.onReviewEvent(event);
  }

  @EventPattern('evt.application.>', { maxInFlight: REACTION_CONCURRENCY })
  onApplicationEvent(@Payload() event: unknown): Promise<void> {
    return this.cases.onApplicationEvent(event);
  }

  /**
   * 超时默认 / 超时默许: the clock's deadlines passed, the review is asked to record it. Every clock event
   * also keeps the clock states held in memory current (taken in the order delivered, before the handler
   * waits for anything).
   */
  @EventPattern('evt.clock.>', { maxInFlight: REACTION_CONCURRENCY })
  onClockEvent(@Payload() event: unknown): Promise<void> {
    this.book.observe(event as RecordedEvent);
    return this.deemed.handle(event);
  }
}
