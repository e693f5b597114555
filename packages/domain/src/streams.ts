import { applicationStreamName } from './application/events';
import { clockStreamName } from './clock/events';
import { reviewStreamName } from './review/events';
import { ratingStreamName } from './supervision/rating/events';

/**
 * `disclosure-<caseNo>`: the personal data of the case an auditor had shown in full. The audit service
 * alone writes it; it is named here with the other streams of one case so its case number reads back too.
 */
export const disclosureStreamName = (caseNo: string): string => `disclosure-${caseNo}`;

/** The streams that each hold one case's events, by category: `<category>-<caseNo>`. */
const caseStreamNames = {
  application: applicationStreamName,
  review: reviewStreamName,
  clock: clockStreamName,
  rating: ratingStreamName,
  disclosure: disclosureStreamName,
} as const;

export type CaseStreamCategory = keyof typeof caseStreamNames;

/** What each builder writes before the case number; from the builders, so the inverse cannot drift. */
const prefixes = Object.entries(caseStreamNames).map(([category, name]) => ({
  category: category as CaseStreamCategory,
  prefix: name(''),
}));

/**
 * The case number a case's stream is named for, the inverse of the builders above:
 * `review-2026-310101-000001` → `2026-310101-000001`. Undefined for a stream that holds no single case
 * (`catalogue-…`, `complaint-…`), or, when `category` is given, for a stream of another category.
 */
export function caseNoOfStream(stream: string, category?: CaseStreamCategory): string | undefined {
  for (const candidate of prefixes) {
    if (category !== undefined && candidate.category !== category) continue;
    if (stream.length > candidate.prefix.length && stream.startsWith(candidate.prefix))
      return stream.slice(candidate.prefix.length);
  }
  return undefined;
}
