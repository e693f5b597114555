import type { Actor } from '@docket/domain';
import { type DepartmentTree, mayViewCase } from '@docket/identity';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { streamDeadline } from '../http/auth';
import { GatewayHttp } from '../http/gateway-http';
import { OpenStreams } from '../http/open-streams';
import { localRoutes } from '../routes/local';
import { nestPath } from '../routes/route';
import { CaseActivity, type CaseOwners } from './case-activity';

/** A comment line when nothing moved for this long, so proxies and the browser keep the stream open. */
const HEARTBEAT_MS = 15_000;

/**
 * 实时动态 for the console: GET /api/live as Server-Sent Events, one `case` event per case the viewer may
 * see that moved (the case's own visibility rule: its department, co-handlers or applicant). Read with
 * fetch, which can send the Authorization header (EventSource cannot). Notices are not kept: a client
 * that reconnects re-reads what it shows.
 */
@Controller()
export class LiveController {
  constructor(
    private readonly http: GatewayHttp,
    private readonly activity: CaseActivity,
    private readonly streams: OpenStreams,
  ) {}

  @Get(nestPath(localRoutes.live.path))
  async live(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const actor = await this.http.actor(request); // 401 as a problem, before the stream opens
    const until = streamDeadline(request.headers.authorization);
    const tree = this.http.deps.directory.tree;
    const mayKnow = (owners: CaseOwners) => visibleTo(actor, owners, tree);

    reply.hijack();
    const raw = reply.raw;
    // Cache-Control (no-store) and the other hardening headers are on `raw` already (http/security-headers.ts).
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': open\n\n');
    let quietSince = Date.now();
    const heartbeat = setInterval(() => {
      if (Date.now() - quietSince < HEARTBEAT_MS) return;
      raw.write(': still here\n\n');
      quietSince = Date.now();
    }, HEARTBEAT_MS / 3);
    const stop = this.activity.listen((notice, owners) => {
      if (!mayKnow(owners)) return;
      raw.write(`id: ${notice.position}\nevent: case\ndata: ${JSON.stringify(notice)}\n\n`);
      quietSince = Date.now();
    });
    const end = () => {
      stop();
      untrack();
      clearInterval(heartbeat);
      if (!raw.writableEnded) raw.end();
    };
    const untrack = this.streams.track(end, until);
    request.raw.on('close', end);
  }
}

/** The case's own visibility rule (办件查看), for any of its departments or its applicant. */
function visibleTo(actor: Actor, owners: CaseOwners, tree: DepartmentTree): boolean {
  const applicant = owners.applicantUserId === null ? {} : { applicantUserId: owners.applicantUserId };
  return mayViewCase(
    actor,
    { department: owners.department, coHandlers: owners.coHandlers, ...applicant },
    tree,
  );
}
