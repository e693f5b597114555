import type { ReviewEventOf } from '../review/events';
import type { RecordDecisionData } from './commands';

/**
 * The decision the application records (出件) for a review event that ends the review: a decision, a
 * deemed approval or a forwarding up; undefined for any other event. Dated at the review's event, which
 * it names as its cause, not at when intake heard of it.
 */
export function decisionOf(event: {
  id: string;
  type: string;
  occurredAt: string;
  data: unknown;
}): RecordDecisionData | undefined {
  const from = { decidedAt: event.occurredAt, reviewEventId: event.id };
  switch (event.type) {
    case 'ReviewDecided': {
      const data = event.data as ReviewEventOf<'ReviewDecided'>['data'];
      return {
        outcome: data.outcome,
        ...(data.certificate === undefined ? {} : { certificate: data.certificate }),
        ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
        ...from,
      };
    }
    case 'ApprovalDeemed':
      return { outcome: 'deemed_approved', ...from };
    case 'ReviewForwardedUp': {
      const data = event.data as ReviewEventOf<'ReviewForwardedUp'>['data'];
      return { outcome: 'forwarded_up', reason: String(data.reason ?? ''), ...from };
    }
    default:
      return undefined;
  }
}
