import 'reflect-metadata';
import { caseListProjection, publicStatusProjection } from '@docket/case-views';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { hostProjections, hostRelay, type RunningService, serveHealth } from '@docket/service-kit';
import { catalogueProjection } from './catalogue/catalogue-projection';
import { IntakeModule } from './intake.module';
import type { IntakeDeps } from './intake-deps';

/** The streams intake alone writes, and so alone relays to the bus. */
export const INTAKE_STREAMS = ['application-', 'catalogue-'];

/** The read models intake hosts (in its own store): the case list, the public status, the catalogue. */
export const intakeProjections: readonly Projection[] = [
  caseListProjection,
  publicStatusProjection,
  catalogueProjection,
];

/**
 * Starts the intake service on what it is given: its read models (case list, public status, catalogue)
 * catch up and follow the ledger, its relay publishes its own events, and its NestJS microservice
 * serves the intake contract and reacts to review outcomes.
 */
export async function startIntake(deps: IntakeDeps): Promise<RunningService> {
  const projections = hostProjections({
    ledger: deps.ledger,
    store: deps.readModels,
    projections: intakeProjections,
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
  const health = serveHealth(deps.bus, 'intake', [
    ...intakeProjections.map((p) => ({ store: deps.readModels, name: p.name })),
    { store: deps.relayCheckpoints, name: 'intake-relay' },
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
