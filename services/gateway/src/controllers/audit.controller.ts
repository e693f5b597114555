import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bodyOf } from '../http/forward';
import { GatewayHttp } from '../http/gateway-http';
import { parseQuery } from '../http/query';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

type CaseParams = { caseNo: string };

/** `?asOf=`: digits are a ledger position, anything else an instant (the service validates it). */
export function asOfRequest(asOf: string | undefined): { asOf?: { position: string } | { instant: string } } {
  if (asOf === undefined) return {};
  return /^[0-9]+$/.test(asOf) ? { asOf: { position: asOf } } : { asOf: { instant: asOf } };
}

/** Positions given as JSON integers travel as decimal text, like every position of the API. */
const positions = (body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value]),
  );

/** Whether the client asked for the printable timeline: `?format=html`, or Accept preferring text/html. */
export function wantsHtml(format: string | undefined, accept: string | string[] | undefined): boolean {
  if (format !== undefined) return format === 'html';
  const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  return /(^|,)\s*text\/html/i.test(value);
}

/** 审计: a case's history, state as of a moment, export, disclosures; the ledger's verify and checkpoints. */
@Controller()
export class AuditController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.auditCaseHistory.path))
  history(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    return this.http.query(routes.auditCaseHistory, request, reply, () => ({ caseNo }));
  }

  @Get(nestPath(routes.auditCaseState.path))
  state(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    return this.http.query(routes.auditCaseState, request, reply, () => ({
      caseNo,
      ...asOfRequest(parseQuery(routes.auditCaseState, request.query).asOf),
    }));
  }

  @Get(nestPath(routes.auditCaseExport.path))
  async export(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    let html = false;
    const result = (await this.http.query(routes.auditCaseExport, request, reply, () => {
      html = wantsHtml(parseQuery(routes.auditCaseExport, request.query).format, request.headers.accept);
      return { caseNo, format: html ? 'html' : 'json' };
    })) as { html?: string; export?: unknown };
    if (html) {
      reply.type('text/html; charset=utf-8');
      return result.html;
    }
    reply.header('content-disposition', `inline; filename="case-${caseNo}.audit.json"`);
    return result.export;
  }

  @Post(nestPath(routes.discloseCasePersonalData.path))
  disclose(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { caseNo } = request.params as CaseParams;
    return this.http.command(
      routes.discloseCasePersonalData,
      request,
      reply,
      (body) => ({ caseNo, ...(body as object) }),
      caseNo,
    );
  }

  @Post(nestPath(routes.verifyLedger.path))
  verify(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.verifyLedger, request, reply, () =>
      positions(bodyOf(routes.verifyLedger, request) as Record<string, unknown>),
    );
  }

  @Get(nestPath(routes.listCheckpoints.path))
  checkpoints(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.listCheckpoints, request, reply, () => ({}));
  }

  @Post(nestPath(routes.signCheckpoint.path))
  sign(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.command(routes.signCheckpoint, request, reply, (body) => body ?? {});
  }
}
