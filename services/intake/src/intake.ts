import 'reflect-metadata';
import { caseListProjection, publicStatusProjection } from '@docket/case-views';
import { createBusMicroservice } from '@docket/nest-bus';
import { hostProjections, hostRelay, type RunningService, serveHealth } from '@docket/service-kit';
import { REVIEW_OUTCOMES } from './applications/review-outcomes';
import { catalogueProjection } from './catalogue/catalogue-projection';
import { IntakeModule } from './intake.module';
import type { IntakeDeps } from './intake-deps';

/** The streams intake alone writes, and so alone relays to the bus. */
export const INTAKE_STREAMS = ['application-', 'catalogue-'];

/**
 * Starts the intake service on what it is given: its read models (case list, public status, catalogue)
 * catch up and follow the ledger, its relay publishes its own events, and its NestJS microservice
 * serves the intake contract and reacts to review outcomes.
 */
export async function startIntake(deps: IntakeDeps): Promise<RunningService> {
  const projections = hostProjections({
    ledger: deps.ledger,
    store: deps.readModels,
    projections: [caseListProjection, publicStatusProjection, catalogueProjection],
    logger: deps.logger,
  });
  const relay = hostRelay({
    ledger: deps.ledger,
    bus: deps.bus,
    checkpoints: deps.relayCheckpoints,
    service: 'intake',
    streamPrefixes: INTAKE_STREAMS,
    logger: deps.logger,
  });
  await projections.start();
  const app = await createBusMicroservice(IntakeModule.forRoot(deps), {
    bus: deps.bus,
    service: 'intake',
    logger: false,
  });
  await app.listen();
  await relay.start();
  const health = serveHealth(deps.bus, 'intake', deps.readModels, [
    ...[caseListProjection, publicStatusProjection, catalogueProjection].map((p) => p.name),
    `${REVIEW_OUTCOMES}:review`,
  ]);
  return {
    name: 'intake',
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
