/**
 * OpenID Connect sign-in for the console: the authorization code flow with PKCE (RFC 7636, S256) as a
 * public client. Framework-free, and nothing but `fetch` and WebCrypto (`crypto.subtle`,
 * `crypto.getRandomValues`), so the same code runs in the browser and in Node 20 (the gateway's tests drive
 * a real OpenID provider with it).
 *
 *   1. `startSignIn(settings, deps, { returnTo })` → the provider's authorization URL; the PKCE verifier,
 *      the state, the nonce and the page to return to wait in `deps.storage` (sessionStorage in the
 *      browser) under the state. Sign-ins abandoned there longer than `PENDING_TTL_MS` are cleared.
 *   2. The provider sends the browser back to `redirectUri?code=…&state=…`:
 *      `completeSignIn(settings, location.href, deps)` checks the state first (a callback this browser did
 *      not start is refused whatever else it says, the provider's `error` included), then the `iss` the
 *      provider names (RFC 9207), exchanges the code with the verifier at the token endpoint, checks the ID
 *      token's issuer, audience and nonce, and answers the tokens, when the access token expires and the
 *      page to return to. Every refusal is an `OidcSignInError` whose `reason` the console translates; no
 *      text of the provider's (`error_description`) is kept.
 *   3. `signOutUrl(settings, { idToken, postLogoutRedirectUri })` → the provider's end_session_endpoint, if
 *      it has one; if it has none, `rememberSignOut` makes the next `startSignIn` ask for `prompt=login`.
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
  /** With `key`, lets abandoned sign-ins be found and cleared (Web Storage has both). */
  readonly length?: number;
  key?(index: number): string | null;
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

/** A completed sign-in: the tokens, and the page it was started from (a same-origin path), if any. */
export interface OidcSignInResult extends OidcTokens {
  returnTo?: string;
}

/**
 * Why a sign-in cannot go on, for the user (the console has a message for each):
 * - `unknown_state`: the callback's state was not started in this browser, was already used, or was for
 *   another provider or client: a link someone else made, or a replay;
 * - `expired_state`: started here, but longer ago than a sign-in may take;
 * - `provider_error`: the provider refused (`error=…`, for a sign-in started here; see `providerError`);
 * - `issuer_mismatch`: the answer names another provider (RFC 9207);
 * - `missing_code`: the answer carries neither a code nor an error;
 * - `token_exchange_failed`: the token endpoint refused the code or could not be reached;
 * - `invalid_token_response`, `invalid_id_token`: what it answered is not usable for this sign-in;
 * - `discovery_failed`: the provider's discovery document could not be read.
 */
export type OidcFailure =
  | 'unknown_state'
  | 'expired_state'
  | 'provider_error'
  | 'issuer_mismatch'
  | 'missing_code'
  | 'token_exchange_failed'
  | 'invalid_token_response'
  | 'invalid_id_token'
  | 'discovery_failed';

/**
 * The OAuth 2.0 / OpenID Connect error codes a provider may send back (RFC 6749 §4.1.2.1, OpenID Connect
 * Core §3.1.2.6, RFC 8707, RFC 9126) or answer at the token endpoint (RFC 6749 §5.2). Any other code is
 * taken for what it is: unknown.
 */
export const OAUTH_ERRORS = [
  'access_denied',
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
  'invalid_target',
  'invalid_client',
  'invalid_grant',
  'unsupported_grant_type',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERRORS)[number];

/** `code` if it is one of the known OAuth error codes, otherwise undefined. */
export function knownOAuthError(code: unknown): OAuthErrorCode | undefined {
  return OAUTH_ERRORS.find((known) => known === code);
}

/**
 * A sign-in that cannot go on. `reason` says why, for the user; `code` is the protocol's word for it
 * (a known OAuth error the provider answered, `invalid_state`, `invalid_issuer`, `invalid_request`,
 * `token_request_failed`, `invalid_token_response`, `invalid_id_token`, `discovery_failed`, or
 * `unknown_error` for a code the provider sent that is not a known one); `providerError` the provider's
 * known OAuth error, if it sent one. The message is for developers, in English, and never carries the
 * provider's own text.
 */
export class OidcSignInError extends Error {
  readonly providerError: OAuthErrorCode | undefined;
  constructor(
    readonly reason: OidcFailure,
    readonly code: string,
    message: string,
    providerError?: OAuthErrorCode,
  ) {
    super(message);
    this.name = 'OidcSignInError';
    this.providerError = providerError;
  }
}

const DEFAULT_SCOPES = 'openid profile';
const STORAGE_PREFIX = 'docket.oidc.signin.';
/** Kept (in localStorage) when a sign-out could not end the provider's session: the next sign-in asks for a login. */
const SIGNED_OUT_KEY = 'docket.oidc.signedOut';
/**
 * A sign-in not completed within this time is refused, and cleared when another starts (the provider's
 * codes live far shorter; a login at the provider takes far less).
 */
