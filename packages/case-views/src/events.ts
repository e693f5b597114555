import type { ApplicationEvent, ReviewEvent } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';

/** Every event the case views read: an intake (`application-*`) or review (`review-*`) stream's event. */
export type CaseEvent = ApplicationEvent | ReviewEvent;

/** The filter every case view subscribes with. */
export const caseStreams = { streamPrefixes: ['application-', 'review-'] };

/** The recorded event as the domain's tagged union, so a switch on `type` narrows `data`. */
export const asCaseEvent = (event: RecordedEvent): CaseEvent =>
  ({ type: event.type, data: event.data }) as CaseEvent;
