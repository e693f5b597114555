import type { InboxItem } from '@docket/case-views';
import { type CommandReply, type ReviewView, review } from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ApplicationEvents } from './reactions/application-events';
import { ReviewCommands } from './reviews/review-commands';
import { ReviewQueries } from './reviews/review-queries';

/** The review service's bus surface: its contract (@docket/contracts `review`) and the events it reacts to. */
@Controller()
export class ReviewController {
  constructor(
    private readonly commands: ReviewCommands,
    private readonly queries: ReviewQueries,
    private readonly applicationEvents: ApplicationEvents,
  ) {}

  @MessagePattern(review.completeStep.subject)
  completeStep(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.answerJointOpinion.subject)
  answerJointOpinion(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.consolidateJointOpinions.subject)
  consolidateJointOpinions(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.startSpecialProcedure.subject)
  startSpecialProcedure(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.endSpecialProcedure.subject)
  endSpecialProcedure(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.approveExtension.subject)
  approveExtension(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.decide.subject)
  decide(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.forwardUp.subject)
  forwardUp(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.deemApproval.subject)
  deemApproval(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.deemCoHandlerConsent.subject)
  deemCoHandlerConsent(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.commands.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(review.inbox.subject)
  inbox(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<InboxItem[]> {
    return this.queries.inbox(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(review.review.subject)
  review(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<ReviewView> {
    return this.queries.review(payload, ctx.getHeaders(), ctx.getSubject());
  }

  /** Acceptances open reviews, withdrawals close them (one durable: application events stay in order). */
  @EventPattern('evt.application.>', { maxInFlight: REACTION_CONCURRENCY })
  onApplicationEvent(@Payload() event: unknown): Promise<void> {
    return this.applicationEvents.handle(event);
  }
}
