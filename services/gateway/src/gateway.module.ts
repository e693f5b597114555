import { audit, monitoring } from '@docket/contracts';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditController } from './controllers/audit.controller';
import { AuthConfigController } from './controllers/auth-config.controller';
import { DocsController } from './controllers/docs.controller';
import { HealthController } from './controllers/health.controller';
import { DevTokensController, IdentityController } from './controllers/identity.controller';
import { MonitoringController } from './controllers/monitoring.controller';
import { operationsController } from './controllers/operations.controller';
import { TimeController } from './controllers/time.controller';
import { GATEWAY, type GatewayDeps } from './gateway-deps';
import { GatewayHttp } from './http/gateway-http';
import { OpenStreams } from './http/open-streams';
import { CaseActivity } from './live/case-activity';
import { LiveController } from './live/live.controller';
import { serviceRoutes } from './routes/table';

/** Operations with a controller of their own: the live feed (Server-Sent Events) and the audit export (HTML). */
const OWN_CONTROLLER = new Set<string | undefined>([
  monitoring.feed.http?.operationId,
  audit.export.http?.operationId,
]);

/** Every other operation of the contracts, served the one way. */
const Operations = operationsController(serviceRoutes.filter((r) => !OWN_CONTROLLER.has(r.operationId)));

/**
 * The HTTP API: one controller made from the contracts' declarations, a few with something of their own
 * to do (a stream, HTML, the gateway's own routes), and one provider (GatewayHttp) that forwards over the bus.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class GatewayModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        Operations,
        MonitoringController,
        LiveController,
        AuditController,
        IdentityController,
        AuthConfigController,
        HealthController,
        DocsController,
        ...(deps.devTokens === undefined ? [] : [DevTokensController]),
        ...(deps.time === undefined ? [] : [TimeController]),
      ],
      providers: [{ provide: GATEWAY, useValue: deps }, GatewayHttp, CaseActivity, OpenStreams],
    };
  }
}
