import 'reflect-metadata';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { hostService, type RunningService } from '@docket/service-kit';
import { complaintsProjection } from './complaints/complaints.projection';
import { ordersProjection } from './orders/orders.projection';
import { ratingsProjection } from './ratings/ratings.projection';
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
      });
      await app.listen();
      return app;
    },
  });
}
