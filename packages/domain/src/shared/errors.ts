/**
 * Domain errors are named for the rule they enforce. `kind` tells transports how to answer:
 * - `illegal_transition`: the command does not fit the current state (HTTP 409)
 * - `rule_broken`: the command fits the state but breaks a business rule (HTTP 422)
 * - `invalid`: the command itself is malformed (HTTP 400)
 * - `not_found`: the thing addressed does not exist (HTTP 404)
 * - `forbidden`: the actor may not do this (HTTP 403)
 * `code` is stable: clients and problem+json `type` URIs are built from it.
 */
/**
 * `unavailable`: what the command needs is not ready yet (a read model behind the ledger); nothing was
 * done, and the same request later may succeed (HTTP 503 with Retry-After).
 */
export type DomainErrorKind =
  | 'illegal_transition'
  | 'rule_broken'
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): { code: string; kind: DomainErrorKind; message: string; details: Record<string, unknown> } {
    return { code: this.code, kind: this.kind, message: this.message, details: this.details };
  }
}

/** Factory for a named error class, so each rule gets its own `instanceof`-able type in one line. */
export function domainError<Args extends unknown[]>(
  code: string,
  kind: DomainErrorKind,
  describe: (...args: Args) => { message: string; details?: Record<string, unknown> },
) {
  const Named = class extends DomainError {
    constructor(...args: Args) {
      const { message, details } = describe(...args);
      super(code, kind, message, details ?? {});
    }
  };
  Object.defineProperty(Named, 'name', { value: code });
  return Named;
}

/** Raised when a command's payload does not match its schema. */
export const InvalidCommand = domainError('InvalidCommand', 'invalid', (issues: string[]) => ({
  message: `Invalid command: ${issues.join('; ')}`,
  details: { issues },
}));

/** 说理式: every refusal, decline, return and disagreement carries a written reason. */
export const ReasonRequired = domainError('ReasonRequired', 'rule_broken', (action: string) => ({
  message: `${action} requires a written reason`,
  details: { action },
}));
