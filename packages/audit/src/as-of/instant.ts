import { domainError } from '@docket/domain';

/** An `asOf` the audit cannot use: a negative position or a time that is not an ISO instant with offset. */
export const InvalidAsOf = domainError('InvalidAsOf', 'invalid', (given: string) => ({
  message: `asOf must be a global position >= 0 or an ISO-8601 instant with offset, got ${given}`,
  details: { given },
}));

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Nanoseconds since the epoch, exactly: `Date.parse` keeps milliseconds only, and an event at
 * 09:30:00.0004 must not count as having happened by 09:30:00.000. Undefined for anything else.
 */
export function instantNanos(iso: string): bigint | undefined {
  const match = ISO_INSTANT.exec(iso);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}
