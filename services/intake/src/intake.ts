import 'reflect-metadata';
import { caseListProjection, publicStatusProjection } from '@docket/case-views';
import { intake } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { door, hostService, type RunningService } from '@docket/service-kit';
import { ApplicationCommands } from './applications/application-commands';
import { CaseQueries } from './cases/case-queries';
import { CatalogueCommands } from './catalogue/catalogue-commands';
import { catalogueProjection } from './catalogue/catalogue-projection';
import { CatalogueQueries } from './catalogue/catalogue-queries';
import { IntakeModule } from './intake.module';
import type { IntakeDeps } from './intake-deps';
import { intakeDeadlinesProjection } from './timers/intake-deadlines.projection';

/** The streams intake alone writes, and so alone relays to the bus. */
export const INTAKE_STREAMS = ['application-', 'catalogue-'];

/**
 * The read models intake hosts (in its own store): the case list, the public status, the catalogue, and
 * the deadlines before acceptance its timers look at.
 */
export const intakeProjections: readonly Projection[] = [
  caseListProjection,
  publicStatusProjection,
  catalogueProjection,
  intakeDeadlinesProjection,
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
        serve: (app) => {
          const applications = app.get(ApplicationCommands);
          const catalogue = app.get(CatalogueCommands);
          return door(intake, {
            runners: { application: applications.runner, catalogue: catalogue.runner },
            providers: [applications, app.get(CatalogueQueries), app.get(CaseQueries)],
          });
        },
      });
      await app.listen();
      return app;
    },
  });
}
