import 'reflect-metadata';
import { supervision } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { door, hostService, type RunningService } from '@docket/service-kit';
import { ComplaintCommands } from './complaints/complaint-commands';
import { ComplaintQueries } from './complaints/complaint-queries';
import { complaintsProjection } from './complaints/complaints.projection';
import { OrderCommands } from './orders/order-commands';
import { OrderQueries } from './orders/order-queries';
import { ordersProjection } from './orders/orders.projection';
import { RatingCommands } from './ratings/rating-commands';
import { RatingQueries } from './ratings/rating-queries';
import { ratingsProjection } from './ratings/ratings.projection';
import { ScoreCommands } from './scores/score-commands';
import { ScoreQueries } from './scores/score-queries';
import { scoresProjection } from './scores/scores.projection';
import { SupervisionModule } from './supervision.module';
import type { SupervisionDeps } from './supervision-deps';

/** The streams supervision alone writes, and so alone relays to the bus. */
export const SUPERVISION_STREAMS = ['complaint-', 'order-', 'rating-', 'score-'];

/** The read models supervision hosts (in its own store): complaints, orders, ratings, locked scores. */
export const supervisionProjections = (timeZone: string): readonly Projection[] => [
  complaintsProjection(timeZone),
  ordersProjection(timeZone),
  ratingsProjection(timeZone),
  scoresProjection,
];

/**
 * 督办 / 效能监察 (supervision): complaints (投诉) and their handling, supervision orders (督办单), ratings
 * (好差评) and their follow-up, the monthly score (月度考核) and the quarterly grade, with a timer that
 * flags what was not answered in time.
 */
export function startSupervision(deps: SupervisionDeps): Promise<RunningService> {
  return hostService({
    name: 'supervision',
    deps,
    projections: supervisionProjections(deps.clock.timeZone),
    streamPrefixes: SUPERVISION_STREAMS,
    listen: async () => {
      const app = await createBusMicroservice(SupervisionModule.forRoot(deps), {
        bus: deps.bus,
        service: 'supervision',
        logger: false,
        serve: (app) => {
          const complaints = app.get(ComplaintCommands);
          const orders = app.get(OrderCommands);
          const ratings = app.get(RatingCommands);
          return door(supervision, {
            runners: { complaint: complaints.runner, order: orders.runner, rating: ratings.runner },
            providers: [
              complaints,
              orders,
              ratings,
              app.get(ComplaintQueries),
              app.get(OrderQueries),
              app.get(RatingQueries),
              app.get(ScoreCommands),
              app.get(ScoreQueries),
            ],
          });
        },
      });
      await app.listen();
      return app;
    },
  });
}
