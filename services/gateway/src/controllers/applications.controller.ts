import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

/** 办件受理: the window's commands, forwarded to the intake service. */
@Controller()
export class ApplicationsController {
  constructor(private readonly http: GatewayHttp) {}

  @Post(nestPath(routes.submitApplication.path))
  async submit(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = (await this.http.command(routes.submitApplication, request, reply, (body) => body)) as {
      caseNo: string;
    };
    reply.header('location', `/api/cases/${result.caseNo}`);
    return result;
  }

  @Post(nestPath(routes.requestCorrection.path))
  requestCorrection(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.requestCorrection, request, reply);
  }

  @Post(nestPath(routes.supplementMaterials.path))
  supplement(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.supplementMaterials, request, reply);
  }

  @Post(nestPath(routes.acceptApplication.path))
  accept(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.acceptApplication, request, reply);
  }

  @Post(nestPath(routes.declineApplication.path))
  decline(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.declineApplication, request, reply);
  }

  @Post(nestPath(routes.withdrawApplication.path))
  withdraw(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.withdrawApplication, request, reply);
  }

  @Post(nestPath(routes.deliverResult.path))
  deliver(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.caseCommand(routes.deliverResult, request, reply);
  }
}
