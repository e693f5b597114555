/**
 * OpenID Connect sign-in for the console: the authorization code flow with PKCE (RFC 7636, S256) as a
 * public client. Framework-free, and nothing but `fetch` and WebCrypto (`crypto.subtle`,
 * `crypto.getRandomValues`), so the same code runs in the browser and in Node 20 (the gateway's tests drive
 * a real OpenID provider with it).
 *
 *   1. `startSignIn(settings, deps)` → the provider's authorization URL; the PKCE verifier, the state and
 *      the nonce wait in `deps.storage` (sessionStorage in the browser) under the state.
 *   2. The provider sends the browser back to `redirectUri?code=…&state=…`:
 *      `completeSignIn(settings, location.href, deps)` checks the state (and the `iss` the provider names,
 *      RFC 9207), exchanges the code with the verifier at the token endpoint, checks the ID token's issuer,
 *      audience and nonce, and answers the tokens and when the access token expires.
 *   3. `signOutUrl(settings, { idToken, postLogoutRedirectUri })` → the provider's end_session_endpoint, if
 *      it has one.
 *
 * `settings` is what GET /api/auth/config answers under `oidc` (issuer, client id, scopes, endpoints) plus
 * the console's redirect URI; endpoints it lacks are read from the provider's discovery document.
 */

export interface OidcSignInSettings {
  issuer: string;
  clientId: string;
  /** Where the provider sends the browser back (registered with the provider for this client). */
  redirectUri: string;
  /** Space-separated (default `openid profile`). */
  scopes?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  endSessionEndpoint?: string;
  /** A resource indicator (RFC 8707), for providers that choose the access token's audience by it. */
  resource?: string;
}

/** The part of the Web Storage API used: sessionStorage in the browser, anything alike in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of WebCrypto used (the browser's `crypto`, Node's `globalThis.crypto`). */
export interface WebCrypto {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> };
}

export interface OidcDeps {
  storage: KeyValueStorage;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default: the global WebCrypto. */
  crypto?: WebCrypto;
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number;
}

export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
}

export interface OidcTokens {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is valid for, as the token endpoint said (or its `exp`). */
  expiresIn: number;
  /** When the access token expires, milliseconds since the epoch. */
  expiresAt: number;
  idToken?: string;
  refreshToken?: string;
  scope?: string;
  /** The ID token's claims (sub, name …), when an ID token came. */
  idClaims?: Record<string, unknown>;
}

/** A sign-in that cannot go on: `code` is the provider's OAuth error, or one of ours (`invalid_state` …). */
export class OidcSignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

const DEFAULT_SCOPES = 'openid profile';
const STORAGE_PREFIX = 'docket.oidc.signin.';
/** A sign-in not completed within this time is forgotten (the provider's codes live far shorter). */
const PENDING_TTL_MS = 15 * 60 * 1000;

interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
  issuer: string;
  clientId: string;
  createdAt: number;
}

