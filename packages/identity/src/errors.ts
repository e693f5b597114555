/**
 * Identity errors carry a stable `code` (problem+json `type` URIs are built from it) and the HTTP `status`
 * the gateway answers with: 401 for every token problem, 403 for a refused command. They are not
 * DomainErrors: 401 has no DomainErrorKind, and these are decided before any decider runs.
 */
export type IdentityErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid'
  | 'not_found'
  | 'rule_broken'
  | 'unavailable'
  | 'internal';

const KIND_BY_STATUS: Record<number, IdentityErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  422: 'rule_broken',
  503: 'unavailable',
};

export class IdentityError extends Error {
  /** The transport-neutral kind (as DomainError has), so the bus and the gateway map it like the rest. */
  readonly kind: IdentityErrorKind;

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
    this.kind = KIND_BY_STATUS[status] ?? 'internal';
  }

  toJSON(): { code: string; status: number; message: string; details: Record<string, unknown> } {
    return { code: this.code, status: this.status, message: this.message, details: this.details };
  }
}

/** No bearer token came with the request. */
export class TokenMissing extends IdentityError {
  constructor() {
    super('TokenMissing', 401, 'A bearer token is required');
  }
}

/** The token is not a compact JWS (three base64url parts with JSON header and payload). */
export class TokenMalformed extends IdentityError {
  constructor(reason: string) {
    super('TokenMalformed', 401, `The token is malformed: ${reason}`, { reason });
  }
}

/** The token was genuine but its `exp` has passed (beyond the clock tolerance). */
export class TokenExpired extends IdentityError {
  constructor() {
    super('TokenExpired', 401, 'The token has expired');
  }
}

/** Bad signature, another key, a refused algorithm, wrong issuer or audience, or claims that are no Actor. */
export class TokenInvalid extends IdentityError {
  constructor(reason: string) {
    super('TokenInvalid', 401, `The token is invalid: ${reason}`, { reason });
  }
}

/** The issuer was asked for a token it must not sign (a system actor, or a user that is no valid Actor). */
export class TokenNotIssuable extends IdentityError {
  constructor(reason: string) {
    super('TokenNotIssuable', 400, `No token can be issued: ${reason}`, { reason });
  }
}

/**
 * The OpenID provider's discovery document or keys could not be read (unreachable, not JSON, or a document
 * that names another issuer or no `jwks_uri`): no token of it can be checked just now.
 */
export class OidcProviderUnavailable extends IdentityError {
  constructor(issuer: string, reason: string) {
    super('OidcProviderUnavailable', 503, `The identity provider ${issuer} cannot be used: ${reason}`, {
      issuer,
      reason,
    });
  }
}

/** The actor may not perform the command on this target; the message names the missing role or scope. */
export class Forbidden extends IdentityError {
  constructor(action: string, reason: string, details: Record<string, unknown> = {}) {
    super('Forbidden', 403, `${action} is not allowed: ${reason}`, { action, ...details });
  }
}

/** Two departments share an id. */
export class DuplicateDepartment extends IdentityError {
  constructor(id: string) {
    super('DuplicateDepartment', 422, `Department ${id} is listed twice`, { id });
  }
}

/** A department names a parent that is not in the tree. */
export class UnknownParentDepartment extends IdentityError {
  constructor(id: string, parent: string) {
    super('UnknownParentDepartment', 422, `Department ${id} names unknown parent ${parent}`, { id, parent });
  }
}

/** Following parents from a department comes back to it: the departments would not form a tree. */
export class DepartmentCycle extends IdentityError {
  constructor(cycle: string[]) {
    super('DepartmentCycle', 422, `Departments form a cycle: ${cycle.join(' → ')}`, { cycle });
  }
}

/** A department kind sits where the 区 → 街道 → 社区 hierarchy does not allow it. */
export class MisplacedDepartment extends IdentityError {
  constructor(id: string, kind: string, reason: string) {
    super('MisplacedDepartment', 422, `Department ${id} (${kind}) ${reason}`, { id, kind });
  }
}

/** A department id or name that cannot be used (ids end up in actors and stream names). */
export class InvalidDepartment extends IdentityError {
  constructor(id: string, reason: string) {
    super('InvalidDepartment', 422, `Department ${JSON.stringify(id)}: ${reason}`, { id, reason });
  }
}

/** A lookup of a department the tree does not hold. */
export class UnknownDepartment extends IdentityError {
  constructor(id: string) {
    super('UnknownDepartment', 404, `Unknown department ${id}`, { id });
  }
}

/** The development key file exists but does not hold an Ed25519 private JWK. */
export class DevKeyFileInvalid extends IdentityError {
  constructor(path: string, reason: string) {
    super('DevKeyFileInvalid', 500, `Development key file ${path} is unusable: ${reason}`, { path, reason });
  }
}
