import type { Instant } from '../shared/time';

/** Instants carry offsets: they are compared as points in time, never as strings. */
export const isAfter = (a: Instant, b: Instant): boolean => Date.parse(a) > Date.parse(b);
export const isBefore = (a: Instant, b: Instant): boolean => Date.parse(a) < Date.parse(b);
export const sameInstant = (a: Instant, b: Instant): boolean => Date.parse(a) === Date.parse(b);

export function earliest(instants: readonly Instant[]): Instant | null {
  let first: Instant | null = null;
  for (const instant of instants) if (first === null || isBefore(instant, first)) first = instant;
  return first;
}
