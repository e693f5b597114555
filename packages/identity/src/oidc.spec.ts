import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, demoUsers } from './demo';
import { Forbidden, OidcProviderUnavailable, TokenExpired, TokenInvalid, TokenMissing } from './errors';
import { type CryptoKey, generateSigningKeys } from './keys';
import {
  createOidcTokenVerifier,
  discoverOidcProvider,
  type OidcTokenVerifierOptions,
  oidcSettingsFromEnv,
  rolesOf,
  tokenVerifierByIssuer,
} from './oidc';
import { createTokenIssuer, createTokenVerifier } from './tokens';

/**
 * A real HTTP server publishing a discovery document and a JWK set, as a provider does; the tokens are
 * signed here with the keys it publishes (the full flow against a real OpenID provider is in
 * services/gateway/test/oidc.spec.ts).
 */
type SigningKey = { alg: string; kid: string; privateKey: CryptoKey; publicJwk: JWK };

const keyOf = async (alg: string, kid: string): Promise<SigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};

let server: Server;
let issuer: string;
let published: JWK[] = [];
let discoveryIssuer: string | undefined;
let discoveryRequests = 0;
let jwksRequests = 0;
const keys: Record<string, SigningKey> = {};
const { tree } = demoDirectory();
const audience = 'docket-console';
const issuedAt = Math.floor(Date.parse('2026-03-04T02:00:00Z') / 1000);
const at = (seconds: number) => () => new Date((issuedAt + seconds) * 1000);

