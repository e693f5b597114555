import { type RunningService, type ServiceDeps, startFollower } from '@docket/service-kit';

/**
 * 督办 / 效能监察 (supervision). In this milestone it runs as a service in every mode and follows
 * the events complaints, ratings and scores will need (closed and delivered cases,
 * decisions); its features come with the supervision issue.
 */
export function startSupervision(deps: ServiceDeps): Promise<RunningService> {
  return startFollower(deps, 'supervision', { durable: 'supervision-events', pattern: 'evt.>' });
}
