import { AuthConfigReply, intake } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import {
  demoDirectory,
  demoUsers,
  generateSigningKeys,
  type OidcSettings,
  oidcSettingsFromEnv,
} from '@docket/identity';
import { ACTOR_HEADER } from '@docket/messaging';
import { decodeJwt, generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeSignIn,
  OidcSignInError,
  signOutUrl,
  startSignIn,
} from '../../../packages/console/src/auth/oidc';
import { developmentIdentity } from '../src/dev-identity';
import type { RunningGateway } from '../src/gateway';
import { oidcIdentity } from '../src/oidc-identity';
import { memoryStorage, startTestProvider, type TestProvider } from './oidc-provider';
import { call, startTestGateway, foodSubmission as submission, type TestGateway } from './support';

/**
 * OpenID Connect sign-in end to end: a real OpenID provider (oidc-provider) started here, the console's
 * sign-in module (packages/console/src/auth/oidc.ts) driving the authorization code + PKCE flow through
 * its login and consent, and the gateway (as the embedded mode runs it: development tokens and the
 * provider's side by side) verifying the access tokens by the provider's JWKS. The intake service is a
 * stand-in on the real bus that records what reaches it: a refused token must reach nothing.
 */
describe('OpenID Connect sign-in through the gateway', () => {
  let idp: TestProvider;
  let elsewhere: TestProvider;
  let settings: OidcSettings;
  let test: TestGateway;
  let gateway: RunningGateway;
  const submitted: Actor[] = [];
  let devToken: (user: keyof typeof demoUsers) => Promise<string>;

  beforeAll(async () => {
    idp = await startTestProvider();
    elsewhere = await startTestProvider();
    // As the gateway reads it from the environment (the audience defaults to the client id).
    settings = oidcSettingsFromEnv({
      DOCKET_OIDC_ISSUER: idp.issuer,
      DOCKET_OIDC_CLIENT_ID: idp.clientId,
      DOCKET_OIDC_SCOPES: idp.scopes,
    }) as OidcSettings;
    const directory = demoDirectory();
    const development = developmentIdentity(await generateSigningKeys(), directory, 600);
    devToken = (user) => development.devTokens!.issuer.issue(demoUsers[user]);
    test = await startTestGateway({
      deps: { ...development, ...oidcIdentity(settings, directory, development.verifier) },
    });
    gateway = test.gateway;
    test.bus.serve(intake.submit.subject, (_payload, headers) => {
      submitted.push(JSON.parse(String((headers as Record<string, string>)[ACTOR_HEADER])) as Actor);
      return { caseNo: '20261207-7K3QXM', queryCode: 'ABCD2345', revision: 0n, position: 1n };
    });
  }, 60_000);

  afterAll(async () => {
    await test?.close();
    await idp?.close();
    await elsewhere?.close();
  });

  const me = (token: string) =>
    call(`${gateway.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  const submit = (token: string) =>
    call(`${gateway.url}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(submission),
    });

  /** A token in the provider's own name, signed with its own key: what it would issue with these claims. */
  const providerSigned = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const jwk = idp.signingKeys.find((key) => key.alg === 'RS256') as JWK;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid, ...header })
      .sign(await importJWK(jwk, 'RS256'));
  };

  /** The claims of a genuine access token of the provider, for u-officer-li. */
  let genuine: Record<string, unknown>;
  const claims = (changes: Record<string, unknown>) => ({ ...genuine, ...changes });

  it('tells the console how to sign in: the provider, the client, the scopes and its endpoints', async () => {
    const answer = await call(`${gateway.url}/api/auth/config`);
    expect(answer.status).toBe(200);
    expect(AuthConfigReply.strict().safeParse(answer.json).error?.issues ?? []).toEqual([]);
    expect(answer.json).toEqual({
      mode: 'oidc',
      devTokens: true,
      oidc: {
        issuer: idp.issuer,
        clientId: 'docket-console',
        scopes: 'openid profile docket',
        authorizationEndpoint: `${idp.issuer}/auth`,
        tokenEndpoint: `${idp.issuer}/token`,
        endSessionEndpoint: `${idp.issuer}/session/end`,
      },
    });
  });

  it('the console signs in (code + PKCE); the gateway answers /api/me with the actor the claims map to', async () => {
    const tokens = await idp.signIn(demoUsers.officer.id);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBeGreaterThan(0);
    genuine = decodeJwt(tokens.accessToken) as Record<string, unknown>;
    expect(genuine).toMatchObject({ iss: idp.issuer, aud: 'docket-console', sub: 'u-officer-li' });
    const answer = await me(tokens.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(demoUsers.officer);
    // Signing out at the provider too: its end_session_endpoint with the ID token as the hint.
    const config = (await call(`${gateway.url}/api/auth/config`)).json as {
      oidc: { endSessionEndpoint: string };
    };
    const out = signOutUrl(
      { ...idp.settings, endSessionEndpoint: config.oidc.endSessionEndpoint },
      { idToken: tokens.idToken as string, postLogoutRedirectUri: 'http://127.0.0.1:5173/' },
    );
    expect(out).toMatch(new RegExp(`^${idp.issuer}/session/end\\?client_id=docket-console&id_token_hint=`));
  });

  it('a command goes through with the provider’s token, as the signed-in clerk', async () => {
    const tokens = await idp.signIn(demoUsers.clerk.id);
    const before = submitted.length;
    const answer = await submit(tokens.accessToken);
    expect(answer.status, answer.text).toBe(201);
    expect(answer.headers.get('location')).toBe('/api/cases/20261207-7K3QXM');
    expect(submitted.slice(before)).toEqual([demoUsers.clerk]);
  });

  it('development tokens are accepted beside the provider’s (the embedded mode)', async () => {
    expect((await me(await devToken('head'))).json).toEqual(demoUsers.head);
  });

  describe('refused: 401, and nothing reaches the service', () => {
    const refused = async (token: string, code: string, detail?: RegExp) => {
      const before = submitted.length;
      for (const answer of [await me(token), await submit(token)]) {
        expect(answer.status, answer.text).toBe(401);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect((answer.json as { code: string }).code).toBe(code);
        if (detail) expect((answer.json as { detail: string }).detail).toMatch(detail);
      }
      expect(submitted.length).toBe(before);
    };

    it('a token of another issuer (another real provider, the same client and user)', async () => {
      const tokens = await elsewhere.signIn(demoUsers.officer.id);
      await refused(tokens.accessToken, 'TokenInvalid', /issuer/);
    });

    it('the ID token of a sign-in (its audience is the client too), presented as an access token', async () => {
      const tokens = await idp.signIn(demoUsers.officer.id);
      await refused(tokens.idToken as string, 'TokenInvalid', /ID token/);
    });

    it('an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      await refused(await providerSigned(claims({ iat: now - 1200, exp: now - 600 })), 'TokenExpired');
    });

    it('a token for another audience', async () => {
      await refused(await providerSigned(claims({ aud: 'another-api' })), 'TokenInvalid', /aud/);
    });

    it('a department the centre does not have', async () => {
      await refused(
        await providerSigned(claims({ department: 'nowhere' })),
        'TokenInvalid',
        /unknown department/,
      );
    });

    it('alg none', async () => {
      const none = new UnsecuredJWT(claims({ roles: ['admin'], department: 'huangpu' })).encode();
      await refused(none, 'TokenInvalid', /algorithm none/);
    });

    it('HMAC, keyed with the provider’s public key', async () => {
      const jwk = idp.signingKeys.find((key) => key.alg === 'RS256') as JWK;
      const { d: _, p: __, q: ___, dp: ____, dq: _____, qi: ______, ...publicJwk } = jwk;
      const hmac = await new SignJWT(claims({}))
        .setProtectedHeader({ alg: 'HS256', kid: jwk.kid })
        .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      await refused(hmac, 'TokenInvalid', /algorithm HS256/);
    });

    it('a token signed by a key the provider does not publish (under a kid it does)', async () => {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      const rogue = await new SignJWT(claims({}))
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'rs256-test' })
        .sign(privateKey);
      await refused(rogue, 'TokenInvalid');
      const unknownKid = await new SignJWT(claims({}))
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'not-published' })
        .sign(privateKey);
      await refused(unknownKid, 'TokenInvalid');
    });
  });

  it('a genuine token that carries none of docket’s roles: 403, nothing reaches the service', async () => {
    const before = submitted.length;
    const token = await providerSigned(claims({ roles: ['offline_access'] }));
    const answer = await submit(token);
    expect(answer.status).toBe(403);
    expect((answer.json as { code: string }).code).toBe('Forbidden');
    expect(submitted.length).toBe(before);
  });
});