/** The provider's endpoints from its discovery document (`<issuer>/.well-known/openid-configuration`). */
export async function discoverEndpoints(
  issuer: string,
  fetchImpl: typeof fetch = fetch,
): Promise<OidcEndpoints> {
  const response = await fetchImpl(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok)
    throw new OidcSignInError('discovery_failed', `the provider's discovery answered ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  if (document.issuer !== issuer)
    throw new OidcSignInError(
      'discovery_failed',
      `the discovery document names issuer ${String(document.issuer)}`,
    );
  const { authorization_endpoint, token_endpoint, end_session_endpoint } = document;
  if (typeof authorization_endpoint !== 'string' || typeof token_endpoint !== 'string')
    throw new OidcSignInError(
      'discovery_failed',
      'the discovery document names no authorization or token endpoint',
    );
  return {
    authorizationEndpoint: authorization_endpoint,
    tokenEndpoint: token_endpoint,
    ...(typeof end_session_endpoint === 'string' ? { endSessionEndpoint: end_session_endpoint } : {}),
  };
}

async function endpointsOf(settings: OidcSignInSettings, deps: OidcDeps): Promise<OidcEndpoints> {
  if (settings.authorizationEndpoint !== undefined && settings.tokenEndpoint !== undefined)
    return {
      authorizationEndpoint: settings.authorizationEndpoint,
      tokenEndpoint: settings.tokenEndpoint,
      ...(settings.endSessionEndpoint === undefined
        ? {}
        : { endSessionEndpoint: settings.endSessionEndpoint }),
    };
  return discoverEndpoints(settings.issuer, deps.fetch ?? fetch);
}

/**
 * Begins a sign-in: a fresh PKCE verifier (32 random bytes, base64url) and its S256 challenge, a state and
 * a nonce, kept in `deps.storage` under the state; answers the authorization URL to send the browser to.
 */
export async function startSignIn(
  settings: OidcSignInSettings,
  deps: OidcDeps,
  extra: { prompt?: string; loginHint?: string } = {},
): Promise<{ url: string; state: string }> {
  const webCrypto = deps.crypto ?? globalThis.crypto;
  const endpoints = await endpointsOf(settings, deps);
  const verifier = randomToken(webCrypto);
  const state = randomToken(webCrypto);
  const nonce = randomToken(webCrypto);
  const challenge = await pkceChallenge(verifier, webCrypto);
  const pending: Pending = {
    verifier,
    nonce,
    redirectUri: settings.redirectUri,
    issuer: settings.issuer,
    clientId: settings.clientId,
    createdAt: (deps.now ?? Date.now)(),
  };
  deps.storage.setItem(STORAGE_PREFIX + state, JSON.stringify(pending));
  const url = new URL(endpoints.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scopes ?? DEFAULT_SCOPES,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(settings.resource === undefined ? {} : { resource: settings.resource }),
    ...(extra.prompt === undefined ? {} : { prompt: extra.prompt }),
    ...(extra.loginHint === undefined ? {} : { login_hint: extra.loginHint }),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url: url.href, state };
}

/**
 * Completes a sign-in on the redirect back: `callbackUrl` is the URL the provider sent the browser to.
 * The stored state is used once, whatever happens.
 * @throws OidcSignInError: the provider's error (`access_denied` …), `invalid_state` (unknown, used or stale),
 * `invalid_issuer`, `invalid_request` (no code), `token_request_failed`, `invalid_token_response`,
 * `invalid_id_token`
 */
export async function completeSignIn(
  settings: OidcSignInSettings,
  callbackUrl: string,
  deps: OidcDeps,
): Promise<OidcTokens> {
  const now = deps.now ?? Date.now;
  const params = new URL(callbackUrl).searchParams;
  const state = params.get('state');
  const key = STORAGE_PREFIX + (state ?? '');
  const stored = state === null ? null : deps.storage.getItem(key);
  if (state !== null) deps.storage.removeItem(key);
  const error = params.get('error');
  if (error !== null) throw new OidcSignInError(error, params.get('error_description') ?? error);
  if (stored === null)
    throw new OidcSignInError('invalid_state', 'this sign-in was not started here, or was already used');
  const pending = JSON.parse(stored) as Pending;
  if (now() - pending.createdAt > PENDING_TTL_MS)
    throw new OidcSignInError('invalid_state', 'the sign-in took too long; start it again');
  if (pending.issuer !== settings.issuer || pending.clientId !== settings.clientId)
    throw new OidcSignInError('invalid_state', 'the sign-in was started for another provider or client');
  // RFC 9207: a provider that names itself must be the one the sign-in was started with (mix-up attacks).
  const iss = params.get('iss');
  if (iss !== null && iss !== settings.issuer)
    throw new OidcSignInError('invalid_issuer', `the answer came from ${iss}, not ${settings.issuer}`);
  const code = params.get('code');
  if (code === null || code === '')
    throw new OidcSignInError('invalid_request', 'the answer carries no code');

  const endpoints = await endpointsOf(settings, deps);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: settings.clientId,
    code_verifier: pending.verifier,
    ...(settings.resource === undefined ? {} : { resource: settings.resource }),
  });
  const response = await (deps.fetch ?? fetch)(endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new OidcSignInError(
      typeof answer.error === 'string' ? answer.error : 'token_request_failed',
      typeof answer.error_description === 'string'
        ? answer.error_description
        : `the token endpoint answered ${response.status}`,
    );
  const { access_token, token_type, expires_in, id_token, refresh_token, scope } = answer;
  if (typeof access_token !== 'string' || access_token === '')
    throw new OidcSignInError('invalid_token_response', 'the token endpoint gave no access token');
  if (typeof token_type !== 'string' || token_type.toLowerCase() !== 'bearer')
    throw new OidcSignInError('invalid_token_response', `token type ${String(token_type)} is not Bearer`);
  const issuedAt = now();
  const expiresIn = typeof expires_in === 'number' ? expires_in : secondsLeft(access_token, issuedAt);
  let idClaims: Record<string, unknown> | undefined;
  if (typeof id_token === 'string') idClaims = checkedIdClaims(id_token, settings, pending.nonce);
  return {
    accessToken: access_token,
    tokenType: 'Bearer',
    expiresIn,
    expiresAt: issuedAt + expiresIn * 1000,
    ...(typeof id_token === 'string' ? { idToken: id_token } : {}),
    ...(typeof refresh_token === 'string' ? { refreshToken: refresh_token } : {}),
    ...(typeof scope === 'string' ? { scope } : {}),
    ...(idClaims === undefined ? {} : { idClaims }),
  };
}

/**
 * Where to send the browser to sign out at the provider too (RP-Initiated Logout), or undefined when the
 * provider has no end_session_endpoint (then only the console's own session ends).
 */
export function signOutUrl(
  settings: OidcSignInSettings,
  options: { idToken?: string; postLogoutRedirectUri?: string; state?: string } = {},
): string | undefined {
  if (settings.endSessionEndpoint === undefined) return undefined;
  const url = new URL(settings.endSessionEndpoint);
  url.searchParams.set('client_id', settings.clientId);
  if (options.idToken !== undefined) url.searchParams.set('id_token_hint', options.idToken);
  if (options.postLogoutRedirectUri !== undefined)
    url.searchParams.set('post_logout_redirect_uri', options.postLogoutRedirectUri);
  if (options.state !== undefined) url.searchParams.set('state', options.state);
  return url.href;
}

/**
 * The ID token came straight from the token endpoint over TLS, so its issuer is vouched for by the
 * connection (OpenID Connect Core §3.1.3.7); what is checked is that it is for this client and this sign-in:
 * `iss`, `aud` (and `azp`), `nonce`. The gateway verifies the access token's signature on every request.
 */
function checkedIdClaims(
  idToken: string,
  settings: OidcSignInSettings,
  nonce: string,
): Record<string, unknown> {
  const claims = jwtClaims(idToken);
  if (claims === undefined) throw new OidcSignInError('invalid_id_token', 'the ID token is not a JWT');
  if (claims.iss !== settings.issuer)
    throw new OidcSignInError('invalid_id_token', `the ID token was issued by ${String(claims.iss)}`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(settings.clientId) || (audiences.length > 1 && claims.azp !== settings.clientId))
    throw new OidcSignInError('invalid_id_token', 'the ID token is not for this client');
  if (claims.nonce !== nonce)
    throw new OidcSignInError('invalid_id_token', 'the ID token is not for this sign-in');
  return claims;
}

/** Seconds until a JWT's `exp`, for a token endpoint that does not say `expires_in`; 0 if it cannot be told. */
function secondsLeft(token: string, nowMs: number): number {
  const exp = jwtClaims(token)?.exp;
  return typeof exp === 'number' ? Math.max(0, Math.floor(exp - nowMs / 1000)) : 0;
}

/** A JWT's payload, decoded but not verified; undefined for anything else. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const value = JSON.parse(new TextDecoder().decode(base64UrlDecode(payload))) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function pkceChallenge(
  verifier: string,
  webCrypto: WebCrypto = globalThis.crypto,
): Promise<string> {
  const digest = await webCrypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** 32 random bytes, base64url: 43 characters, a valid PKCE verifier (RFC 7636 §4.1) and an unguessable state. */
function randomToken(webCrypto: WebCrypto): string {
  return base64UrlEncode(webCrypto.getRandomValues(new Uint8Array(32)));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    if (b !== undefined) out += ALPHABET[(n >> 6) & 63];
    if (c !== undefined) out += ALPHABET[n & 63];
  }
  return out;
}

function base64UrlDecode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char === '+' ? '-' : char === '/' ? '_' : char);
    if (value < 0) throw new Error('not base64url');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}
