// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  completeSignIn,
  jwtClaims,
  type KeyValueStorage,
  OidcSignInError,
  type OidcSignInSettings,
  pkceChallenge,
  signOutUrl,
  startSignIn,
} from './oidc';

/**
 * The parts of the sign-in that need no provider. The flow itself (code exchange, PKCE checked by the
 * provider, the ID token's nonce, a code used twice) runs against a real OpenID provider in
 * services/gateway/test/oidc.spec.ts.
 */
const settings: OidcSignInSettings = {
  issuer: 'https://id.example/realms/docket',
  clientId: 'docket-console',
  redirectUri: 'https://docket.example/auth/callback',
  scopes: 'openid profile docket',
  authorizationEndpoint: 'https://id.example/realms/docket/protocol/openid-connect/auth',
  tokenEndpoint: 'https://id.example/realms/docket/protocol/openid-connect/token',
};

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** No request may leave in these tests: every refusal happens before the token endpoint. */
const noNetwork = (() => {
  throw new Error('no request expected');
}) as unknown as typeof fetch;

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as OidcSignInError;
  }
  throw new Error('expected a refusal');
};

describe('startSignIn', () => {
  it('PKCE S256 is BASE64URL(SHA256(verifier)) (RFC 7636 appendix B)', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('answers the authorization URL and keeps verifier, state and nonce for the way back', async () => {
    const storage = memoryStorage();
    const { url, state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(settings.authorizationEndpoint);
    const params = Object.fromEntries(parsed.searchParams);
    expect(params).toEqual({
      response_type: 'code',
      client_id: 'docket-console',
      redirect_uri: settings.redirectUri,
      scope: 'openid profile docket',
      state,
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pending = JSON.parse(storage.items.get(`docket.oidc.signin.${state}`) as string);
    expect(pending).toMatchObject({ nonce: params.nonce, redirectUri: settings.redirectUri });
    // The verifier stays here; only its challenge leaves.
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await pkceChallenge(pending.verifier)).toBe(params.code_challenge);
    expect(url).not.toContain(pending.verifier);
  });

  it('every sign-in has its own verifier, state and nonce', async () => {
    const storage = memoryStorage();
    const a = await startSignIn(settings, { storage, fetch: noNetwork });
    const b = await startSignIn(settings, { storage, fetch: noNetwork });
    expect(a.state).not.toBe(b.state);
    expect(new URL(a.url).searchParams.get('code_challenge')).not.toBe(
      new URL(b.url).searchParams.get('code_challenge'),
    );
    expect(storage.items.size).toBe(2);
  });
});

describe('completeSignIn refuses before anything is sent', () => {
  it('a state this browser did not start', async () => {
    const storage = memoryStorage();
    await startSignIn(settings, { storage, fetch: noNetwork });
    const error = await refusal(
      completeSignIn(settings, `${settings.redirectUri}?code=abc&state=forged`, {
        storage,
        fetch: noNetwork,
      }),
    );
    expect(error).toBeInstanceOf(OidcSignInError);
    expect(error.code).toBe('invalid_state');
  });

  it('the provider’s error (the state is used up all the same)', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const error = await refusal(
      completeSignIn(
        settings,
        `${settings.redirectUri}?error=access_denied&error_description=the+user+said+no&state=${state}`,
        { storage, fetch: noNetwork },
      ),
    );
    expect(error.code).toBe('access_denied');
    expect(error.message).toBe('the user said no');
    expect(storage.items.size).toBe(0);
  });

  it('a sign-in left too long', async () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-12-07T08:00:00Z');
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork, now: () => now });
    now += 16 * 60 * 1000;
    const error = await refusal(
      completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${state}`, {
        storage,
        fetch: noNetwork,
        now: () => now,
      }),
    );
    expect(error.code).toBe('invalid_state');
  });

  it('an answer naming another issuer (RFC 9207), or no code', async () => {
    const storage = memoryStorage();
    const first = await startSignIn(settings, { storage, fetch: noNetwork });
    expect(
      (
        await refusal(
          completeSignIn(
            settings,
            `${settings.redirectUri}?code=abc&state=${first.state}&iss=${encodeURIComponent('https://evil.example')}`,
            { storage, fetch: noNetwork },
          ),
        )
      ).code,
    ).toBe('invalid_issuer');
    const second = await startSignIn(settings, { storage, fetch: noNetwork });
    expect(
      (
        await refusal(
          completeSignIn(settings, `${settings.redirectUri}?state=${second.state}`, {
            storage,
            fetch: noNetwork,
          }),
        )
      ).code,
    ).toBe('invalid_request');
  });
});

describe('signOutUrl and jwtClaims', () => {
  it('the end_session_endpoint with the ID token hint, or nothing when the provider has none', () => {
    expect(signOutUrl(settings, { idToken: 'x.y.z' })).toBeUndefined();
    const url = new URL(
      signOutUrl(
        { ...settings, endSessionEndpoint: 'https://id.example/logout' },
        { idToken: 'x.y.z', postLogoutRedirectUri: 'https://docket.example/' },
      ) as string,
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'docket-console',
      id_token_hint: 'x.y.z',
      post_logout_redirect_uri: 'https://docket.example/',
    });
  });

  it('decodes a JWT payload (UTF-8 included) and nothing else', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'u-officer-li', name: '李强' })).toString('base64url');
    expect(jwtClaims(`e30.${payload}.sig`)).toEqual({ sub: 'u-officer-li', name: '李强' });
    expect(jwtClaims('opaque-token')).toBeUndefined();
    expect(jwtClaims('a.!!!.c')).toBeUndefined();
  });
});
