import { healthOf, SERVICES, type ServiceHealth } from '@docket/contracts';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import { jsonSafe } from '../http/forward';
import { localRoutes as routes } from '../routes/local';
import { nestPath } from '../routes/route';

/** Every service asked at once; 503 when any does not answer or is degraded (a load balancer takes the hint). */
@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY) private readonly deps: GatewayDeps) {}

  @Get(nestPath(routes.health.path))
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const answers = await Promise.all(
      SERVICES.map(async (service) => {
        try {
          const health = await this.deps.bus.request<ServiceHealth>(
            healthOf(service).subject,
            {},
            { timeoutMs: 2000 },
          );
          return [
            service,
            {
              up: true,
              checkpoints: jsonSafe(health.checkpoints),
              ...(health.warnings?.length ? { warnings: health.warnings } : {}),
              ...(health.degraded?.length ? { degraded: health.degraded } : {}),
            },
          ] as const;
        } catch (error) {
          return [service, { up: false, error: (error as { code?: string }).code ?? 'unreachable' }] as const;
        }
      }),
    );
    const services = Object.fromEntries(answers);
    // Down, or up but unable to do its work (a full disk, a stopped read model): a load balancer and an
    // operator's probe both see 503, with the reasons.
    const ok = answers.every(([, answer]) => answer.up && !('degraded' in answer));
    // Warnings are for the operator, not the load balancer: the status stays ok. Said once, not per service.
    const warnings = [
      ...new Set(answers.flatMap(([, answer]) => ('warnings' in answer ? (answer.warnings ?? []) : []))),
    ];
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', ...(warnings.length > 0 ? { warnings } : {}), services };
  }
}
