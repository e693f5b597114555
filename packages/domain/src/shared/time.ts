import { z } from 'zod';

/** An instant as an ISO-8601 string with offset; every domain timestamp is one. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = string;

/** A local calendar date, `YYYY-MM-DD`, in the centre's time zone. */
export const LocalDate = z.iso.date();
export type LocalDate = string;

/** Time limits are a number and a unit: 法定时限 and 承诺时限 are counted in working or natural days. */
export const TimeLimit = z.object({
  value: z.number().int().min(0).max(3650),
  unit: z.enum(['working_days', 'natural_days']),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

/** A half-open interval [from, to) of instants; `to` absent while still open (a pause in progress). */
export interface Interval {
  from: Instant;
  to?: Instant;
}

/**
 * An instant as UTC ISO-8601 text with milliseconds (`2026-03-31T16:00:00.000Z`). The ledger holds
 * instants with the centre's offset; read models store this one form per field, so that instants
 * sort and compare correctly as strings.
 */
export const utc = (instant: Instant): string => new Date(instant).toISOString();