describe('GET /api/auth/config without OpenID Connect', () => {
  it.each([
    { devTokens: true, mode: 'development' },
    { devTokens: false, mode: 'none' },
  ])('devTokens $devTokens → $mode', async ({ devTokens, mode }) => {
    const t = await startTestGateway({ devTokens });
    try {
      const answer = await call(`${t.url}/api/auth/config`);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ mode, devTokens });
      expect(AuthConfigReply.safeParse(answer.json).success).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('the console’s sign-in against the real provider', () => {
  let idp: TestProvider;

  beforeAll(async () => {
    idp = await startTestProvider();
  }, 60_000);

  afterAll(async () => {
    await idp?.close();
  });

  /** A sign-in up to the redirect back, and what it stored: for tests that then tamper with one or the other. */
  const redirected = async () => {
    const storage = memoryStorage();
    const { url, state } = await startSignIn(idp.settings, { storage });
    const stored = storage.getItem(`docket.oidc.signin.${state}`) as string;
    return { storage, state, stored, callback: await idp.authorize(url, demoUsers.reviewer.id) };
  };

  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as OidcSignInError;
    }
    throw new Error('expected a refusal');
  };

  it('asks for S256 PKCE, a state and a nonce; the provider’s redirect names it (RFC 9207)', async () => {
    const storage = memoryStorage();
    const { url, state } = await startSignIn(idp.settings, { storage });
    const params = new URL(url).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBe(state);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const callback = await idp.authorize(url, demoUsers.reviewer.id);
    expect(new URL(callback).searchParams.get('iss')).toBe(idp.issuer);
    const tokens = await completeSignIn(idp.settings, callback, { storage });
    expect(tokens.idClaims).toMatchObject({ sub: demoUsers.reviewer.id, name: demoUsers.reviewer.name });
    expect(storage.size()).toBe(0);
  });

  it('a code is exchanged once: the same redirect again is refused (the state is gone, then the code)', async () => {
    const { storage, state, stored, callback } = await redirected();
    await completeSignIn(idp.settings, callback, { storage });
    expect((await refusal(completeSignIn(idp.settings, callback, { storage }))).code).toBe('invalid_state');
    storage.setItem(`docket.oidc.signin.${state}`, stored);
    expect((await refusal(completeSignIn(idp.settings, callback, { storage }))).code).toBe('invalid_grant');
  });

  it('the provider refuses the code without the right PKCE verifier', async () => {
    const { storage, state, stored, callback } = await redirected();
    const pending = JSON.parse(stored) as { verifier: string };
    storage.setItem(
      `docket.oidc.signin.${state}`,
      JSON.stringify({ ...pending, verifier: `${pending.verifier.slice(1)}A` }),
    );
    const error = await refusal(completeSignIn(idp.settings, callback, { storage }));
    expect(error).toBeInstanceOf(OidcSignInError);
    expect(error.code).toBe('invalid_grant');
  });

  it('an ID token for another sign-in (its nonce) is refused', async () => {
    const { storage, state, stored, callback } = await redirected();
    storage.setItem(
      `docket.oidc.signin.${state}`,
      JSON.stringify({ ...JSON.parse(stored), nonce: 'another' }),
    );
    expect((await refusal(completeSignIn(idp.settings, callback, { storage }))).code).toBe(
      'invalid_id_token',
    );
  });

  it('a redirect naming another issuer is refused before the code is used (mix-up)', async () => {
    const { storage, callback } = await redirected();
    const forged = new URL(callback);
    forged.searchParams.set('iss', 'https://elsewhere.example');
    expect((await refusal(completeSignIn(idp.settings, forged.href, { storage }))).code).toBe(
      'invalid_issuer',
    );
  });

  it('reads the endpoints by discovery when the settings lack them', async () => {
    const storage = memoryStorage();
    const { url } = await startSignIn({ ...idp.settings }, { storage });
    expect(url.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  });
});

describe('an OpenID provider that cannot be reached', () => {
  it('a token in its name is 503 (not 401: the token may be fine); /api/auth/config leaves the endpoints out', async () => {
    const issuer = 'http://127.0.0.1:9';
    const directory = demoDirectory();
    const settings = oidcSettingsFromEnv({
      DOCKET_OIDC_ISSUER: issuer,
      DOCKET_OIDC_CLIENT_ID: 'docket-console',
    });
    const warnings: string[] = [];
    const test = await startTestGateway({
      deps: {
        logger: { info() {}, warn: (message) => warnings.push(message), error() {} },
        ...oidcIdentity(settings as OidcSettings, directory),
      },
    });
    const { gateway } = test;
    try {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ roles: ['officer'], department: 'huangpu-market' })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k' })
        .setSubject('u-officer-li')
        .setIssuer(issuer)
        .setAudience('docket-console')
        .setExpirationTime('10m')
        .sign(privateKey);
      const answer = await call(`${gateway.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(503);
      expect((answer.json as { code: string }).code).toBe('OidcProviderUnavailable');
      const config = await call(`${gateway.url}/api/auth/config`);
      expect(config.json).toEqual({
        mode: 'oidc',
        devTokens: false,
        oidc: { issuer, clientId: 'docket-console', scopes: 'openid profile' },
      });
      expect(warnings.join('\n')).toMatch(/could not be asked/);
    } finally {
      await test.close();
    }
  });
});
