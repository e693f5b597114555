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
 * and a login and consent "page" (the interaction API) that a test drives with fetch, or a real browser
 * fills in (asked for HTML, the pages are minimal forms: the account to sign in as, then consent). Its
 * end_session_endpoint (RP-Initiated Logout) asks a browser to confirm on a page of the same kind (退出),
 * then sends it back to the client's registered post-logout redirect URI.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  audience: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
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

export interface TestProviderOptions {
  audience?: string;
  accessTokenAlg?: 'RS256' | 'ES256';
  accessTokenTTL?: number;
  /**
   * The client's one registered redirect URI (default `http://127.0.0.1:5173/auth/callback`): a console
   * served by a docket signs in with `${docket.url}/signin/callback`. Its origin may call the provider
   * from a browser (CORS of the token endpoint).
   */
  redirectUri?: string;
  /** The client's one registered post-logout redirect URI (default `http://127.0.0.1:5173/`). */
  postLogoutRedirectUri?: string;
}

export async function startTestProvider(options: TestProviderOptions = {}): Promise<TestProvider> {
  const directory = demoDirectory();
  const audience = options.audience ?? CLIENT_ID;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:5173/auth/callback';
  const postLogoutRedirectUri = options.postLogoutRedirectUri ?? 'http://127.0.0.1:5173/';
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
        post_logout_redirect_uris: [postLogoutRedirectUri],
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
      // RP-Initiated Logout (GET /session/end): a confirmation page a browser can use (the default one
      // loads a web font from the internet), then back to the client's post_logout_redirect_uri.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: { body: string }, form: string) {
          ctx.body = logoutPage(form);
        },
        async postLogoutSuccessSource(ctx: { body: string }) {
          ctx.body = page('已退出', '<p>您已退出统一身份认证。</p>');
        },
      },
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

  /**
   * The login and consent "pages": GET tells what the provider asks (JSON, or a form for a browser that
   * asks for HTML); POST answers it (JSON or a form's fields).
   */
  const interaction = async (
    request: IncomingMessage,
    response: ServerResponse,
    step: string | undefined,
  ) => {
    const details = await provider.interactionDetails(request, response);
    const prompt: string = details.prompt.name;
    const html = /\btext\/html\b/.test(String(request.headers.accept ?? ''));
    if (request.method === 'GET') {
      if (html) {
        sendPage(response, 200, interactionPage(details.uid, prompt, String(details.params.scope ?? '')));
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ uid: details.uid, prompt, details: details.prompt.details }));
      return;
    }
    if (step === '/abort') {
      await provider.interactionFinished(request, response, {
        error: 'access_denied',
        error_description: 'the user refused the sign-in',
      });
      return;
    }
    if (step === '/login' && prompt === 'login') {
      const userId = String(fieldsOf(request, await bodyOf(request)).userId ?? '');
      if (claimsOf(userId) === undefined) {
        if (html) sendPage(response, 400, loginPage(details.uid, `未知账号：${userId}`));
        else {
          response.statusCode = 400;
          response.end('unknown user');
        }
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
    const match = /^\/interaction\/[^/?]+(\/login|\/confirm|\/abort)?(?:\?.*)?$/.exec(request.url ?? '');
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
    postLogoutRedirectUri,
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

/** A request's fields: a JSON body, or a form's (application/x-www-form-urlencoded). */
function fieldsOf(request: IncomingMessage, body: string): Record<string, unknown> {
  if (/^application\/x-www-form-urlencoded\b/.test(String(request.headers['content-type'] ?? '')))
    return Object.fromEntries(new URLSearchParams(body));
  return body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
}

function sendPage(response: ServerResponse, status: number, body: string) {
  response.statusCode = status;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The provider's own page (not the console's): a heading and a form, in the centre's language. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} · 统一身份认证（测试）</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

function loginPage(uid: string, failure?: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  return page(
    '统一身份认证登录',
    `${failure === undefined ? '' : `<p role="alert">${escapeHtml(failure)}</p>`}
<form method="post" action="${action}/login">
<p><label for="userId">账号</label> <input id="userId" name="userId" autocomplete="username" required></p>
<p><button type="submit">登录</button></p>
</form>
<form method="post" action="${action}/abort"><button type="submit">取消</button></form>`,
  );
}

function consentPage(uid: string, scope: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const scopes = scope
    .split(' ')
    .filter((name) => name !== '')
    .map((name) => `<li>${escapeHtml(name)}</li>`)
    .join('');
  return page(
    '授权',
    `<p>应用 ${escapeHtml(CLIENT_ID)} 请求访问：</p><ul>${scopes}</ul>
<form method="post" action="${action}/confirm"><button type="submit">同意</button></form>
<form method="post" action="${action}/abort"><button type="submit">拒绝</button></form>`,
  );
}

/**
 * The provider's sign-out confirmation: `form` is oidc-provider's (its action and an xsrf field); 退出 ends
 * the provider's session (`logout=yes`), 保持登录 only this client's part of it.
 */
function logoutPage(form: string): string {
  return page(
    '退出统一身份认证',
    `<p>是否同时退出统一身份认证？</p>
${form}
<p><button type="submit" form="op.logoutForm" name="logout" value="yes">退出</button>
<button type="submit" form="op.logoutForm">保持登录</button></p>`,
  );
}

function interactionPage(uid: string, prompt: string, scope: string): string {
  return prompt === 'login' ? loginPage(uid) : consentPage(uid, scope);
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

/** sessionStorage, in memory (its keys listed as Web Storage lists them, for clearing abandoned sign-ins). */
export function memoryStorage(): KeyValueStorage & { size(): number } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
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