beforeAll(async () => {
  for (const [alg, kid] of [
    ['RS256', 'rsa-1'],
    ['ES256', 'ec-1'],
    ['EdDSA', 'ed-1'],
  ] as const)
    keys[alg] = await keyOf(alg, kid);
  keys.rogue = await keyOf('RS256', 'rsa-1'); // the same kid, a key the provider does not publish
  keys.rotated = await keyOf('ES256', 'ec-2');
  published = [keys.RS256!, keys.ES256!, keys.EdDSA!].map((k) => k.publicJwk);
  server = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      discoveryRequests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          issuer: discoveryIssuer ?? issuer,
          jwks_uri: `${issuer}/jwks`,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
        }),
      );
    } else if (request.url === '/jwks') {
      jwksRequests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published }));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000); // RSA key generation on a busy machine

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const sign = (
  claims: JWTPayload,
  options: { key?: SigningKey; issuer?: string; audience?: string | string[]; exp?: number } = {},
) => {
  const key = options.key ?? keys.RS256!;
  return new SignJWT({ roles: ['officer'], department: 'huangpu-market', name: '李强', ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setSubject((claims.sub as string | undefined) ?? 'u-officer-li')
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(options.exp ?? issuedAt + 600)
    .sign(key.privateKey);
};

const verifier = (options: Partial<OidcTokenVerifierOptions> = {}) =>
  createOidcTokenVerifier({ issuer, audience, departments: tree, now: at(60), ...options });

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('an OpenID provider’s access tokens', () => {
  it('verifies RS256, ES256 and EdDSA tokens by the provider’s JWKS and maps the claims to the Actor', async () => {
    const v = verifier();
    for (const alg of ['RS256', 'ES256', 'EdDSA'])
      expect(await v.verify(await sign({}, { key: keys[alg]! }))).toEqual(demoUsers.officer);
  });

  it('finds the provider by discovery once and keeps its keys', async () => {
    const before = { discovery: discoveryRequests, jwks: jwksRequests };
    const v = verifier({ cacheSize: 0 });
    for (let i = 0; i < 3; i++) await v.verify(await sign({ jti: `t${i}` }));
    expect(discoveryRequests - before.discovery).toBe(1);
    expect(jwksRequests - before.jwks).toBe(1);
    expect((await v.provider()).token_endpoint).toBe(`${issuer}/token`);
  });

  it('fetches the JWKS again for a kid it does not know (the provider rotated its keys)', async () => {
    const v = verifier({ jwksCooldownSeconds: 0 });
    await v.verify(await sign({}));
    const rotated = await sign({}, { key: keys.rotated! });
    expect(await refusal(v.verify(rotated))).toBeInstanceOf(TokenInvalid);
    published = [...published, keys.rotated!.publicJwk];
    try {
      expect(await v.verify(rotated)).toEqual(demoUsers.officer);
    } finally {
      published = published.filter((k) => k.kid !== 'ec-2');
    }
  });

  it('names: name, else preferred_username, else sub', async () => {
    const v = verifier();
    expect((await v.verify(await sign({ name: undefined, preferred_username: 'li.qiang' }))).name).toBe(
      'li.qiang',
    );
    expect((await v.verify(await sign({ name: undefined }))).name).toBe('u-officer-li');
  });

  it('roles: an array or a space-separated string; roles docket does not have are dropped', async () => {
    const v = verifier();
    expect(
      (await v.verify(await sign({ roles: ['offline_access', 'reviewer', 'officer', 'reviewer'] }))).roles,
    ).toEqual(['reviewer', 'officer']);
    expect((await v.verify(await sign({ roles: 'uma_authorization head' }))).roles).toEqual(['head']);
    expect(rolesOf(undefined)).toEqual([]);
    expect(rolesOf(42)).toEqual([]);
  });

  it('takes the roles and department from the configured claims, by name or dotted path', async () => {
    const v = verifier({ rolesClaim: 'realm_access.roles', departmentClaim: 'https://docket.example/dept' });
    const actor = await v.verify(
      await sign({
        roles: undefined,
        department: undefined,
        realm_access: { roles: ['head'] },
        'https://docket.example/dept': 'huangpu-planning',
      }),
    );
    expect(actor).toMatchObject({ roles: ['head'], department: 'huangpu-planning' });
  });

  it('an applicant has no department', async () => {
    const actor = await verifier().verify(
      await sign({ sub: 'u-applicant-liu', name: '刘洋', roles: ['applicant'], department: undefined }),
    );
    expect(actor).toEqual(demoUsers.applicant);
  });

  it('a genuine token with none of docket’s roles → Forbidden (403)', async () => {
    const error = await refusal(verifier().verify(await sign({ roles: ['offline_access'] })));
    expect(error).toBeInstanceOf(Forbidden);
    expect((error as Forbidden).status).toBe(403);
    expect(await refusal(verifier().verify(await sign({ roles: undefined })))).toBeInstanceOf(Forbidden);
  });
});

describe('refused tokens (401)', () => {
  it('no token → TokenMissing', async () => {
    expect(await refusal(verifier().verify(''))).toBeInstanceOf(TokenMissing);
  });

  it('another issuer, another audience → TokenInvalid', async () => {
    const v = verifier();
    expect(await refusal(v.verify(await sign({}, { issuer: 'https://elsewhere.example' })))).toBeInstanceOf(
      TokenInvalid,
    );
    expect(await refusal(v.verify(await sign({}, { audience: 'another-app' })))).toBeInstanceOf(TokenInvalid);
    // Several audiences, ours among them, is fine.
    expect(await v.verify(await sign({}, { audience: ['another-app', audience] }))).toEqual(
      demoUsers.officer,
    );
  });

  it('expired beyond the clock tolerance → TokenExpired; within it the token holds', async () => {
    const token = await sign({});
    expect(await verifier({ now: at(600 + 20) }).verify(token)).toEqual(demoUsers.officer);
    expect(await refusal(verifier({ now: at(600 + 31) }).verify(token))).toBeInstanceOf(TokenExpired);
  });

  it('alg none and HMAC → TokenInvalid before any key is fetched', async () => {
    const before = discoveryRequests;
    const v = verifier();
    const none = new UnsecuredJWT({ roles: ['admin'], department: 'huangpu' })
      .setSubject('u-admin')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 600)
      .encode();
    expect(String(await refusal(v.verify(none)))).toMatch(/algorithm none/);
    const hmac = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-admin')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime(issuedAt + 600)
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    expect(String(await refusal(v.verify(hmac)))).toMatch(/algorithm HS256/);
    expect(discoveryRequests).toBe(before);
  });

  it('a key the provider does not publish (even with a published kid) → TokenInvalid', async () => {
    expect(await refusal(verifier().verify(await sign({}, { key: keys.rogue! })))).toBeInstanceOf(
      TokenInvalid,
    );
  });

  it('a department the centre does not have → TokenInvalid', async () => {
    const error = await refusal(verifier().verify(await sign({ department: 'nowhere' })));
    expect(error).toBeInstanceOf(TokenInvalid);
    expect(String(error)).toMatch(/unknown department nowhere/);
    expect(await refusal(verifier().verify(await sign({ department: ['huangpu'] })))).toBeInstanceOf(
      TokenInvalid,
    );
  });

  it('an ID token (a nonce, no at+jwt type) presented as an access token → TokenInvalid', async () => {
    const key = keys.RS256!;
    const idToken = await new SignJWT({ roles: ['officer'], department: 'huangpu-market', nonce: 'n-1' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setSubject('u-officer-li')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 600)
      .sign(key.privateKey);
    expect(String(await refusal(verifier().verify(idToken)))).toMatch(/ID token/);
  });

  it('a system subject → TokenInvalid', async () => {
    expect(await refusal(verifier().verify(await sign({ sub: 'system:intake' })))).toBeInstanceOf(
      TokenInvalid,
    );
  });

  it('refuses to be configured with none or HMAC', () => {
    expect(() => verifier({ algorithms: ['HS256'] })).toThrow(/HS256/);
    expect(() => verifier({ algorithms: ['none'] })).toThrow(/none/);
  });
});

describe('the provider', () => {
  it('a discovery document naming another issuer → OidcProviderUnavailable (503), tried again later', async () => {
    discoveryIssuer = 'https://impostor.example';
    const v = verifier();
    try {
      const error = await refusal(v.verify(await sign({})));
      expect(error).toBeInstanceOf(OidcProviderUnavailable);
      expect((error as OidcProviderUnavailable).status).toBe(503);
    } finally {
      discoveryIssuer = undefined;
    }
    expect(await v.verify(await sign({}))).toEqual(demoUsers.officer);
  });

  it('an unreachable provider → OidcProviderUnavailable', async () => {
    await expect(
      discoverOidcProvider('http://127.0.0.1:9/nothing', { timeoutMs: 2000 }),
    ).rejects.toBeInstanceOf(OidcProviderUnavailable);
  });
});

describe('tokenVerifierByIssuer', () => {
  it('hands each token to its issuer’s verifier; an unknown issuer is TokenInvalid', async () => {
    const devKeys = await generateSigningKeys();
    const dev = createTokenIssuer({
      privateKey: devKeys.privateKey,
      issuer: 'docket',
      audience: 'docket',
      ttlSeconds: 600,
      now: at(0),
    });
    const both = tokenVerifierByIssuer({
      docket: createTokenVerifier({
        publicKey: devKeys.publicKey,
        issuer: 'docket',
        audience: 'docket',
        now: at(60),
      }),
      [issuer]: verifier(),
    });
    expect(await both.verify(await dev.issue(demoUsers.clerk))).toEqual(demoUsers.clerk);
    expect(await both.verify(await sign({}))).toEqual(demoUsers.officer);
    expect(
      await refusal(both.verify(await sign({}, { issuer: 'https://elsewhere.example' }))),
    ).toBeInstanceOf(TokenInvalid);
    expect(await refusal(both.verify(undefined))).toBeInstanceOf(TokenMissing);
  });
});

describe('oidcSettingsFromEnv', () => {
  it('is undefined without DOCKET_OIDC_ISSUER; defaults the rest', () => {
    expect(oidcSettingsFromEnv({})).toBeUndefined();
    expect(
      oidcSettingsFromEnv({
        DOCKET_OIDC_ISSUER: 'https://id.example/realms/docket',
        DOCKET_OIDC_CLIENT_ID: 'console',
      }),
    ).toEqual({
      issuer: 'https://id.example/realms/docket',
      clientId: 'console',
      audience: 'console',
      rolesClaim: 'roles',
      departmentClaim: 'department',
      scopes: 'openid profile',
    });
  });

  it('refuses a half configuration', () => {
    expect(() => oidcSettingsFromEnv({ DOCKET_OIDC_ISSUER: 'https://id.example' })).toThrow(/CLIENT_ID/);
    expect(() =>
      oidcSettingsFromEnv({ DOCKET_OIDC_ISSUER: 'http://id.example', DOCKET_OIDC_CLIENT_ID: 'c' }),
    ).toThrow(/https/);
    expect(() =>
      oidcSettingsFromEnv({
        DOCKET_OIDC_ISSUER: 'https://id.example',
        DOCKET_OIDC_CLIENT_ID: 'c',
        DOCKET_OIDC_SCOPES: 'profile',
      }),
    ).toThrow(/openid/);
  });
});