export const PENDING_TTL_MS = 10 * 60 * 1000;

interface Pending {
  verifier: string;
  nonce: string;
  redirectUri: string;
  issuer: string;
  clientId: string;
  createdAt: number;
  /** The console page the sign-in was started from (a same-origin path). */
  returnTo?: string;
}

/**
 * A page to return to after signing in: a path of this origin (`/cases?status=open`), never another site
 * (`//evil.example`, `/\evil.example`, `https://…`), never the sign-in pages themselves. Undefined otherwise.
 */
export function safeReturnPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return undefined;
  // Browsers read a backslash as a slash (`/\host` is `//host`); control characters are never a page.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return undefined;
  const base = 'https://console.invalid';
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  if (url.pathname === '/signin' || url.pathname.startsWith('/signin/')) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Clears the sign-ins started here and abandoned (older than `PENDING_TTL_MS`, or unreadable). */
export function prunePendingSignIns(storage: KeyValueStorage, now: number): void {
  if (storage.key === undefined || storage.length === undefined) return;
  const stale: string[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index);
    if (key === null || !key.startsWith(STORAGE_PREFIX)) continue;
    let createdAt: unknown;
    try {
      createdAt = (JSON.parse(storage.getItem(key) ?? 'null') as Partial<Pending> | null)?.createdAt;
    } catch {
      createdAt = undefined;
    }
    if (typeof createdAt !== 'number' || now - createdAt > PENDING_TTL_MS || createdAt > now + PENDING_TTL_MS)
      stale.push(key);
  }
  for (const key of stale) storage.removeItem(key);
}

/**
 * A sign-out that could not end the provider's session (it has no end_session_endpoint): remembered (in
 * localStorage, for every tab of this browser) so that the next sign-in asks the provider for a login
 * (`prompt=login`) instead of signing the same person straight back in.
 */
export function rememberSignOut(storage: KeyValueStorage, now: number = Date.now()): void {
  storage.setItem(SIGNED_OUT_KEY, String(now));
}

/** Whether a sign-out is remembered (`rememberSignOut`) and no sign-in has completed since. */
export function signOutRemembered(storage: KeyValueStorage): boolean {
  return storage.getItem(SIGNED_OUT_KEY) !== null;
}

/** A sign-in completed: the remembered sign-out has done its work. */
export function forgetSignOut(storage: KeyValueStorage): void {
  storage.removeItem(SIGNED_OUT_KEY);
}

const discoveryFailed = (message: string) =>
  new OidcSignInError('discovery_failed', 'discovery_failed', message);

