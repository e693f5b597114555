import 'reflect-metadata';
import { inboxProjection } from '@docket/case-views';
import { review } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import { door, hostService, type RunningService, type ServiceDeps } from '@docket/service-kit';
import { ReviewModule } from './review.module';
import { ReviewCommands } from './reviews/review-commands';
import { ReviewQueries } from './reviews/review-queries';

/** The streams review alone writes. */
export const REVIEW_STREAMS = ['review-'];

/** The read models review hosts (in its own store): the department inbox. */
export const reviewProjections = [inboxProjection] as const;

/** Starts the review service: its inbox read model, its relay, and its microservice. */
export function startReview(deps: ServiceDeps): Promise<RunningService> {
  return hostService({
    name: 'review',
    deps,
    projections: reviewProjections,
    streamPrefixes: REVIEW_STREAMS,
    listen: async () => {
      const app = await createBusMicroservice(ReviewModule.forRoot(deps), {
        bus: deps.bus,
        service: 'review',
        logger: false,
        serve: (app) => {
          const reviews = app.get(ReviewCommands);
          return door(review, { runners: { review: reviews.runner }, providers: [app.get(ReviewQueries)] });
        },
      });
      await app.listen();
      return app;
    },
  });
}
