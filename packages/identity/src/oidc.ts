import { Actor, isSystem, Role } from '@docket/domain';
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { DepartmentTree } from './departments';
import { Forbidden, OidcProviderUnavailable, TokenExpired, TokenInvalid, TokenMissing } from './errors';
import { parseStructure } from './jws';
import type { TokenVerifier } from './tokens';

/**
 * What an external OpenID provider's tokens may be signed with. Asymmetric only: `none` and the HMAC
 * family (HS256…) are never accepted, whatever the configuration says (an HMAC "signed" with the public
 * key is the classic confusion attack). `Ed25519` is EdDSA's fully-specified name (RFC 9864).
 */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'Ed25519'] as const;

/** The part of an OpenID provider's discovery document (`/.well-known/openid-configuration`) docket reads. */
export interface OidcProviderMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  end_session_endpoint?: string;
  [field: string]: unknown;
}

/** The sign-in configuration (DOCKET_OIDC_*): who the provider is, and where docket's claims are in its tokens. */
export interface OidcSettings {
  /** DOCKET_OIDC_ISSUER: the provider's issuer identifier, exactly as its tokens' `iss` says it. */
  issuer: string;
  /** DOCKET_OIDC_CLIENT_ID: the console's client (public, authorization code + PKCE). */
  clientId: string;
  /** DOCKET_OIDC_AUDIENCE: what the access tokens' `aud` must hold (default: the client id). */
  audience: string;
  /** DOCKET_OIDC_ROLES_CLAIM (default `roles`): an array, or a space-separated string, of docket roles. */
  rolesClaim: string;
  /** DOCKET_OIDC_DEPARTMENT_CLAIM (default `department`): the department id of the centre's tree. */
  departmentClaim: string;
  /** DOCKET_OIDC_SCOPES (default `openid profile`): what the console asks for; must include `openid`. */
  scopes: string;
}

export const DEFAULT_OIDC_ROLES_CLAIM = 'roles';
export const DEFAULT_OIDC_DEPARTMENT_CLAIM = 'department';
export const DEFAULT_OIDC_SCOPES = 'openid profile';

/** The URL, or undefined when the text is none. */
function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The OpenID Connect settings from the environment, or undefined when DOCKET_OIDC_ISSUER is not set.
 * @throws Error when the issuer is set but the rest cannot be used (no client id, not https, no openid scope):
 * a gateway must not start half-configured.
 */
