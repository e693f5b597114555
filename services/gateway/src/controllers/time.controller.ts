import { parseRequest } from '@docket/contracts';
import { Forbidden } from '@docket/identity';
import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import { GatewayHttp } from '../http/gateway-http';
import { localRoutes as routes } from '../routes/local';
import { nestPath } from '../routes/route';

/**
 * Domain time, for demos and tests (registered only when the host gives the gateway an adjustable
 * clock, which only the development profile does): an administrator moves it forward and the monitoring
 * service's timers see the new time.
 */
@Controller()
export class TimeController {
  constructor(
    @Inject(GATEWAY) private readonly deps: GatewayDeps,
    private readonly http: GatewayHttp,
  ) {}

  @Get(nestPath(routes.domainTime.path))
  async now(@Req() request: FastifyRequest) {
    await this.http.actor(request);
    return this.reading();
  }

  @Post(nestPath(routes.advanceTime.path))
  @HttpCode(200)
  async advance(@Req() request: FastifyRequest) {
    const actor = await this.http.actor(request);
    if (!actor.roles.includes('admin'))
      throw new Forbidden('AdvanceTime', 'only an administrator moves domain time');
    const { days, hours, minutes } = parseRequest(routes.advanceTime.body, request.body);
    const ms = ((days ?? 0) * 24 * 60 + (hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
    this.deps.time!.advance(ms);
    // Not an event: only the development profile can move time, and its ledger is not evidence.
    this.deps.logger.warn(`domain time moved forward ${ms / 60_000} min by ${actor.id}`);
    return this.reading();
  }

  private reading() {
    const time = this.deps.time!;
    return { now: time.now(), offsetMs: time.offsetMs };
  }
}
