import type { Actor } from '@docket/domain';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import type { Route } from '../routes/route';
import { authenticate } from './auth';
import { bodyOf, commandHeaders, forward, type HttpReply, type HttpRequest, queryHeaders } from './forward';
import { createRateLimiter, type RateLimiter } from './rate-limit';

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * What every controller does with a request: authenticate, validate, forward over the bus, shape the
 * answer. Controllers only say which route and what payload; no business rule lives here.
 */
@Injectable()
export class GatewayHttp {
  private readonly limiter: RateLimiter;
  private readonly timeoutMs: number;

  constructor(@Inject(GATEWAY) readonly deps: GatewayDeps) {
    this.limiter = createRateLimiter(deps.statusLookupLimit ?? { burst: 10, perMinute: 30 });
    this.timeoutMs = deps.requestTimeoutMs ?? 10_000;
  }

  actor(request: HttpRequest): Promise<Actor> {
    return authenticate(this.deps.verifier, header(request, 'authorization'));
  }

  /** A command: `payload(body)` builds the bus request from the validated body. */
  async command(
    route: Route,
    request: HttpRequest,
    reply: HttpReply,
    payload: (body: unknown) => unknown,
    caseNo?: string,
  ): Promise<unknown> {
    const actor = await this.actor(request);
    const body = bodyOf(route, request);
    const headers = commandHeaders(route, request, actor, caseNo);
    return forward(this.deps.bus, route, payload(body), headers, reply, this.timeoutMs);
  }

  /** A command on one case (`/…/{caseNo}/…`): the bus request is `{ caseNo, data: body }`. */
  caseCommand(route: Route, request: HttpRequest, reply: HttpReply): Promise<unknown> {
    const { caseNo } = request.params as { caseNo: string };
    return this.command(route, request, reply, (data) => ({ caseNo, data }), caseNo);
  }

  /**
   * A query; `public` routes read without a login. `payload` builds (and validates) the bus request only
   * after authentication, so a caller without a valid token gets 401 whatever the query string says.
   */
  async query(
    route: Route,
    request: HttpRequest,
    reply: HttpReply,
    payload: () => unknown,
  ): Promise<unknown> {
    const actor = route.access === 'public' ? undefined : await this.actor(request);
    return forward(this.deps.bus, route, payload(), queryHeaders(request, actor), reply, this.timeoutMs);
  }

  /** The public status lookup, rate limited per client address. */
  async statusLookup(
    route: Route,
    request: HttpRequest & { ip: string },
    reply: HttpReply,
  ): Promise<unknown> {
    this.limiter.take(request.ip);
    return forward(
      this.deps.bus,
      route,
      bodyOf(route, request),
      queryHeaders(request, undefined),
      reply,
      this.timeoutMs,
    );
  }
}
