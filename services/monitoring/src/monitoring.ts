import 'reflect-metadata';
import { monitoring } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import type { Projection } from '@docket/projections';
import { door, hostService, type RunningService } from '@docket/service-kit';
import { CalendarCommands } from './calendar/calendar-commands';
import { MonitoringModule } from './monitoring.module';
import type { MonitoringDeps } from './monitoring-deps';
import { CalendarAffectedQueries } from './views/calendar-affected';
import { clocksProjection } from './views/clocks.projection';
import { deemedProjection } from './views/deemed.projection';
import { feedProjection } from './views/feed.projection';
import { MonitoringQueries } from './views/monitoring-queries';
import { statsProjection } from './views/stats.projection';
import { warningsProjection } from './views/warnings.projection';

/** The streams monitoring alone writes. */
export const MONITORING_STREAMS = ['clock-', 'calendar-'];

/**
 * The read models monitoring hosts: clocks (for the timers), cards, daily figures, the live feed, the
 * deemed approvals (for the monthly score).
 */
export const monitoringProjections = (timeZone: string): readonly Projection[] => [
  clocksProjection,
  warningsProjection(timeZone),
  statsProjection(timeZone),
  feedProjection,
  deemedProjection(timeZone),
];

/**
 * 电子监察 (electronic monitoring): the working-day calendar (an administrator's audited changes), and
 * the clock per case with its reminders, cards and deemed approval.
 */
export function startMonitoring(deps: MonitoringDeps): Promise<RunningService> {
  return hostService({
    name: 'monitoring',
    deps,
    projections: monitoringProjections(deps.clock.timeZone),
    streamPrefixes: MONITORING_STREAMS,
    listen: async () => {
      const app = await createBusMicroservice(MonitoringModule.forRoot(deps), {
        bus: deps.bus,
        service: 'monitoring',
        logger: false,
        serve: (app) => {
          const calendar = app.get(CalendarCommands);
          return door(monitoring, {
            runners: { calendar: calendar.runner },
            providers: [calendar, app.get(MonitoringQueries), app.get(CalendarAffectedQueries)],
          });
        },
      });
      await app.listen();
      return app;
    },
  });
}
