import { requestOf } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import type { Route } from '../routes/route';
import { authenticate } from './auth';
import { commandHeaders, forward, type HttpReply, type HttpRequest, queryHeaders } from './forward';
import { parseQuery } from './query';
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

  /**
   * Any operation that reaches a service: who is asking (unless the route is public), the query string
   * decoded, the bus request made from path, query and body as the endpoint's declaration binds them,
   * and the answer shaped for HTTP. The request is validated at the service's door, not here: once.
   */
  async handle(route: Route, request: HttpRequest & { ip?: string }, reply: HttpReply): Promise<unknown> {
    const endpoint = route.endpoint;
    const http = endpoint?.http;
    if (endpoint === undefined || http === undefined)
      throw new Error(`${route.operationId} reaches no service`);
    if (http.rateLimited) this.limiter.take(request.ip ?? '');
    const actor = route.access === 'public' ? undefined : await this.actor(request);
    const params = (request.params ?? {}) as Record<string, string>;
    const payload = requestOf(endpoint, params, parseQuery(route, request.query), request.body);
    const headers =
      endpoint.kind === 'command' && actor !== undefined
        ? commandHeaders(route, request, actor, params.caseNo)
        : queryHeaders(request, actor);
    const result = await forward(this.deps.bus, route, payload, headers, reply, this.timeoutMs);
    const location = http.location?.(payload as Record<string, unknown>, result as Record<string, unknown>);
    if (location !== undefined) reply.header('location', location);
    return result;
  }

  /** A query with a bus request of the controller's making (the live feed, the export). */
  async query(
    route: Route,
    request: HttpRequest,
    reply: HttpReply,
    payload: () => unknown,
  ): Promise<unknown> {
    const actor = route.access === 'public' ? undefined : await this.actor(request);
    return forward(this.deps.bus, route, payload(), queryHeaders(request, actor), reply, this.timeoutMs);
  }
}