/** The provider's endpoints from its discovery document (`<issuer>/.well-known/openid-configuration`). */
export async function discoverEndpoints(
  issuer: string,
  fetchImpl: typeof fetch = fetch,
): Promise<OidcEndpoints> {
  let response: Response;
  try {
    response = await fetchImpl(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    throw discoveryFailed('the provider could not be reached');
  }
  if (!response.ok) throw discoveryFailed(`the provider's discovery answered ${response.status}`);
  const document = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (document.issuer !== issuer) throw discoveryFailed('the discovery document names another issuer');
  const { authorization_endpoint, token_endpoint, end_session_endpoint } = document;
  if (typeof authorization_endpoint !== 'string' || typeof token_endpoint !== 'string')
    throw discoveryFailed('the discovery document names no authorization or token endpoint');
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
 * a nonce, kept in `deps.storage` under the state with the page to return to (`extra.returnTo`, if it is a
 * same-origin path: `safeReturnPath`); answers the authorization URL to send the browser to. Sign-ins
 * abandoned in `deps.storage` are cleared first.
 */
export async function startSignIn(
  settings: OidcSignInSettings,
  deps: OidcDeps,
  extra: { prompt?: string; loginHint?: string; returnTo?: string } = {},
): Promise<{ url: string; state: string }> {
  const webCrypto = deps.crypto ?? globalThis.crypto;
  const endpoints = await endpointsOf(settings, deps);
  const verifier = randomToken(webCrypto);
  const state = randomToken(webCrypto);
  const nonce = randomToken(webCrypto);
  const challenge = await pkceChallenge(verifier, webCrypto);
  const createdAt = (deps.now ?? Date.now)();
  const returnTo = safeReturnPath(extra.returnTo);
  const pending: Pending = {
    verifier,
    nonce,
    redirectUri: settings.redirectUri,
    issuer: settings.issuer,
    clientId: settings.clientId,
    createdAt,
    ...(returnTo === undefined ? {} : { returnTo }),
  };
  prunePendingSignIns(deps.storage, createdAt);
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
 * The state is checked before anything else the URL says (the provider's `error` included) and used once,
 * whatever happens.
 * @throws OidcSignInError: `unknown_state` (not started here, used, or for another provider or client),
 * `expired_state`, `provider_error` (the provider's `error`, for a sign-in started here), `issuer_mismatch`,
 * `missing_code`, `token_exchange_failed`, `invalid_token_response`, `invalid_id_token`, `discovery_failed`
 */
export async function completeSignIn(
  settings: OidcSignInSettings,
  callbackUrl: string,
  deps: OidcDeps,
): Promise<OidcSignInResult> {
  const now = deps.now ?? Date.now;
  const params = new URL(callbackUrl).searchParams;
  const state = params.get('state');
  const key = STORAGE_PREFIX + (state ?? '');
  const stored = state === null || state === '' ? null : deps.storage.getItem(key);
  if (stored !== null) deps.storage.removeItem(key);
  // First: is this a sign-in this browser started? Nothing else a link says counts before that.
  if (stored === null)
    throw new OidcSignInError(
      'unknown_state',
      'invalid_state',
      'this sign-in was not started here, or was already used',
    );
  let pending: Pending;
  try {
    pending = JSON.parse(stored) as Pending;
  } catch {
    throw new OidcSignInError('unknown_state', 'invalid_state', 'the stored sign-in is unreadable');
  }
  if (pending.issuer !== settings.issuer || pending.clientId !== settings.clientId)
    throw new OidcSignInError(
      'unknown_state',
      'invalid_state',
      'the sign-in was started for another provider or client',
    );
  if (typeof pending.createdAt !== 'number' || now() - pending.createdAt > PENDING_TTL_MS)
    throw new OidcSignInError('expired_state', 'invalid_state', 'the sign-in took too long; start it again');
  // RFC 9207: a provider that names itself must be the one the sign-in was started with (mix-up attacks).
  const iss = params.get('iss');
  if (iss !== null && iss !== settings.issuer)
    throw new OidcSignInError('issuer_mismatch', 'invalid_issuer', 'the answer came from another issuer');
  const error = params.get('error');
  if (error !== null) {
    // Only a known code is kept; error_description is the provider's (or a link's) text: never shown.
    const known = knownOAuthError(error);
    throw new OidcSignInError(
      'provider_error',
      known ?? 'unknown_error',
      `the provider refused the sign-in (${known ?? 'an unknown error'})`,
      known,
    );
  }
  const code = params.get('code');
  if (code === null || code === '')
    throw new OidcSignInError('missing_code', 'invalid_request', 'the answer carries no code');

  const endpoints = await endpointsOf(settings, deps);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: settings.clientId,
    code_verifier: pending.verifier,
    ...(settings.resource === undefined ? {} : { resource: settings.resource }),
  });
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(endpoints.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
  } catch {
    throw new OidcSignInError(
      'token_exchange_failed',
      'token_request_failed',
      'the token endpoint could not be reached',
    );
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const known = knownOAuthError(answer.error);
    throw new OidcSignInError(
      'token_exchange_failed',
      known ?? 'token_request_failed',
      `the token endpoint answered ${response.status}${known === undefined ? '' : ` (${known})`}`,
      known,
    );
  }
  const { access_token, token_type, expires_in, id_token, refresh_token, scope } = answer;
  if (typeof access_token !== 'string' || access_token === '')
    throw invalidTokenResponse('the token endpoint gave no access token');
  if (typeof token_type !== 'string' || token_type.toLowerCase() !== 'bearer')
    throw invalidTokenResponse('the token type is not Bearer');
  const issuedAt = now();
  const expiresIn = typeof expires_in === 'number' ? expires_in : secondsLeft(access_token, issuedAt);
  let idClaims: Record<string, unknown> | undefined;
  if (typeof id_token === 'string') idClaims = checkedIdClaims(id_token, settings, pending.nonce);
  // Checked again on the way out: what is in the storage may have been put there by anything on the page.
  const returnTo = safeReturnPath(pending.returnTo);
  return {
    accessToken: access_token,
    tokenType: 'Bearer',
    expiresIn,
    expiresAt: issuedAt + expiresIn * 1000,
    ...(typeof id_token === 'string' ? { idToken: id_token } : {}),
    ...(typeof refresh_token === 'string' ? { refreshToken: refresh_token } : {}),
    ...(typeof scope === 'string' ? { scope } : {}),
    ...(idClaims === undefined ? {} : { idClaims }),
    ...(returnTo === undefined ? {} : { returnTo }),
  };
}

const invalidTokenResponse = (message: string) =>
  new OidcSignInError('invalid_token_response', 'invalid_token_response', message);
const invalidIdToken = (message: string) =>
  new OidcSignInError('invalid_id_token', 'invalid_id_token', message);

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
  if (claims === undefined) throw invalidIdToken('the ID token is not a JWT');
  if (claims.iss !== settings.issuer) throw invalidIdToken('the ID token was issued by another issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(settings.clientId) || (audiences.length > 1 && claims.azp !== settings.clientId))
    throw invalidIdToken('the ID token is not for this client');
  if (claims.nonce !== nonce) throw invalidIdToken('the ID token is not for this sign-in');
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
