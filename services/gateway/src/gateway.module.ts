import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationsController } from './controllers/applications.controller';
import { AuditController } from './controllers/audit.controller';
import { CalendarController } from './controllers/calendar.controller';
import { CasesController } from './controllers/cases.controller';
import { CatalogueController } from './controllers/catalogue.controller';
import { DocsController } from './controllers/docs.controller';
import { HealthController } from './controllers/health.controller';
import { DevTokensController, IdentityController } from './controllers/identity.controller';
import { MonitoringController } from './controllers/monitoring.controller';
import { ReviewsController } from './controllers/reviews.controller';
import { SupervisionController } from './controllers/supervision.controller';
import { TimeController } from './controllers/time.controller';
import { GATEWAY, type GatewayDeps } from './gateway-deps';
import { GatewayHttp } from './http/gateway-http';

/** The HTTP API: a controller per resource, one provider (GatewayHttp) that forwards over the bus. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class GatewayModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        CatalogueController,
        ApplicationsController,
        ReviewsController,
        CasesController,
        CalendarController,
        MonitoringController,
        SupervisionController,
        AuditController,
        IdentityController,
        HealthController,
        DocsController,
        ...(deps.devTokens === undefined ? [] : [DevTokensController]),
        ...(deps.time === undefined ? [] : [TimeController]),
      ],
      providers: [{ provide: GATEWAY, useValue: deps }, GatewayHttp],
    };
  }
}
