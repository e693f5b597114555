/// <reference path="./oidc-provider-module.d.ts" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoDirectory } from '@docket/identity';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors } from 'oidc-provider';
import {
  completeSignIn,
  type KeyValueStorage,
  type OidcSignInSettings,
  type OidcTokens,
  startSignIn,
} from '../../../packages/console/src/auth/oidc';

/**
 * A real OpenID provider (`oidc-provider`) on a free port, for tests: one public client (PKCE required,
 * no client authentication), the demo centre's users as its accounts (roles and department as claims),
 * access tokens issued as JWTs for docket's audience (a resource server with `accessTokenFormat: 'jwt'`),
 * and a login and consent "page" (the interaction API) that a test drives with fetch.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  audience: string;
  redirectUri: string;
  scopes: string;
  /** The provider's own signing keys (private JWKs), for tokens a test must shape itself. */
  signingKeys: JWK[];
  provider: InstanceType<typeof Provider>;
  /** The settings the console would build from GET /api/auth/config. */
  settings: OidcSignInSettings;
  /** The whole browser journey: authorization request, login as `userId`, consent, code, token exchange. */
  signIn(userId: string): Promise<OidcTokens>;
  /** The browser from the authorization URL to the redirect back (login as `userId`, consent): that URL. */
  authorize(url: string, userId: string): Promise<string>;
  close(): Promise<void>;
}

export const CLIENT_ID = 'docket-console';
const RESOURCE = 'urn:docket:api';

export async function startTestProvider(
  options: { audience?: string; accessTokenAlg?: 'RS256' | 'ES256'; accessTokenTTL?: number } = {},
): Promise<TestProvider> {
  const directory = demoDirectory();
  const audience = options.audience ?? CLIENT_ID;
  const redirectUri = 'http://127.0.0.1:5173/auth/callback';
  const scopes = 'openid profile docket';
  const signingKeys: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    signingKeys.push({ ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `${alg.toLowerCase()}-test` });
  }

  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.end();
  const server: Server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const claimsOf = (accountId: string) => {
    const user = directory.findUser(accountId);
    return user === undefined
      ? undefined
      : {
          name: user.name,
          preferred_username: user.id,
          roles: user.roles,
          ...(user.department === undefined ? {} : { department: user.department }),
        };
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: ['http://127.0.0.1:5173/'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['a cookie signing key for the test provider only'] },
    jwks: { keys: signingKeys },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles', 'department'] },
    async findAccount(_ctx: unknown, sub: string) {
      const claims = claimsOf(sub);
      return claims === undefined ? undefined : { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    // Access tokens carry what docket needs (oidc-provider puts only sub, scope, client_id … there).
    async extraTokenClaims(_ctx: unknown, token: { kind: string; accountId?: string }) {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      return claimsOf(token.accountId);
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx: unknown, indicator: string) {
          if (indicator !== RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'docket',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTTL ?? 600,
            jwt: { sign: { alg: options.accessTokenAlg ?? 'RS256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
  const callback = provider.callback();

  /** The login and consent "pages": GET tells what the provider asks; POST answers it. */
  const interaction = async (
    request: IncomingMessage,
    response: ServerResponse,
    step: string | undefined,
  ) => {
    const details = await provider.interactionDetails(request, response);
    const prompt: string = details.prompt.name;
    if (request.method === 'GET') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ uid: details.uid, prompt, details: details.prompt.details }));
      return;
    }
    if (step === '/login' && prompt === 'login') {
      const userId = JSON.parse(await bodyOf(request)).userId as string;
      if (claimsOf(userId) === undefined) {
        response.statusCode = 400;
        response.end('unknown user');
        return;
      }
      await provider.interactionFinished(request, response, { login: { accountId: userId } });
      return;
    }
    if (step === '/confirm' && prompt === 'consent') {
      const { accountId } = details.session as { accountId: string };
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: details.params.client_id as string });
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, granted] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, granted.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(
        request,
        response,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    response.statusCode = 400;
    response.end(`cannot ${step} at prompt ${prompt}`);
  };

  handle = (request, response) => {
    const match = /^\/interaction\/[^/?]+(\/login|\/confirm)?(?:\?.*)?$/.exec(request.url ?? '');
    if (match === null) {
      callback(request, response);
      return;
    }
    interaction(request, response, match[1]).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  };

  const settings: OidcSignInSettings = { issuer, clientId: CLIENT_ID, redirectUri, scopes };

  return {
    issuer,
    clientId: CLIENT_ID,
    audience,
    redirectUri,
    scopes,
    signingKeys,
    provider,
    settings,
    async signIn(userId) {
      const storage = memoryStorage();
      const { url } = await startSignIn(settings, { storage });
      return completeSignIn(settings, await authorize(url, userId), { storage });
    },
    authorize,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  async function authorize(url: string, userId: string): Promise<string> {
    const browser = cookieBrowser();
    // Follow the provider's redirects as a browser would, answering the login and consent pages.
    let next = url;
    for (let hop = 0; hop < 20; hop++) {
      if (next.startsWith(redirectUri)) return next;
      const path = new URL(next).pathname;
      if (path.startsWith('/interaction/')) {
        const page = (await (await browser.fetch(next)).json()) as { prompt: string };
        const answer = await browser.fetch(`${next}/${page.prompt === 'login' ? 'login' : 'confirm'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId }),
        });
        next = locationOf(answer, next);
        continue;
      }
      next = locationOf(await browser.fetch(next), next);
    }
    throw new Error('too many redirects');
  }
}

function locationOf(response: Response, from: string): string {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null)
    throw new Error(`expected a redirect from ${from}, got ${response.status}`);
  return new URL(location, from).href;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** sessionStorage, in memory. */
export function memoryStorage(): KeyValueStorage & { size(): number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    size: () => items.size,
  };
}

/** fetch that keeps cookies (one host, paths ignored) and never follows redirects: the test does. */
function cookieBrowser() {
  const jar = new Map<string, string>();
  return {
    async fetch(url: string, init: RequestInit = {}) {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  };
}
