import 'reflect-metadata';
import { inboxProjection } from '@docket/case-views';
import { createBusMicroservice } from '@docket/nest-bus';
import {
  hostProjections,
  hostRelay,
  type RunningService,
  type ServiceDeps,
  serveHealth,
} from '@docket/service-kit';
import { ReviewModule } from './review.module';

/** The streams review alone writes. */
export const REVIEW_STREAMS = ['review-'];

/** The read models review hosts (in its own store): the department inbox. */
export const reviewProjections = [inboxProjection] as const;

/** Starts the review service: its inbox read model, its relay, and its microservice. */
export async function startReview(deps: ServiceDeps): Promise<RunningService> {
  const projections = hostProjections({
    ledger: deps.ledger,
    store: deps.readModels,
    projections: reviewProjections,
    logger: deps.logger,
  });
  const relay = hostRelay({
    ledger: deps.ledger,
    bus: deps.bus,
    checkpoints: deps.relayCheckpoints,
    service: 'review',
    streamPrefixes: REVIEW_STREAMS,
    logger: deps.logger,
  });
  await projections.start();
  const app = await createBusMicroservice(ReviewModule.forRoot(deps), {
    bus: deps.bus,
    service: 'review',
    logger: false,
  });
  await app.listen();
  await relay.start();
  const health = serveHealth(deps.bus, 'review', [
    ...reviewProjections.map((p) => ({ store: deps.readModels, name: p.name })),
    { store: deps.relayCheckpoints, name: 'review-relay' },
  ]);
  return {
    name: 'review',
    settled: async () => {
      await relay.catchUp();
      await projections.catchUp();
    },
    async close() {
      await health.stop();
      await app.close();
      await relay.stop();
      await projections.close();
    },
  };
}
