import type { CaseSearchRequest } from '@docket/contracts';
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { parseQuery } from '../http/query';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

/** GET /api/cases query parameters → the intake search request (the service checks them again). */
export function caseSearchRequest(query: Record<string, string | undefined>): unknown {
  const { status, overdue, offset, limit, ...rest } = query;
  const request: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  if (status !== undefined) request.status = status.split(',').map((s) => s.trim());
  if (overdue !== undefined) request.overdue = overdue === 'true';
  request.page = {
    offset: Number(offset ?? 0),
    limit: Number(limit ?? 20),
  } satisfies CaseSearchRequest['page'];
  return request;
}

/** 办件查询 (back offices) and 办件进度查询 (the public). */
@Controller()
export class CasesController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.searchCases.path))
  search(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.searchCases, request, reply, () =>
      caseSearchRequest(parseQuery(routes.searchCases, request.query)),
    );
  }

  @Get(nestPath(routes.getCase.path))
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as { caseNo: string };
    return this.http.query(routes.getCase, request, reply, () => ({ caseNo }));
  }

  @Post(nestPath(routes.publicStatus.path))
  status(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.statusLookup(routes.publicStatus, request, reply);
  }
}
