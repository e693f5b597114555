import 'reflect-metadata';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { hostService, type RunningService, type ServiceDeps } from '@docket/service-kit';
import { MonitoringModule } from './monitoring.module';

/** The streams monitoring alone writes. */
export const MONITORING_STREAMS = ['clock-', 'calendar-'];

/** The read models monitoring hosts. */
export const monitoringProjections: readonly Projection[] = [];

/**
 * 电子监察 (electronic monitoring): the working-day calendar (an administrator's audited changes), and
 * the clock per case with its reminders, cards and deemed approval.
 */
export function startMonitoring(deps: ServiceDeps): Promise<RunningService> {
  return hostService({
    name: 'monitoring',
    deps,
    projections: monitoringProjections,
    streamPrefixes: MONITORING_STREAMS,
    listen: async () => {
      const app = await createBusMicroservice(MonitoringModule.forRoot(deps), {
        bus: deps.bus,
        service: 'monitoring',
        logger: false,
      });
      await app.listen();
      return app;
    },
  });
}
