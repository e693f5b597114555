import {
  type CalendarView,
  type CommandReply,
  type DepartmentTile,
  type FeedItem,
  type ItemFigures,
  type MonitoringCounts,
  monitoring,
} from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarCommands } from './calendar/calendar-commands';
import { CaseWatch } from './clocks/case-watch';
import { DeemedOutcomes } from './clocks/deemed-outcomes';
import { MonitoringQueries } from './views/monitoring-queries';

/** The monitoring service's bus surface: its contract (@docket/contracts `monitoring`) and what it follows. */
@Controller()
export class MonitoringController {
  constructor(
    private readonly calendar: CalendarCommands,
    private readonly queries: MonitoringQueries,
    private readonly cases: CaseWatch,
    private readonly deemed: DeemedOutcomes,
  ) {}

  @MessagePattern(monitoring.defineCalendarYear.subject)
  defineCalendarYear(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.define(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.changeCalendarDay.subject)
  changeCalendarDay(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.changeDay(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.setOfficeHours.subject)
  setOfficeHours(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.setOfficeHours(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.calendar.subject)
  calendarOf(@Payload() payload: unknown): Promise<CalendarView> {
    return this.calendar.view(payload);
  }

  @MessagePattern(monitoring.tiles.subject)
  tiles(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<DepartmentTile[]> {
    return this.queries.tiles(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.items.subject)
  items(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<ItemFigures[]> {
    return this.queries.items(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.warnings.subject)
  warnings(@Payload() payload: unknown, @Ctx() ctx: BusContext) {
    return this.queries.warnings(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.feed.subject)
  feed(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<FeedItem[]> {
    return this.queries.feed(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.clock.subject)
  clock(@Payload() payload: unknown, @Ctx() ctx: BusContext) {
    return this.queries.clock(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.counts.subject)
  counts(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<MonitoringCounts> {
    return this.queries.counts(payload, ctx.getHeaders(), ctx.getSubject());
  }

  /** The clock follows the review; the anomaly rules follow both intake and review. */
  @EventPattern('evt.review.>', { maxInFlight: REACTION_CONCURRENCY })
  onReviewEvent(@Payload() event: unknown): Promise<void> {
    return this.cases.onReviewEvent(event);
  }

  @EventPattern('evt.application.>', { maxInFlight: REACTION_CONCURRENCY })
  onApplicationEvent(@Payload() event: unknown): Promise<void> {
    return this.cases.onApplicationEvent(event);
  }

  /** 超时默认 / 超时默许: the clock's deadlines passed, the review is asked to record it. */
  @EventPattern('evt.clock.>', { maxInFlight: REACTION_CONCURRENCY })
  onClockEvent(@Payload() event: unknown): Promise<void> {
    return this.deemed.handle(event);
  }
}
