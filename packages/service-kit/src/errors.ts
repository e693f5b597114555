import { domainError } from '@docket/domain';

/**
 * A request reached a service without an acting person. The gateway always sends one, so this is a
 * caller on the bus that skipped it: refused like a missing login.
 */
export const ActorMissing = domainError('ActorMissing', 'invalid', (subject: string) => ({
  message: `${subject}: the request names no valid actor (docket-actor header)`,
  details: { subject },
}));

/** A control header (If-Match revision, idempotency key) that cannot be what it claims to be. */
export const InvalidControlHeader = domainError(
  'InvalidControlHeader',
  'invalid',
  (header: string, why: string) => ({
    message: `${header}: ${why}`,
    details: { header },
  }),
);
