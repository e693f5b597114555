import { DocketBusModule } from '@docket/nest-bus';
import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationCommands } from './applications/application-commands';
import { ReviewOutcomes } from './applications/review-outcomes';
import { CaseQueries } from './cases/case-queries';
import { CatalogueCommands } from './catalogue/catalogue-commands';
import { CatalogueQueries } from './catalogue/catalogue-queries';
import { IntakeController } from './intake.controller';
import type { IntakeDeps } from './intake-deps';
import { IntakeTimers } from './timers/intake-timers';
import { INTAKE } from './tokens';

/** 窗口受理 and 事项目录 as one NestJS module: providers per feature, one controller for the bus. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class IntakeModule {
  static forRoot(deps: IntakeDeps): DynamicModule {
    return {
      module: IntakeModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'intake' })],
      controllers: [IntakeController],
      providers: [
        { provide: INTAKE, useValue: deps },
        ApplicationCommands,
        CatalogueCommands,
        CatalogueQueries,
        CaseQueries,
        ReviewOutcomes,
        IntakeTimers,
      ],
    };
  }
}
