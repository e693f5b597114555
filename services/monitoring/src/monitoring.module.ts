import { DocketBusModule } from '@docket/nest-bus';
import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarCommands } from './calendar/calendar-commands';
import { CaseWatch } from './clocks/case-watch';
import { ClockBook } from './clocks/clock-book';
import { ClockCommands } from './clocks/clock-commands';
import { DeemedOutcomes } from './clocks/deemed-outcomes';
import { TimerScheduler } from './clocks/timer-scheduler';
import { MonitoringController } from './monitoring.controller';
import type { MonitoringDeps } from './monitoring-deps';
import { MONITORING } from './tokens';
import { CalendarAffectedQueries } from './views/calendar-affected';
import { MonitoringQueries } from './views/monitoring-queries';

/** 电子监察 as one NestJS module: the working-day calendar, the clock per case, its timers and views. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class MonitoringModule {
  static forRoot(deps: MonitoringDeps): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'monitoring' })],
      controllers: [MonitoringController],
      providers: [
        { provide: MONITORING, useValue: deps },
        { provide: ClockBook, useValue: new ClockBook(deps.clockBookSize) },
        CalendarCommands,
        ClockCommands,
        CaseWatch,
        DeemedOutcomes,
        TimerScheduler,
        MonitoringQueries,
        CalendarAffectedQueries,
      ],
    };
  }
}
