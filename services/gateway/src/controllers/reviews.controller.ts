import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { parseQuery } from '../http/query';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

type CaseParams = { caseNo: string };

/** 办件审查: the back office's commands and worklists, forwarded to the review service. */
@Controller()
export class ReviewsController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.getReview.path))
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    return this.http.query(routes.getReview, request, reply, () => ({ caseNo }));
  }

  @Get(nestPath(routes.inbox.path))
  inbox(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.inbox, request, reply, () => parseQuery(routes.inbox, request.query));
  }

  @Post(nestPath(routes.completeStep.path))
  completeStep(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.completeStep, request, reply);
  }

  @Post(nestPath(routes.answerJointOpinion.path))
  answerJointOpinion(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.answerJointOpinion, request, reply);
  }

  @Post(nestPath(routes.consolidateJointOpinions.path))
  consolidate(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.consolidateJointOpinions, request, reply);
  }

  @Post(nestPath(routes.startSpecialProcedure.path))
  startSpecialProcedure(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.startSpecialProcedure, request, reply);
  }

  @Post(nestPath(routes.endSpecialProcedure.path))
  endSpecialProcedure(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.endSpecialProcedure, request, reply);
  }

  @Post(nestPath(routes.approveExtension.path))
  approveExtension(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.approveExtension, request, reply);
  }

  @Post(nestPath(routes.decide.path))
  decide(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.decide, request, reply);
  }

  @Post(nestPath(routes.forwardUp.path))
  forwardUp(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.forwardUp, request, reply);
  }
}
