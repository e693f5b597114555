// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  completeSignIn,
  forgetSignOut,
  jwtClaims,
  type KeyValueStorage,
  OidcSignInError,
  type OidcSignInSettings,
  PENDING_TTL_MS,
  pkceChallenge,
  prunePendingSignIns,
  rememberSignOut,
  safeReturnPath,
  signOutRemembered,
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
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
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

  it('the provider’s error, for a sign-in started here: its known code, never its text (the state is used up)', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const error = await refusal(
      completeSignIn(
        settings,
        `${settings.redirectUri}?error=access_denied&error_description=the+user+said+no&state=${state}`,
        { storage, fetch: noNetwork },
      ),
    );
    expect(error).toBeInstanceOf(OidcSignInError);
    expect(error).toMatchObject({
      reason: 'provider_error',
      code: 'access_denied',
      providerError: 'access_denied',
    });
    expect(error.message).not.toContain('said no');
    expect(storage.items.size).toBe(0);
  });

  it('an error code that is not a known OAuth one is the generic provider error', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const error = await refusal(
      completeSignIn(
        settings,
        `${settings.redirectUri}?error=call_400_123&error_description=${encodeURIComponent('请致电 400-123 解冻账号')}&state=${state}`,
        { storage, fetch: noNetwork },
      ),
    );
    expect(error).toMatchObject({
      reason: 'provider_error',
      code: 'unknown_error',
      providerError: undefined,
    });
    expect(error.message).not.toMatch(/call_400|400-123/);
  });

  it('the state comes before the error: a link with an error and no state, or another’s, is an unknown sign-in', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const forged = `${settings.redirectUri}?error=access_denied&error_description=${encodeURIComponent('账号已冻结，请致电 400-123')}`;
    for (const url of [forged, `${forged}&state=forged`, `${forged}&state=`]) {
      const error = await refusal(completeSignIn(settings, url, { storage, fetch: noNetwork }));
      expect(error, url).toMatchObject({
        reason: 'unknown_state',
        code: 'invalid_state',
        providerError: undefined,
      });
      expect(error.message).not.toContain('400-123');
    }
    // This browser's own sign-in is untouched: it may still complete.
    expect(storage.items.has(`docket.oidc.signin.${state}`)).toBe(true);
  });

  it('a state started for another provider or client is an unknown sign-in too', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn({ ...settings, clientId: 'another' }, { storage, fetch: noNetwork });
    const error = await refusal(
      completeSignIn(settings, `${settings.redirectUri}?error=access_denied&state=${state}`, {
        storage,
        fetch: noNetwork,
      }),
    );
    expect(error).toMatchObject({ reason: 'unknown_state', code: 'invalid_state' });
  });

  it('a sign-in left too long', async () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-12-07T08:00:00Z');
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork, now: () => now });
    now += PENDING_TTL_MS + 1;
    const error = await refusal(
      completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${state}`, {
        storage,
        fetch: noNetwork,
        now: () => now,
      }),
    );
    expect(error).toMatchObject({ reason: 'expired_state', code: 'invalid_state' });
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
      ).reason,
    ).toBe('issuer_mismatch');
    const second = await startSignIn(settings, { storage, fetch: noNetwork });
    expect(
      (
        await refusal(
          completeSignIn(settings, `${settings.redirectUri}?state=${second.state}`, {
            storage,
            fetch: noNetwork,
          }),
        )
      ).reason,
    ).toBe('missing_code');
  });
});

/** An unsigned JWT (the console does not verify the ID token's signature: it came over TLS). */
const jwt = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

/** A token endpoint that answers `status` and `body` (and records what it was sent). */
function tokenEndpoint(status: number, body: (form: URLSearchParams) => Record<string, unknown>) {
  const sent: URLSearchParams[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const form = new URLSearchParams(String(init.body));
    sent.push(form);
    return new Response(JSON.stringify(body(form)), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { sent, fetch: fetchImpl };
}

describe('completeSignIn at the token endpoint', () => {
  const nonceOf = (storage: ReturnType<typeof memoryStorage>, state: string) =>
    (JSON.parse(storage.items.get(`docket.oidc.signin.${state}`) as string) as { nonce: string }).nonce;

  it('answers the tokens and the page the sign-in was started from', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(
      settings,
      { storage, fetch: noNetwork },
      { returnTo: '/cases?status=open' },
    );
    const nonce = nonceOf(storage, state);
    const idToken = jwt({ iss: settings.issuer, aud: settings.clientId, nonce, sub: 'u-clerk-wang' });
    const endpoint = tokenEndpoint(200, () => ({
      access_token: 'at',
      token_type: 'Bearer',
      expires_in: 600,
      id_token: idToken,
    }));
    const result = await completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${state}`, {
      storage,
      fetch: endpoint.fetch,
    });
    expect(result).toMatchObject({ accessToken: 'at', idToken, returnTo: '/cases?status=open' });
    expect(endpoint.sent[0]?.get('code')).toBe('abc');
  });

  it('no page to return to when none was given, or it was tampered with in the storage', async () => {
    for (const returnTo of [undefined, '//evil.example/']) {
      const storage = memoryStorage();
      const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
      const key = `docket.oidc.signin.${state}`;
      const pending = JSON.parse(storage.items.get(key) as string) as Record<string, unknown>;
      expect(pending.returnTo).toBeUndefined();
      if (returnTo !== undefined) storage.setItem(key, JSON.stringify({ ...pending, returnTo }));
      const endpoint = tokenEndpoint(200, () => ({
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 600,
        id_token: jwt({ iss: settings.issuer, aud: settings.clientId, nonce: pending.nonce }),
      }));
      const result = await completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${state}`, {
        storage,
        fetch: endpoint.fetch,
      });
      expect(result.returnTo).toBeUndefined();
    }
  });

  it('a refused code is token_exchange_failed, with the known OAuth code and none of the provider’s text', async () => {
    const storage = memoryStorage();
    const { state } = await startSignIn(settings, { storage, fetch: noNetwork });
    const endpoint = tokenEndpoint(400, () => ({
      error: 'invalid_grant',
      error_description: 'grant request is invalid',
    }));
    const error = await refusal(
      completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${state}`, {
        storage,
        fetch: endpoint.fetch,
      }),
    );
    expect(error).toMatchObject({
      reason: 'token_exchange_failed',
      code: 'invalid_grant',
      providerError: 'invalid_grant',
    });
    expect(error.message).not.toContain('grant request');
  });

  it('an unknown error code, or no answer at all, is token_exchange_failed too', async () => {
    const storage = memoryStorage();
    const first = await startSignIn(settings, { storage, fetch: noNetwork });
    const odd = tokenEndpoint(500, () => ({ error: 'call us', error_description: 'on 400-123' }));
    expect(
      await refusal(
        completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${first.state}`, {
          storage,
          fetch: odd.fetch,
        }),
      ),
    ).toMatchObject({
      reason: 'token_exchange_failed',
      code: 'token_request_failed',
      providerError: undefined,
    });
    const second = await startSignIn(settings, { storage, fetch: noNetwork });
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(
      await refusal(
        completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${second.state}`, {
          storage,
          fetch: unreachable,
        }),
      ),
    ).toMatchObject({ reason: 'token_exchange_failed', code: 'token_request_failed' });
  });

  it('an ID token for another sign-in, or an answer without an access token, is refused by its reason', async () => {
    const storage = memoryStorage();
    const first = await startSignIn(settings, { storage, fetch: noNetwork });
    const otherNonce = tokenEndpoint(200, () => ({
      access_token: 'at',
      token_type: 'Bearer',
      expires_in: 600,
      id_token: jwt({ iss: settings.issuer, aud: settings.clientId, nonce: 'another' }),
    }));
    expect(
      await refusal(
        completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${first.state}`, {
          storage,
          fetch: otherNonce.fetch,
        }),
      ),
    ).toMatchObject({ reason: 'invalid_id_token', code: 'invalid_id_token' });
    const second = await startSignIn(settings, { storage, fetch: noNetwork });
    const noToken = tokenEndpoint(200, () => ({ token_type: 'Bearer' }));
    expect(
      await refusal(
        completeSignIn(settings, `${settings.redirectUri}?code=abc&state=${second.state}`, {
          storage,
          fetch: noToken.fetch,
        }),
      ),
    ).toMatchObject({ reason: 'invalid_token_response' });
  });
});

describe('the page to return to', () => {
  it('only a path of this origin, and not the sign-in pages', () => {
    expect(safeReturnPath('/cases')).toBe('/cases');
    expect(safeReturnPath('/cases?status=open#top')).toBe('/cases?status=open#top');
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/signinx')).toBe('/signinx');
    for (const path of [
      undefined,
      42,
      '',
      'cases',
      '//evil.example/cases',
      '///evil.example',
      '/\\evil.example',
      '/\tevil',
      'https://evil.example/',
      'javascript:alert(1)',
      '/signin',
      '/signin/callback?code=x',
      '/signin?x=1',
      '/signin/',
    ])
      expect(safeReturnPath(path), String(path)).toBeUndefined();
  });

  it('is kept with the pending sign-in only when it is one', async () => {
    const storage = memoryStorage();
    const kept = await startSignIn(settings, { storage, fetch: noNetwork }, { returnTo: '/cases' });
    const refused = await startSignIn(
      settings,
      { storage, fetch: noNetwork },
      { returnTo: '//evil.example' },
    );
    const pending = (state: string) => JSON.parse(storage.items.get(`docket.oidc.signin.${state}`) as string);
    expect(pending(kept.state).returnTo).toBe('/cases');
    expect(pending(refused.state)).not.toHaveProperty('returnTo');
  });
});

describe('abandoned sign-ins', () => {
  it('are cleared when a new one starts: older than the time a sign-in may take, or unreadable', async () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-12-07T08:00:00Z');
    const deps = { storage, fetch: noNetwork, now: () => now };
    const abandoned = await startSignIn(settings, deps);
    now += PENDING_TTL_MS - 60_000;
    const recent = await startSignIn(settings, deps);
    storage.setItem('docket.oidc.signin.garbled', '{not json');
    storage.setItem('docket.session', 'not ours');
    now += 2 * 60_000;
    const fresh = await startSignIn(settings, deps);
    expect([...storage.items.keys()].sort()).toEqual(
      ['docket.session', `docket.oidc.signin.${recent.state}`, `docket.oidc.signin.${fresh.state}`].sort(),
    );
    expect(storage.items.has(`docket.oidc.signin.${abandoned.state}`)).toBe(false);
  });

  it('a storage that cannot list its keys is left as it is', () => {
    const items = new Map([['docket.oidc.signin.old', JSON.stringify({ createdAt: 0 })]]);
    prunePendingSignIns(
      {
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => void items.set(key, value),
        removeItem: (key) => void items.delete(key),
      },
      Date.now(),
    );
    expect(items.size).toBe(1);
  });
});

describe('a sign-out the provider could not end', () => {
  it('is remembered until a sign-in completes', () => {
    const storage = memoryStorage();
    expect(signOutRemembered(storage)).toBe(false);
    rememberSignOut(storage);
    expect(signOutRemembered(storage)).toBe(true);
    forgetSignOut(storage);
    expect(signOutRemembered(storage)).toBe(false);
  });

  it('the next sign-in asks the provider for a login', async () => {
    const { url } = await startSignIn(
      settings,
      { storage: memoryStorage(), fetch: noNetwork },
      { prompt: 'login' },
    );
    expect(new URL(url).searchParams.get('prompt')).toBe('login');
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
