import { type RunningService, type ServiceDeps, startFollower } from '@docket/service-kit';

/**
 * 电子监察 (electronic monitoring). In this milestone it runs as a service in every mode and follows
 * the events its clock will need (acceptances, special procedures, extensions, decisions,
 * withdrawals); the clock per case, its warnings and deemed approval come with the monitoring issue.
 */
export function startMonitoring(deps: ServiceDeps): Promise<RunningService> {
  return startFollower(deps, 'monitoring', { durable: 'monitoring-events', pattern: 'evt.>' });
}
