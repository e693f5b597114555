import type { CaseDocument, CasePage, PublicStatusView } from '@docket/case-views';
import { type CatalogueItemView, type CommandReply, intake, type SubmitReply } from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { REACTION_CONCURRENCY } from '@docket/service-kit';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ApplicationCommands } from './applications/application-commands';
import { ReviewOutcomes } from './applications/review-outcomes';
import { CaseQueries } from './cases/case-queries';
import { CatalogueCommands } from './catalogue/catalogue-commands';
import { CatalogueQueries } from './catalogue/catalogue-queries';

/** The intake service's bus surface: its contract (@docket/contracts `intake`) and the events it reacts to. */
@Controller()
export class IntakeController {
  constructor(
    private readonly applications: ApplicationCommands,
    private readonly catalogue: CatalogueCommands,
    private readonly catalogueQueries: CatalogueQueries,
    private readonly cases: CaseQueries,
    private readonly outcomes: ReviewOutcomes,
  ) {}

  @MessagePattern(intake.submit.subject)
  submit(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<SubmitReply> {
    return this.applications.submit(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(intake.requestCorrection.subject)
  requestCorrection(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.supplement.subject)
  supplement(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.accept.subject)
  accept(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.decline.subject)
  decline(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.withdraw.subject)
  withdraw(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.deliver.subject)
  deliver(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.applications.onCase(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.defineItem.subject)
  defineItem(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.catalogue.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.reviseItem.subject)
  reviseItem(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.catalogue.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.withdrawItem.subject)
  withdrawItem(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.catalogue.handle(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(intake.items.subject)
  items(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CatalogueItemView[]> {
    return this.catalogueQueries.items(payload, ctx.getHeaders());
  }

  @MessagePattern(intake.item.subject)
  item(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CatalogueItemView> {
    return this.catalogueQueries.item(payload, ctx.getHeaders());
  }

  @MessagePattern(intake.cases.subject)
  searchCases(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CasePage> {
    return this.cases.search(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(intake.case.subject)
  getCase(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CaseDocument> {
    return this.cases.get(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(intake.status.subject)
  status(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<PublicStatusView> {
    return this.cases.status(payload, ctx.getHeaders());
  }

  @MessagePattern(intake.caseFacts.subject)
  caseFacts(@Payload() payload: unknown, @Ctx() ctx: BusContext) {
    return this.cases.caseFacts(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(intake.acceptedCase.subject)
  acceptedCase(@Payload() payload: unknown, @Ctx() ctx: BusContext) {
    return this.cases.acceptedCase(payload, ctx.getHeaders(), ctx.getSubject());
  }

  /** The review's outcome comes back for delivery (one durable, so review events stay in order). */
  @EventPattern('evt.review.>', { maxInFlight: REACTION_CONCURRENCY })
  onReviewEvent(@Payload() event: unknown): Promise<void> {
    return this.outcomes.handle(event);
  }
}
