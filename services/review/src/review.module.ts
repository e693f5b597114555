import { DocketBusModule } from '@docket/nest-bus';
import type { ServiceDeps } from '@docket/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationEvents } from './reactions/application-events';
import { ReviewController } from './review.controller';
import { ReviewCommands } from './reviews/review-commands';
import { ReviewQueries } from './reviews/review-queries';
import { REVIEW } from './tokens';

/** 办件审查 as one NestJS module. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with a static forRoot
export class ReviewModule {
  static forRoot(deps: ServiceDeps): DynamicModule {
    return {
      module: ReviewModule,
      imports: [DocketBusModule.forRoot({ bus: deps.bus, service: 'review' })],
      controllers: [ReviewController],
      providers: [{ provide: REVIEW, useValue: deps }, ReviewCommands, ReviewQueries, ApplicationEvents],
    };
  }
}
