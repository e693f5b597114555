import type { ApplicationEvent, ReviewEvent } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';

/** Every event the case views read: an intake (`application-*`) or review (`review-*`) stream's event. */
export type CaseEvent = ApplicationEvent | ReviewEvent;

/** The filter every case view subscribes with. */
export const caseStreams = { streamPrefixes: ['application-', 'review-'] };

/**
 * The case number from the stream name: review events after the opening do not repeat it in their data.
 * `application-2026-310101-000001` → `2026-310101-000001`.
 */
export const caseNoOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

/** The recorded event as the domain's tagged union, so a switch on `type` narrows `data`. */
export const asCaseEvent = (event: RecordedEvent): CaseEvent =>
  ({ type: event.type, data: event.data }) as CaseEvent;

/**
 * Instants in the read models are UTC ISO-8601 with milliseconds: the ledger holds them with the
 * centre's offset (`+08:00`), and only one form per field sorts and compares correctly as a string.
 */
export const utc = (instant: string): string => new Date(instant).toISOString();
