import { type RunningService, type ServiceDeps, startFollower } from '@docket/service-kit';

/**
 * 督办 / 效能监察 (supervision). In this milestone it runs as a service in every mode and follows,
 * checkpointed, the events complaints, ratings and scores will need (closed and delivered cases,
 * decisions); its features come with the supervision issue.
 */
export function startSupervision(deps: ServiceDeps): Promise<RunningService> {
  return startFollower(deps, 'supervision', [
    { durable: 'supervision-application-events', pattern: 'evt.application.>', category: 'application' },
    { durable: 'supervision-review-events', pattern: 'evt.review.>', category: 'review' },
  ]);
}