export function oidcSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): OidcSettings | undefined {
  const issuer = env.DOCKET_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const url = urlOf(issuer);
  if (url === undefined || url.search !== '' || url.hash !== '')
    throw new Error(`DOCKET_OIDC_ISSUER must be a URL without query or fragment, got ${issuer}`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new Error(`DOCKET_OIDC_ISSUER must be https (http only on a loopback address), got ${issuer}`);
  const clientId = env.DOCKET_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('DOCKET_OIDC_CLIENT_ID is required when DOCKET_OIDC_ISSUER is set');
  const scopes = (env.DOCKET_OIDC_SCOPES?.trim() || DEFAULT_OIDC_SCOPES).split(/\s+/).join(' ');
  if (!scopes.split(' ').includes('openid'))
    throw new Error(`DOCKET_OIDC_SCOPES must include openid, got ${scopes}`);
  return {
    issuer,
    clientId,
    audience: env.DOCKET_OIDC_AUDIENCE?.trim() || clientId,
    rolesClaim: env.DOCKET_OIDC_ROLES_CLAIM?.trim() || DEFAULT_OIDC_ROLES_CLAIM,
    departmentClaim: env.DOCKET_OIDC_DEPARTMENT_CLAIM?.trim() || DEFAULT_OIDC_DEPARTMENT_CLAIM,
    scopes,
  };
}

/** `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4: a trailing `/` is dropped first). */
export const discoveryUrl = (issuer: string): string =>
  `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/**
 * Reads the provider's discovery document. Its `issuer` must be exactly the configured one (Discovery
 * §4.3: otherwise another provider could be passed off as this one) and it must name a `jwks_uri`.
 * @throws OidcProviderUnavailable
 */
export async function discoverOidcProvider(
  issuer: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<OidcProviderMetadata> {
  const fetchImpl = options.fetch ?? fetch;
  let document: unknown;
  try {
    const response = await fetchImpl(discoveryUrl(issuer), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    document = await response.json();
  } catch (error) {
    throw new OidcProviderUnavailable(issuer, error instanceof Error ? error.message : String(error));
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new OidcProviderUnavailable(issuer, 'the discovery document is not a JSON object');
  const metadata = document as Record<string, unknown>;
  if (metadata.issuer !== issuer)
    throw new OidcProviderUnavailable(
      issuer,
      `the discovery document names issuer ${String(metadata.issuer)}`,
    );
  if (typeof metadata.jwks_uri !== 'string' || urlOf(metadata.jwks_uri) === undefined)
    throw new OidcProviderUnavailable(issuer, 'the discovery document names no jwks_uri');
  return metadata as OidcProviderMetadata;
}

export interface OidcTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Where the roles are (default `roles`); a dotted path (`realm_access.roles`) reaches into an object. */
  rolesClaim?: string;
  /** Where the department is (default `department`), a claim name or dotted path. */
  departmentClaim?: string;
  /** When given, a token naming a department the centre does not have is invalid. */
  departments?: DepartmentTree;
  /** A subset of OIDC_ALGORITHMS (default: all of them). */
  algorithms?: readonly string[];
  /** Allowed clock skew for exp/iat/nbf (default 30 s). */
  clockToleranceSeconds?: number;
  now?: () => Date;
  /** Verified tokens remembered until they expire (default 10,000; 0: verify every time). */
  cacheSize?: number;
  /** For discovery and the JWKS (default: the global fetch). */
  fetch?: typeof fetch;
  /** After fetching the JWKS, how long before an unknown `kid` may fetch it again (default 30 s). */
  jwksCooldownSeconds?: number;
  /** How long the JWKS is kept before it is fetched again anyway (default 10 min). */
  jwksMaxAgeSeconds?: number;
}

export interface OidcTokenVerifier extends TokenVerifier {
  /** The provider's discovery document (fetched once; after a failure, again on the next call). */
  provider(): Promise<OidcProviderMetadata>;
}

/**
 * Verifies access tokens of an external OpenID provider and maps them to docket's `Actor`. The keys come
 * from the provider's `jwks_uri` (found by discovery on first use) through jose's `createRemoteJWKSet`:
 * kept, and fetched again when a token names a `kid` the set does not hold (at most once per cooldown),
 * which is how a provider's key rotation reaches us.
 *
 * Checked, in order: structure, `alg` (before any key is looked for: never `none` or HMAC), `iss`, not an
 * ID token (one with a `nonce` and no `typ: at+jwt`: its audience is the client too), signature by
 * a key of the provider's set, `iss`, `aud`, `exp`/`nbf` with the clock tolerance, `sub` and `exp`
 * present. Mapped: `sub` → id, `name` (else `preferred_username`, else `sub`) → name, the roles claim →
 * roles (docket's roles only; others the provider holds for other applications are dropped), the
 * department claim → department (one of the tree's).
 *
 * @throws TokenMissing, TokenMalformed, TokenExpired, TokenInvalid (401); Forbidden (403) for a genuine
 * token that carries none of docket's roles; OidcProviderUnavailable (503) when the keys cannot be read
 */
export function createOidcTokenVerifier(options: OidcTokenVerifierOptions): OidcTokenVerifier {
  const algorithms = [...(options.algorithms ?? OIDC_ALGORITHMS)];
  for (const alg of algorithms)
    if (!(OIDC_ALGORITHMS as readonly string[]).includes(alg))
      throw new TypeError(`algorithm ${alg} is not accepted for OpenID Connect tokens`);
  if (algorithms.length === 0) throw new TypeError('no algorithm accepted');
  const rolesClaim = options.rolesClaim ?? DEFAULT_OIDC_ROLES_CLAIM;
  const departmentClaim = options.departmentClaim ?? DEFAULT_OIDC_DEPARTMENT_CLAIM;
  const now = options.now ?? (() => new Date());
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const cacheSize = options.cacheSize ?? 10_000;
  const verified = new Map<string, { actor: Actor; expiresAtMs: number }>();

  let discovered: Promise<{ metadata: OidcProviderMetadata; keys: JWTVerifyGetKey }> | undefined;
  const discover = () => {
    discovered ??= discoverOidcProvider(options.issuer, options.fetch ? { fetch: options.fetch } : {}).then(
      (metadata) => ({ metadata, keys: remoteKeys(metadata.jwks_uri) }),
      (error: unknown) => {
        discovered = undefined; // the next request tries again
        throw error;
      },
    );
    return discovered;
  };

  const remoteKeys = (jwksUri: string): JWTVerifyGetKey => {
    const remote = createRemoteJWKSet(new URL(jwksUri), {
      cooldownDuration: (options.jwksCooldownSeconds ?? 30) * 1000,
      cacheMaxAge: (options.jwksMaxAgeSeconds ?? 600) * 1000,
      timeoutDuration: 5000,
      ...(options.fetch ? { [customFetch]: options.fetch } : {}),
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (unreachable(error)) throw new OidcProviderUnavailable(options.issuer, (error as Error).message);
        throw error;
      }
    };
  };

  return {
    provider: async () => (await discover()).metadata,
    async verify(token) {
      if (token === undefined || token === null || token.trim() === '') throw new TokenMissing();
      const hit = verified.get(token);
      if (hit !== undefined) {
        if (now().getTime() <= hit.expiresAtMs + clockTolerance * 1000) return hit.actor;
        verified.delete(token);
      }
      const alg = parseStructure(token);
      if (!algorithms.includes(alg)) throw new TokenInvalid(`algorithm ${alg} is not accepted`);
      // Another issuer's token is refused before the provider is asked for anything.
      const { iss, nonce } = decodeJwt(token);
      if (iss !== options.issuer) throw new TokenInvalid(`unexpected "iss" claim value ${String(iss)}`);
      // The console's ID token has the client id as audience too (the default audience): it carries the
      // sign-in's nonce, an access token (RFC 9068 `typ: at+jwt`) does not need one.
      if (nonce !== undefined && !/^(application\/)?at\+jwt$/i.test(String(decodeProtectedHeader(token).typ)))
        throw new TokenInvalid('an ID token is not an access token');
      const { keys } = await discover();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance,
          currentDate: now(),
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TokenExpired();
        if (error instanceof errors.JWKSNoMatchingKey)
          throw new TokenInvalid('signed by a key the provider does not publish');
        if (error instanceof errors.JOSEError) throw new TokenInvalid(error.message);
        throw error;
      }
      const actor = actorOf(payload, rolesClaim, departmentClaim, options.departments);
      if (cacheSize > 0 && typeof payload.exp === 'number') {
        if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
        Object.freeze(actor.roles);
        Object.freeze(actor);
        verified.set(token, { actor, expiresAtMs: payload.exp * 1000 });
      }
      return actor;
    },
  };
}

/** Fetching the key set failed (network, timeout, not a JWKS): not the token's fault. */
function unreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (!(error instanceof errors.JOSEError)) return true; // fetch's own TypeError, an abort
  return error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set HTTP response/.test(error.message);
}

/** A claim by name, or by a dotted path into nested objects when no claim has that exact name. */
export function claimAt(payload: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** docket's roles in a roles claim: an array of strings or one space-separated string; others are dropped. */
export function rolesOf(value: unknown): Role[] {
  const names = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  const roles: Role[] = [];
  for (const name of names) {
    const role = Role.safeParse(name);
    if (role.success && !roles.includes(role.data)) roles.push(role.data);
  }
  return roles;
}

function actorOf(
  payload: JWTPayload,
  rolesClaim: string,
  departmentClaim: string,
  departments: DepartmentTree | undefined,
): Actor {
  const { sub } = payload;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const name = text(payload.name) ?? text(payload.preferred_username) ?? sub;
  const department = claimAt(payload, departmentClaim);
  if (department !== undefined && department !== null && typeof department !== 'string')
    throw new TokenInvalid(`claim ${departmentClaim} is not a department id`);
  const parsed = Actor.safeParse({
    id: sub,
    name,
    roles: rolesOf(claimAt(payload, rolesClaim)),
    ...(typeof department === 'string' && department !== '' ? { department } : {}),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(claims)'}: ${i.message}`);
    throw new TokenInvalid(`claims are not an actor (${issues.join('; ')})`);
  }
  const actor = parsed.data;
  if (isSystem(actor)) throw new TokenInvalid('system actors do not authenticate with tokens');
  if (departments && actor.department !== undefined && !departments.has(actor.department))
    throw new TokenInvalid(`unknown department ${actor.department}`);
  // The person is who the provider says, but docket gives them nothing to do: refused, not unauthenticated
  // (signing in again would not help).
  if (actor.roles.length === 0)
    throw new Forbidden('SignIn', `the token's ${rolesClaim} claim holds none of docket's roles`, {
      claim: rolesClaim,
    });
  return actor;
}

/**
 * One verifier for several issuers (the embedded mode with OpenID Connect: development tokens and the
 * provider's side by side): the token's `iss`, read before anything is verified, picks the verifier that
 * then checks everything itself, the issuer included. An issuer none is given for is TokenInvalid.
 */
export function tokenVerifierByIssuer(verifiers: Readonly<Record<string, TokenVerifier>>): TokenVerifier {
  const byIssuer = new Map(Object.entries(verifiers));
  return {
    async verify(token) {
      if (token === undefined || token === null || token.trim() === '') throw new TokenMissing();
      parseStructure(token);
      const { iss } = decodeJwt(token);
      const verifier = typeof iss === 'string' ? byIssuer.get(iss) : undefined;
      if (verifier === undefined) throw new TokenInvalid(`issuer ${String(iss)} is not accepted`);
      return verifier.verify(token);
    },
  };
}
