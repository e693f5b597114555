import type {
  CommandReply,
  ComplaintItem,
  ComplaintView,
  MonthlyScoreView,
  Page,
  QuarterlyGradeView,
  RatingItem,
  RatingView,
  SupervisionItemReply,
  SupervisionOrderItem,
  SupervisionOrderView,
} from '@docket/contracts';
import { supervision } from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { ComplaintCommands } from './complaints/complaint-commands';
import { ComplaintQueries } from './complaints/complaint-queries';
import { OrderCommands } from './orders/order-commands';
import { OrderQueries } from './orders/order-queries';
import { RatingCommands } from './ratings/rating-commands';
import { RatingQueries } from './ratings/rating-queries';
import { ScoreCommands } from './scores/score-commands';
import { ScoreQueries } from './scores/score-queries';

/**
 * The supervision service's bus surface: its contract (@docket/contracts `supervision`). It reacts to no
 * integration event: what it needs of a case it asks intake, what a score deducts for it asks monitoring,
 * and its own deadlines are watched by its timer (timers/overdue-scheduler.ts).
 */
@Controller()
export class SupervisionController {
  constructor(
    private readonly complaints: ComplaintCommands,
    private readonly complaintQueries: ComplaintQueries,
    private readonly orders: OrderCommands,
    private readonly orderQueries: OrderQueries,
    private readonly ratings: RatingCommands,
    private readonly ratingQueries: RatingQueries,
    private readonly scores: ScoreCommands,
    private readonly scoreQueries: ScoreQueries,
  ) {}

  // 投诉
  @MessagePattern(supervision.submitComplaint.subject)
  submitComplaint(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<SupervisionItemReply> {
    return this.complaints.submit(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.acceptComplaint.subject)
  acceptComplaint(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.declineComplaint.subject)
  declineComplaint(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.flagComplaintOverdue.subject)
  flagComplaintOverdue(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.recordInvestigation.subject)
  recordInvestigation(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.recordFinding.subject)
  recordFinding(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.decideAccountability.subject)
  decideAccountability(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.replyToComplainant.subject)
  replyToComplainant(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.complaints.onComplaint(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.complaints.subject)
  listComplaints(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<Page<ComplaintItem>> {
    return this.complaintQueries.list(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.complaint.subject)
  complaint(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<ComplaintView> {
    return this.complaintQueries.get(payload, ctx.getHeaders(), ctx.getSubject());
  }

  // 督办单
  @MessagePattern(supervision.issueSupervisionOrder.subject)
  issueOrder(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<SupervisionItemReply> {
    return this.orders.issue(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.answerSupervisionOrder.subject)
  answerOrder(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.orders.onOrder(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.flagSupervisionOrderOverdue.subject)
  flagOrderOverdue(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.orders.onOrder(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.closeSupervisionOrder.subject)
  closeOrder(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.orders.onOrder(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.orders.subject)
  listOrders(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<Page<SupervisionOrderItem>> {
    return this.orderQueries.list(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.order.subject)
  order(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<SupervisionOrderView> {
    return this.orderQueries.get(payload, ctx.getHeaders(), ctx.getSubject());
  }

  // 好差评
  @MessagePattern(supervision.rateService.subject)
  rateService(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.rate(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.recordCallBack.subject)
  recordCallBack(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.onRating(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.recordRectification.subject)
  recordRectification(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.onRating(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.flagRectificationOverdue.subject)
  flagRectificationOverdue(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.onRating(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.appealRating.subject)
  appealRating(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.onRating(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.decideRatingAppeal.subject)
  decideRatingAppeal(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.ratings.onRating(ctx.getSubject(), payload, ctx.getHeaders());
  }

  @MessagePattern(supervision.ratings.subject)
  listRatings(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<Page<RatingItem>> {
    return this.ratingQueries.list(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.rating.subject)
  rating(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<RatingView> {
    return this.ratingQueries.get(payload, ctx.getHeaders(), ctx.getSubject());
  }

  // 月度考核
  @MessagePattern(supervision.lockMonthlyScore.subject)
  lockMonthlyScore(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.scores.lock(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.score.subject)
  score(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<MonthlyScoreView> {
    return this.scoreQueries.score(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(supervision.quarterlyGrade.subject)
  quarterlyGrade(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<QuarterlyGradeView> {
    return this.scoreQueries.quarterlyGrade(payload, ctx.getHeaders(), ctx.getSubject());
  }
}
