import { type Instant, utc } from '@docket/domain';

/** The instants converted last, and what they became. */
const converted = new Map<Instant, string>();
const REMEMBERED = 4096;

/**
 * The domain's `utc` (instants are stored as UTC ISO strings, so that they compare as strings),
 * remembering the instants it converted last: the case list, the public status and the inbox each
 * convert the same instants of the same event (a rebuild does so millions of times), and parsing an
 * instant with an offset is most of the cost. Bounded: forgotten wholesale past 4,096 instants.
 */
export function toUtc(instant: Instant): string {
  let result = converted.get(instant);
  if (result === undefined) {
    result = utc(instant);
    if (converted.size >= REMEMBERED) converted.clear();
    converted.set(instant, result);
  }
  return result;
}
