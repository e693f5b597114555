import { DocketBusModule } from '@docket/nest-bus';
import { type DynamicModule, Module } from '@nestjs/common';
import { ComplaintCommands } from './complaints/complaint-commands';
import { ComplaintQueries } from './complaints/complaint-queries';
import { OtherServices } from './facts/other-services';
import { OrderCommands } from './orders/order-commands';
import { OrderQueries } from './orders/order-queries';
import { RatingCommands } from './ratings/rating-commands';
import { RatingQueries } from './ratings/rating-queries';
import { ScoreCommands } from './scores/score-commands';
import { ScoreCounter } from './scores/score-counts';
import { ScoreQueries } from './scores/score-queries';
import type { SupervisionDeps } from './supervision-deps';
import { OverdueScheduler } from './timers/overdue-scheduler';
import { SUPERVISION } from './tokens';

/** 督办 / 效能监察 as one NestJS module: complaints, supervision orders, ratings, scores, the overdue timer. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class SupervisionModule {
  static forRoot(deps: SupervisionDeps): DynamicModule {
    return {
      module: SupervisionModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'supervision' })],
      controllers: [],
      providers: [
        { provide: SUPERVISION, useValue: deps },
        OtherServices,
        ComplaintCommands,
        ComplaintQueries,
        OrderCommands,
        OrderQueries,
        RatingCommands,
        RatingQueries,
        ScoreCounter,
        ScoreCommands,
        ScoreQueries,
        OverdueScheduler,
      ],
    };
  }
}
