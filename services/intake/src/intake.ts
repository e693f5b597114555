import 'reflect-metadata';
import { caseListProjection, publicStatusProjection } from '@docket/case-views';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { hostService, type RunningService } from '@docket/service-kit';
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
export function startIntake(deps: IntakeDeps): Promise<RunningService> {
  return hostService({
    name: 'intake',
    deps,
    projections: intakeProjections,
    streamPrefixes: INTAKE_STREAMS,
    listen: async () => {
      const app = await createBusMicroservice(IntakeModule.forRoot(deps), {
        bus: deps.bus,
        service: 'intake',
        logger: false,
      });
      await app.listen();
      return app;
    },
  });
}
