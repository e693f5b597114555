import { DocketBusModule } from '@docket/nest-bus';
import type { ServiceDeps } from '@docket/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarCommands } from './calendar/calendar-commands';
import { MonitoringController } from './monitoring.controller';
import { MONITORING } from './tokens';

/** 电子监察 as one NestJS module: the working-day calendar, the clock per case, its warnings and views. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class MonitoringModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'monitoring' })],
      controllers: [MonitoringController],
      providers: [{ provide: MONITORING, useValue: deps }, CalendarCommands],
    };
  }
}
