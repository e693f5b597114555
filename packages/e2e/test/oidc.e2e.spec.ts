import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoUsers, type OidcSettings, oidcSettingsFromEnv } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { decodeJwt, generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real OpenID provider the gateway's tests start (oidc-provider is the gateway's devDependency).
import { startTestProvider, type TestProvider } from '../../../services/gateway/test/oidc-provider';
import { company, FOOD_LICENCE } from '../src';

/**
 * The embedded docket with OpenID Connect: a clerk signs in at a real OpenID provider (authorization code +
 * PKCE, through its login and consent), and the access token submits a real application, recorded in the
 * ledger as that clerk; refused tokens write nothing. Development tokens stay accepted beside them.
 */
describe('the embedded docket with OpenID Connect sign-in', () => {
  let dir: ReturnType<typeof tempDir>;
  let idp: TestProvider;
  let settings: OidcSettings;
  let docket: Embedded;
  let ledger: EventStore;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-oidc-');
    idp = await startTestProvider();
    settings = oidcSettingsFromEnv({
      DOCKET_OIDC_ISSUER: idp.issuer,
      DOCKET_OIDC_CLIENT_ID: idp.clientId,
      DOCKET_OIDC_SCOPES: idp.scopes,
    }) as OidcSettings;
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, oidc: settings });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    await idp?.close();
    dir?.cleanup();
  });

  const submit = (token: string) =>
    fetch(`${docket.url}/api/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        itemCode: FOOD_LICENCE,
        applicant: company,
        channel: 'window',
        materials: [
          { code: 'form', count: 1, form: 'original' },
          { code: 'licence', count: 1, form: 'copy' },
          { code: 'layout', count: 1, form: 'original' },
        ],
      }),
    });

  it('answers /api/auth/config with the provider, development tokens still there', async () => {
    const config = await (await fetch(`${docket.url}/api/auth/config`)).json();
    expect(config).toMatchObject({ mode: 'oidc', devTokens: true, oidc: { issuer: idp.issuer } });
  });

  it('a clerk signed in at the provider submits an application, recorded as that clerk', async () => {
    const tokens = await idp.signIn(demoUsers.clerk.id);
    const me = await fetch(`${docket.url}/api/me`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await me.json()).toEqual(demoUsers.clerk);
    const answer = await submit(tokens.accessToken);
    expect(answer.status).toBe(201);
    const { caseNo } = (await answer.json()) as { caseNo: string };
    const [submitted] = await ledger.readStream(`application-${caseNo}`);
    expect(submitted?.actor).toMatchObject({
      id: demoUsers.clerk.id,
      roles: ['clerk'],
      department: 'huangpu-window',
    });
  });

  it('refused tokens (another issuer, expired, another audience, unknown department, alg none, a foreign key) write nothing', async () => {
    const genuine = decodeJwt((await idp.signIn(demoUsers.clerk.id)).accessToken) as Record<string, unknown>;
    const jwk = idp.signingKeys.find((key) => key.alg === 'RS256') as JWK;
    const key = await importJWK(jwk, 'RS256');
    const signed = (claims: Record<string, unknown>, signingKey: Parameters<SignJWT['sign']>[0] = key) =>
      new SignJWT({ ...genuine, ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: jwk.kid })
        .sign(signingKey);
    const now = Math.floor(Date.now() / 1000);
    const { privateKey: foreign } = await generateKeyPair('RS256');
    const refused = {
      'another issuer': await signed({ iss: 'https://elsewhere.example' }),
      expired: await signed({ iat: now - 1200, exp: now - 600 }),
      'another audience': await signed({ aud: 'another-api' }),
      'unknown department': await signed({ department: 'nowhere' }),
      'alg none': new UnsecuredJWT({ ...genuine, roles: ['admin'] }).encode(),
      'a key not in the JWKS': await signed({}, foreign),
    };
    const head = await ledger.head();
    for (const [what, token] of Object.entries(refused)) {
      const answer = await submit(token);
      expect(answer.status, what).toBe(401);
    }
    expect(await ledger.head()).toEqual(head);
  });
});
