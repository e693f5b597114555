import { Actor, isSystem, Role } from '@docket/domain';
import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { DepartmentTree } from './departments';
import { TokenExpired, TokenInvalid, TokenMalformed, TokenMissing, TokenNotIssuable } from './errors';
import { parseStructure } from './jws';
import { type CryptoKey, SIGNING_ALGORITHM } from './keys';

/** `EdDSA` is what we sign with; `Ed25519` is its fully-specified name (RFC 9864), same key, same signature. */
const ACCEPTED_ALGORITHMS = [SIGNING_ALGORITHM, 'Ed25519'];

export interface TokenIssuerOptions {
  privateKey: CryptoKey;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** Written as the `kid` header, so verifiers holding a JWKS pick the right key. */
  keyId?: string;
  now?: () => Date;
}

export interface TokenIssuer {
  /** A signed token for a person: sub = id, name, roles, department; iat, exp, iss, aud. */
  issue(user: Actor): Promise<string>;
}

export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw new RangeError('ttlSeconds must be a positive integer');
  }
  const now = options.now ?? (() => new Date());
  return {
    async issue(user) {
      const parsed = Actor.safeParse(user);
      if (!parsed.success) throw new TokenNotIssuable(parsed.error.issues.map((i) => i.message).join('; '));
      const actor = parsed.data;
      // System actors act inside the services; a token for one would let a request speak as the system.
      if (isSystem(actor)) throw new TokenNotIssuable(`${actor.id} is a system actor`);
      const issuedAt = Math.floor(now().getTime() / 1000);
      const claims: JWTPayload = { name: actor.name, roles: actor.roles };
      if (actor.department !== undefined) claims.department = actor.department;
      return new SignJWT(claims)
        .setProtectedHeader({
          alg: SIGNING_ALGORITHM,
          typ: 'JWT',
          ...(options.keyId === undefined ? {} : { kid: options.keyId }),
        })
        .setSubject(actor.id)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .sign(options.privateKey);
    },
  };
}

export interface TokenVerifierOptions {
  /** The issuer's public key; or `jwks`. */
  publicKey?: CryptoKey;
  /** A JWK set (picked by `kid`), or a jose key resolver such as `createRemoteJWKSet(url)`. */
  jwks?: JSONWebKeySet | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Allowed clock skew for exp/iat/nbf (default 30 s). */
  clockToleranceSeconds?: number;
  now?: () => Date;
  /** When given, a token naming a department the centre does not have is invalid. */
  departments?: DepartmentTree;
  /** Verified tokens remembered until they expire (default 10,000; 0: verify every time). */
  cacheSize?: number;
}

export interface TokenVerifier {
  /**
   * The Actor a token speaks for. @throws TokenMissing, TokenMalformed, TokenExpired, TokenInvalid (all 401);
   * an OpenID Connect verifier also Forbidden (403: a genuine token that carries no docket role) and
   * OidcProviderUnavailable (503: the provider's keys could not be fetched)
   */
  verify(token: string | undefined | null): Promise<Actor>;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const key = verificationKey(options);
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const cacheSize = options.cacheSize ?? 10_000;
  /**
   * Tokens already verified, until they expire: a back office sends the same token with every request,
   * and the signature check was a fifth of a simple request's cost. A cached token is exactly as valid as
   * it would be verified again (a JWT cannot be revoked before exp either); oldest entries go first.
   * The cached actor is frozen and handed out as it is (a copy per request cost as much as a parse).
   */
  const verified = new Map<string, { actor: Actor; expiresAtMs: number }>();
  return {
    async verify(token) {
      if (token === undefined || token === null || token.trim() === '') throw new TokenMissing();
      const hit = verified.get(token);
      if (hit !== undefined) {
        if (now().getTime() <= hit.expiresAtMs + clockTolerance * 1000) return hit.actor;
        verified.delete(token);
      }
      const alg = parseStructure(token);
      // Checked before the signature so that `alg: none` and HMAC-with-the-public-key tricks never get that far.
      if (!ACCEPTED_ALGORITHMS.includes(alg)) throw new TokenInvalid(`algorithm ${alg} is not accepted`);
      let payload: JWTPayload;
      try {
        ({ payload } = await verifyWith(token, key, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ACCEPTED_ALGORITHMS,
          clockTolerance,
          currentDate: now(),
          requiredClaims: ['sub', 'iat', 'exp'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TokenExpired();
        if (error instanceof errors.JOSEError) throw new TokenInvalid(error.message);
        throw error;
      }
      const actor = actorFromClaims(payload, options.departments);
      if (cacheSize > 0 && typeof payload.exp === 'number') {
        if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
        frozen(actor);
        verified.set(token, { actor, expiresAtMs: payload.exp * 1000 });
      }
      return actor;
    },
  };
}

function frozen(actor: Actor): void {
  Object.freeze(actor.roles);
  Object.freeze(actor);
}

/**
 * The token of an `Authorization: Bearer <token>` header. @throws TokenMissing (no header),
 * TokenMalformed (another scheme or shape)
 */
export function bearerToken(authorization: string | undefined | null): string {
  if (authorization === undefined || authorization === null || authorization.trim() === '') {
    throw new TokenMissing();
  }
  const match = /^Bearer +([^\s]+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) throw new TokenMalformed('expected "Authorization: Bearer <token>"');
  return match[1];
}

type VerifyOptions = Parameters<typeof jwtVerify>[2];
type Key = { kind: 'key'; key: CryptoKey } | { kind: 'resolver'; resolve: JWTVerifyGetKey };

function verificationKey(options: TokenVerifierOptions): Key {
  if (options.publicKey) return { kind: 'key', key: options.publicKey };
  if (typeof options.jwks === 'function') return { kind: 'resolver', resolve: options.jwks };
  if (options.jwks) return { kind: 'resolver', resolve: createLocalJWKSet(options.jwks) };
  throw new TypeError('createTokenVerifier needs a publicKey or a jwks');
}

function verifyWith(token: string, key: Key, options: VerifyOptions) {
  return key.kind === 'key' ? jwtVerify(token, key.key, options) : jwtVerify(token, key.resolve, options);
}

function actorFromClaims(payload: JWTPayload, departments: DepartmentTree | undefined): Actor {
  const { sub, name, roles, department } = payload;
  if (Array.isArray(roles)) {
    const unknown = roles.filter((role) => !Role.safeParse(role).success);
    if (unknown.length > 0) throw new TokenInvalid(`unknown role ${unknown.map(String).join(', ')}`);
  }
  const parsed = Actor.safeParse({
    id: sub,
    name,
    roles,
    ...(department === undefined ? {} : { department }),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(claims)'}: ${i.message}`);
    throw new TokenInvalid(`claims are not an actor (${issues.join('; ')})`);
  }
  const actor = parsed.data;
  if (isSystem(actor)) throw new TokenInvalid('system actors do not authenticate with tokens');
  if (departments && actor.department !== undefined && !departments.has(actor.department)) {
    throw new TokenInvalid(`unknown department ${actor.department}`);
  }
  return actor;
}
