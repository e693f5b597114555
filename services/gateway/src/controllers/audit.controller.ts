import { audit } from '@docket/contracts';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { parseQuery } from '../http/query';
import { htmlPage, PRINTABLE_POLICY } from '../http/security-headers';
import { nestPath, routeOf } from '../routes/route';

const exportRoute = routeOf(audit.export);

type CaseParams = { caseNo: string };

/** Whether the client asked for the printable timeline: `?format=html`, or Accept preferring text/html. */
export function wantsHtml(format: string | undefined, accept: string | string[] | undefined): boolean {
  if (format !== undefined) return format === 'html';
  const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  return /(^|,)\s*text\/html/i.test(value);
}

/** 审计's export: JSON, or the printable timeline when the client prefers HTML (the rest are plain operations). */
@Controller()
export class AuditController {
  constructor(private readonly http: GatewayHttp) {}

  /** Its policy is the printable timeline's (an inline stylesheet only), which a JSON answer does not mind. */
  @Get(nestPath(exportRoute.path))
  @RouteConfig(htmlPage(PRINTABLE_POLICY))
  async export(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    let html = false;
    const result = (await this.http.query(exportRoute, request, reply, () => {
      html = wantsHtml(parseQuery(exportRoute, request.query).format, request.headers.accept);
      return { caseNo, format: html ? 'html' : 'json' };
    })) as { html?: string; export?: unknown };
    if (html) {
      reply.type('text/html; charset=utf-8');
      return result.html;
    }
    reply.header('content-disposition', `inline; filename="case-${caseNo}.audit.json"`);
    return result.export;
  }
}
