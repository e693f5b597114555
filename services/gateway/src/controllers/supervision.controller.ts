import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { parseQuery } from '../http/query';
import { nestPath, type Route } from '../routes/route';
import { routes } from '../routes/table';

type IdParams = { id: string };
type CaseParams = { caseNo: string };
type ScoreParams = { department: string; month: string };

/** A list's query string → the supervision list request (the service checks it again). */
export function supervisionListRequest(query: Record<string, string | undefined>): Record<string, unknown> {
  const { status, dissatisfied, offset, limit, ...rest } = query;
  const request: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  if (status !== undefined) request.status = status.split(',').map((s) => s.trim());
  if (dissatisfied !== undefined) request.dissatisfied = dissatisfied === 'true';
  request.page = { offset: Number(offset ?? 0), limit: Number(limit ?? 20) };
  return request;
}

/** 督办 / 效能监察: complaints, supervision orders, ratings and scores, forwarded to the supervision service. */
@Controller()
export class SupervisionController {
  constructor(private readonly http: GatewayHttp) {}

  /** A command on one complaint or order: the bus request is `{ id, data: body }`. */
  private onItem(route: Route, request: FastifyRequest, reply: FastifyReply) {
    const { id } = request.params as IdParams;
    return this.http.command(route, request, reply, (data) => ({ id, data }));
  }

  /** A creating command: the answer names the id drawn, and where the new item is read. */
  private async create(route: Route, request: FastifyRequest, reply: FastifyReply, at: string) {
    const result = (await this.http.command(route, request, reply, (body) => body)) as { id: string };
    reply.header('location', `${at}/${encodeURIComponent(result.id)}`);
    return result;
  }

  // 投诉
  @Post(nestPath(routes.submitComplaint.path))
  submitComplaint(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.create(routes.submitComplaint, request, reply, routes.submitComplaint.path);
  }

  @Get(nestPath(routes.listComplaints.path))
  listComplaints(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.listComplaints, request, reply, () =>
      supervisionListRequest(parseQuery(routes.listComplaints, request.query)),
    );
  }

  @Get(nestPath(routes.getComplaint.path))
  getComplaint(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { id } = request.params as IdParams;
    return this.http.query(routes.getComplaint, request, reply, () => ({ id }));
  }

  @Post(nestPath(routes.acceptComplaint.path))
  acceptComplaint(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.acceptComplaint, request, reply);
  }

  @Post(nestPath(routes.declineComplaint.path))
  declineComplaint(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.declineComplaint, request, reply);
  }

  @Post(nestPath(routes.recordInvestigation.path))
  recordInvestigation(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.recordInvestigation, request, reply);
  }

  @Post(nestPath(routes.recordFinding.path))
  recordFinding(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.recordFinding, request, reply);
  }

  @Post(nestPath(routes.decideAccountability.path))
  decideAccountability(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.decideAccountability, request, reply);
  }

  @Post(nestPath(routes.replyToComplainant.path))
  replyToComplainant(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.replyToComplainant, request, reply);
  }

  // 督办单
  @Post(nestPath(routes.issueSupervisionOrder.path))
  issueOrder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.create(routes.issueSupervisionOrder, request, reply, routes.issueSupervisionOrder.path);
  }

  @Get(nestPath(routes.listSupervisionOrders.path))
  listOrders(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.listSupervisionOrders, request, reply, () =>
      supervisionListRequest(parseQuery(routes.listSupervisionOrders, request.query)),
    );
  }

  @Get(nestPath(routes.getSupervisionOrder.path))
  getOrder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { id } = request.params as IdParams;
    return this.http.query(routes.getSupervisionOrder, request, reply, () => ({ id }));
  }

  @Post(nestPath(routes.answerSupervisionOrder.path))
  answerOrder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.answerSupervisionOrder, request, reply);
  }

  @Post(nestPath(routes.closeSupervisionOrder.path))
  closeOrder(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.onItem(routes.closeSupervisionOrder, request, reply);
  }

  // 好差评
  @Post(nestPath(routes.rateService.path))
  async rate(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    const result = await this.http.command(
      routes.rateService,
      request,
      reply,
      (data) => ({ caseNo, data }),
      caseNo,
    );
    reply.header('location', `/api/supervision/ratings/${encodeURIComponent(caseNo)}`);
    return result;
  }

  @Get(nestPath(routes.listRatings.path))
  listRatings(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.listRatings, request, reply, () =>
      supervisionListRequest(parseQuery(routes.listRatings, request.query)),
    );
  }

  @Get(nestPath(routes.getRating.path))
  getRating(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    return this.http.query(routes.getRating, request, reply, () => ({ caseNo }));
  }

  @Post(nestPath(routes.recordCallBack.path))
  recordCallBack(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.recordCallBack, request, reply);
  }

  @Post(nestPath(routes.recordRectification.path))
  recordRectification(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.recordRectification, request, reply);
  }

  @Post(nestPath(routes.appealRating.path))
  appealRating(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.appealRating, request, reply);
  }

  @Post(nestPath(routes.decideRatingAppeal.path))
  decideRatingAppeal(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.decideRatingAppeal, request, reply);
  }

  // 月度考核 and 季度考核
  @Get(nestPath(routes.monthlyScore.path))
  score(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { department, month } = request.params as ScoreParams;
    return this.http.query(routes.monthlyScore, request, reply, () => ({ department, month }));
  }

  @Post(nestPath(routes.lockMonthlyScore.path))
  async lockScore(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { department, month } = request.params as ScoreParams;
    const result = await this.http.command(routes.lockMonthlyScore, request, reply, (body) => ({
      ...(body as object),
      department,
      month,
    }));
    reply.header(
      'location',
      `/api/supervision/scores/${encodeURIComponent(department)}/${encodeURIComponent(month)}`,
    );
    return result;
  }

  @Get(nestPath(routes.quarterlyGrade.path))
  quarterlyGrade(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { department, quarter } = request.params as { department: string; quarter: string };
    return this.http.query(routes.quarterlyGrade, request, reply, () => ({ department, quarter }));
  }
}
