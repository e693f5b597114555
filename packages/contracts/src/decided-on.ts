import {
  applicationStreamName,
  calendarStreamName,
  catalogueStreamName,
  complaintStreamName,
  ratingStreamName,
  reviewStreamName,
  supervisionOrderStreamName,
} from '@docket/domain';

/**
 * Where a command is decided: the aggregate (a service runs one command runner per aggregate, and serves
 * every command declared on it with that runner) and the stream the request names.
 */
export interface DecidedOn {
  readonly aggregate: string;
  /** The stream of the thing the (validated) request is about. */
  stream(request: never): string;
  /** The case the events belong to (their correlation id), where the request names it. */
  caseNo?(request: never): string | undefined;
}

const onCase = (aggregate: string, streamName: (caseNo: string) => string) => ({
  aggregate,
  stream: (request: { caseNo: string }) => streamName(request.caseNo),
  caseNo: (request: { caseNo: string }) => request.caseNo,
});

/** `application-<caseNo>`: intake's applications. */
export const onApplication = onCase('application', applicationStreamName);
/** `review-<caseNo>`: the review's tasks and steps. */
export const onReview = onCase('review', reviewStreamName);
/** `rating-<caseNo>`: a closed case's rating and its follow-up. */
export const onRating = onCase('rating', ratingStreamName);

/** `catalogue-<code>`: a service item, named in the path (`code`) or in the definition (`item.code`). */
export const onCatalogueItem = {
  aggregate: 'catalogue',
  stream: (request: { code?: string; item?: { code: string } }) =>
    catalogueStreamName(request.code ?? request.item?.code ?? ''),
};

/** `complaint-<id>`; the case it is about, if any, comes from its stream (the runner's `correlationOf`). */
export const onComplaint = {
  aggregate: 'complaint',
  stream: (request: { id: string }) => complaintStreamName(request.id),
};

/** `order-<id>`. */
export const onSupervisionOrder = {
  aggregate: 'order',
  stream: (request: { id: string }) => supervisionOrderStreamName(request.id),
};

/** `calendar-<year>`. */
export const onCalendarYear = {
  aggregate: 'calendar',
  stream: (request: { year: number }) => calendarStreamName(request.year),
};
