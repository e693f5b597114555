import { createServer } from 'node:net';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { demoUsers, type OidcSettings, oidcSettingsFromEnv } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { decodeJwt } from 'jose';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The console's own OIDC client, which the provider harness drives outside the browser too.
import { startSignIn } from '../../../packages/console/src/auth/oidc';
// The real OpenID provider the gateway's tests start (oidc-provider is the gateway's devDependency).
import {
  memoryStorage,
  startTestProvider,
  type TestProvider,
} from '../../../services/gateway/test/oidc-provider';
import { browserUnavailable, launchChromium, seriousAccessibilityViolations, VIEWPORTS } from '../src';

const unavailable = browserUnavailable();

/** A port free on 127.0.0.1 now: docket's origin must be known before it starts (the provider's redirect). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What the console keeps for this tab once signed in (`src/auth/session.tsx`). */
const SESSION_KEY = 'docket.session';
const storedSession = (page: Page) =>
  page.evaluate(
    (key) =>
      (
        globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      ).sessionStorage.getItem(key),
    SESSION_KEY,
  );

/**
 * Signing in to the console with OpenID Connect, in a real Chromium: the embedded docket names a real
 * OpenID provider (oidc-provider, the gateway's test harness) in GET /api/auth/config; the sign-in page
 * offers single sign-on, the clerk fills the provider's own login form and consents, and comes back to
 * /signin/callback, where the console exchanges the code (PKCE) and lands on the clerk's home, calling the
 * API with the provider's access token. A callback this tab did not start, or one already used, signs
 * nobody in; a refusal is told in the console's own words, never a link's. Signing out ends the session at
 * the provider too (RP-Initiated Logout), or, where the provider has no end_session_endpoint, makes the next
 * sign-in ask it for a login; a signed-out visit to a page comes back to it after signing in.
 */
describe.skipIf(unavailable !== undefined)(
  `console: OpenID Connect sign-in${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let idp: TestProvider;
    let settings: OidcSettings;
    let docket: Embedded;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** The URL the provider sent the clerk's browser back to, for the replay. */
    let callbackUrl: string;

    const signInButton = (on: Page) => on.getByRole('button', { name: '统一身份认证登录' });
    const atProvider = (path: string) => (url: URL) =>
      url.origin === idp.issuer && url.pathname.startsWith(path);
    const tokenRequest = (request: Request) =>
      request.url().startsWith(`${idp.issuer}/token`) && request.method() === 'POST';
    /** The shell's 退出 (antd spaces two Chinese characters in a button: 退 出). */
    const signOutButton = (on: Page) => on.getByRole('button', { name: /^退\s*出$/ });
    const authorizationRequest = (request: Request) => request.url().startsWith(`${idp.issuer}/auth?`);
    /** At the provider: its login form (as `userId`), then its consent. */
    const signInAtProvider = async (tab: Page, userId: string) => {
      await tab.waitForURL(atProvider('/interaction/'));
      await tab.getByRole('heading', { name: '统一身份认证登录' }).waitFor();
      await tab.getByLabel('账号').fill(userId);
      await tab.getByRole('button', { name: '登录' }).click();
      await tab.getByRole('heading', { name: '授权' }).waitFor();
      await tab.getByRole('button', { name: '同意' }).click();
    };
    /** The console's words for a callback this browser did not start (`screens/signin/messages.ts`). */
    const UNKNOWN_STATE = '登录失败：本次登录不是在此浏览器中发起的，或已经完成过，请重新登录。';
    /** A link's own text under the console's alert, were it shown. */
    const FORGED = '账号已冻结，请致电 400-820-0000 解冻';
    /** What the console keeps (localStorage) after a sign-out the provider could not end. */
    const signedOutMark = (tab: Page) =>
      tab.evaluate(() =>
        (
          globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
        ).localStorage.getItem('docket.oidc.signedOut'),
      );

    beforeAll(async () => {
      dir = tempDir('docket-console-oidc-');
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      idp = await startTestProvider({
        redirectUri: `${origin}/signin/callback`,
        postLogoutRedirectUri: `${origin}/signin`,
      });
      settings = oidcSettingsFromEnv({
        DOCKET_OIDC_ISSUER: idp.issuer,
        DOCKET_OIDC_CLIENT_ID: idp.clientId,
        DOCKET_OIDC_SCOPES: idp.scopes,
      }) as OidcSettings;
      docket = await startEmbedded({ dataDir: dir.path, port, logger: silentLogger, oidc: settings });
      expect(docket.url).toBe(origin);
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      page = await context.newPage();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      await idp?.close();
      dir?.cleanup();
    });

    it('offers single sign-on on the sign-in page, in Chinese, with nothing serious for axe', async () => {
      await page.goto(`${docket.url}/signin`);
      await page.getByRole('heading', { name: '登录' }).waitFor();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByText('请使用统一身份认证登录。').waitFor();
      await signInButton(page).waitFor();
      // The page lets the console call the provider (its token endpoint) and nothing else outside.
      const served = await fetch(`${docket.url}/signin`);
      expect(served.headers.get('content-security-policy')).toContain(`connect-src 'self' ${idp.issuer}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    it('signs the clerk in at the provider (login form, consent) and back to the window, calling the API with the provider’s token', async () => {
      const clerk = demoUsers.clerk;
      const visited: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(frame.url());
      });
      const apiCalls: { path: string; status: number; authorization: string | undefined }[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === docket.url && url.pathname.startsWith('/api/'))
          apiCalls.push({
            path: url.pathname,
            status: response.status(),
            authorization: response.request().headers().authorization,
          });
      });

      await page.goto(`${docket.url}/signin`);
      const authorization = page.waitForRequest((request) => request.url().startsWith(`${idp.issuer}/auth?`));
      await signInButton(page).click();
      // The authorization request: code + PKCE (S256), back to this docket's callback.
      const asked = new URL((await authorization).url()).searchParams;
      expect(Object.fromEntries(asked)).toMatchObject({
        response_type: 'code',
        client_id: idp.clientId,
        redirect_uri: `${docket.url}/signin/callback`,
        scope: idp.scopes,
        code_challenge_method: 'S256',
      });
      expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(asked.get('state')).toMatch(/^[\w-]{43}$/);
      expect(asked.has('code_verifier')).toBe(false);

      // The provider's login page: the clerk's account.
      await page.waitForURL(atProvider('/interaction/'));
      await page.getByRole('heading', { name: '统一身份认证登录' }).waitFor();
      await page.getByLabel('账号').fill(clerk.id);
      await page.getByRole('button', { name: '登录' }).click();
      // Its consent page: what the console asks for.
      await page.getByRole('heading', { name: '授权' }).waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: /^docket$/ })
        .waitFor();
      const exchange = page.waitForRequest(tokenRequest);
      await page.getByRole('button', { name: '同意' }).click();

      // Back at the console: the code exchanged with the verifier, the clerk at home (the window).
      const token = await exchange;
      const form = new URLSearchParams(token.postData() ?? '');
      expect(form.get('grant_type')).toBe('authorization_code');
      expect(form.get('code_verifier')).toMatch(/^[\w-]{43}$/);
      await page.waitForURL(`${docket.url}/window`);
      callbackUrl = visited.find((url) => url.startsWith(`${docket.url}/signin/callback?`)) ?? '';
      const back = new URL(callbackUrl).searchParams;
      expect(back.get('state')).toBe(asked.get('state'));
      expect(back.get('iss')).toBe(idp.issuer);
      expect(back.get('code')).toBeTruthy();

      // Who is signed in, in the shell's header; what a clerk may open.
      await page.getByText(`${clerk.name}（窗口受理人员） · 黄浦区行政服务中心综合窗口`).waitFor();
      const menu = page.getByRole('navigation');
      await menu.getByRole('link', { name: '受理台' }).waitFor();
      expect(await menu.getByRole('link', { name: '待办' }).count()).toBe(0);
      // The catalogue, loaded from the API.
      await page.getByRole('heading', { name: '事项目录' }).waitFor();
      await page.getByRole('cell', { name: '食品经营许可', exact: true }).waitFor();
      expect(await page.locator('.ant-alert-error').count()).toBe(0);

      // The session is the provider's access token for the clerk, not a development token.
      const session = JSON.parse((await storedSession(page)) ?? 'null') as {
        token: string;
        actor: { id: string };
      };
      expect(session.actor.id).toBe(clerk.id);
      expect(decodeJwt(session.token)).toMatchObject({ iss: idp.issuer, sub: clerk.id, aud: idp.audience });

      // 办件查询: the case search asks the API with it too, and shows no error.
      const search = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/api/cases' && response.request().method() === 'GET',
      );
      await menu.getByRole('link', { name: '办件查询' }).click();
      await page.waitForURL(`${docket.url}/cases`);
      expect((await search).status()).toBe(200);
      await page.getByRole('heading', { name: '办件查询' }).waitFor();
      await page.getByRole('table').waitFor();
      expect(await page.locator('.ant-alert-error').count()).toBe(0);

      // Every API call the console made was answered (a year whose working calendar is not published is
      // a 404 the deadline columns expect), and those that carried a token carried this one.
      expect(apiCalls.map((call) => call.path)).toEqual(
        expect.arrayContaining(['/api/auth/config', '/api/me', '/api/cases']),
      );
      const unpublishedYear = (call: { path: string; status: number }) =>
        call.status === 404 && /^\/api\/calendar\/\d{4}$/.test(call.path);
      expect(apiCalls.filter((call) => call.status >= 400 && !unpublishedYear(call))).toEqual([]);
      for (const call of apiCalls.filter((call) => call.authorization !== undefined))
        expect(call.authorization, call.path).toBe(`Bearer ${session.token}`);
      expect(apiCalls.some((call) => call.path === '/api/me' && call.authorization !== undefined)).toBe(true);
    });

    it('refuses the callback a second time: the state is used up and the code is not sent again', async () => {
      expect(callbackUrl).toMatch(/\/signin\/callback\?/);
      const exchanges: string[] = [];
      const listener = (request: Request) => {
        if (tokenRequest(request)) exchanges.push(request.url());
      };
      page.on('request', listener);
      await page.goto(callbackUrl);
      const refusal = page.getByRole('alert');
      await refusal.getByText(UNKNOWN_STATE, { exact: true }).waitFor();
      await refusal.getByRole('link', { name: '重新登录' }).waitFor();
      expect(page.url()).toBe(callbackUrl);
      page.off('request', listener);
      expect(exchanges).toEqual([]);
    });

    it('refuses a callback with a state this browser did not start (another sign-in’s genuine code): nobody is signed in', async () => {
      // Someone else's sign-in, completed at the provider outside this browser: a real code, its own state.
      const elsewhere = await startSignIn(
        {
          issuer: idp.issuer,
          clientId: idp.clientId,
          scopes: idp.scopes,
          redirectUri: `${docket.url}/signin/callback`,
        },
        { storage: memoryStorage() },
      );
      const foreign = await idp.authorize(elsewhere.url, demoUsers.officer.id);
      expect(foreign).toMatch(new RegExp(`^${docket.url}/signin/callback\\?code=`));

      // A fresh visitor, whose own sign-in is under way (waiting at the provider's login page).
      const visitor = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      try {
        const tab = await visitor.newPage();
        const exchanges: string[] = [];
        tab.on('request', (request) => {
          if (tokenRequest(request)) exchanges.push(request.url());
        });
        await tab.goto(`${docket.url}/signin`);
        await signInButton(tab).click();
        await tab.waitForURL(atProvider('/interaction/'));
        await tab.getByLabel('账号').waitFor();

        await tab.goto(foreign);
        const refusal = tab.getByRole('alert');
        await refusal.getByText(UNKNOWN_STATE, { exact: true }).waitFor();
        await refusal.getByRole('link', { name: '重新登录' }).waitFor();
        expect(tab.url()).toBe(foreign);
        expect(exchanges).toEqual([]);
        expect(await storedSession(tab)).toBeNull();
        expect(await seriousAccessibilityViolations(tab)).toEqual([]);
        // Signed out still: the window sends the visitor to sign in.
        await refusal.getByRole('link', { name: '重新登录' }).click();
        await tab.waitForURL(`${docket.url}/signin`);
        await tab.goto(`${docket.url}/window`);
        await tab.waitForURL(`${docket.url}/signin`);
        await signInButton(tab).waitFor();
        expect(await storedSession(tab)).toBeNull();
      } finally {
        await visitor.close();
      }
    });

    it('a user who cancels at the provider comes back refused, signed in as nobody', async () => {
      const visitor = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      try {
        const tab = await visitor.newPage();
        await tab.goto(`${docket.url}/signin`);
        await signInButton(tab).click();
        await tab.waitForURL(atProvider('/interaction/'));
        await tab.getByRole('button', { name: '取消' }).click();
        await tab.waitForURL((url) =>
          url.href.startsWith(`${docket.url}/signin/callback?error=access_denied`),
        );
        const refusal = tab.getByRole('alert');
        // The console's words for access_denied, not the provider's error_description.
        await refusal
          .getByText('登录失败：登录已取消，或统一身份认证拒绝了本次登录。', { exact: true })
          .waitFor();
        await refusal.getByRole('link', { name: '重新登录' }).waitFor();
        expect(await tab.locator('body').textContent()).not.toContain('the user refused');
        expect(await storedSession(tab)).toBeNull();
      } finally {
        await visitor.close();
      }
    });

    it('a crafted link with an error shows the console’s own words, never the link’s (no state of this browser, or its own)', async () => {
      const visitor = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      try {
        const tab = await visitor.newPage();
        const forged = `${docket.url}/signin/callback?error=x&error_description=${encodeURIComponent(FORGED)}`;
        // A link nobody started here: refused as such, before its error counts.
        await tab.goto(forged);
        const refusal = tab.getByRole('alert');
        await refusal.getByText(UNKNOWN_STATE, { exact: true }).waitFor();
        await refusal.getByRole('link', { name: '重新登录' }).waitFor();
        expect(await tab.locator('body').textContent()).not.toContain('400-820');
        expect(await storedSession(tab)).toBeNull();
        expect(await seriousAccessibilityViolations(tab)).toEqual([]);

        // The same link carrying the state of this browser's own sign-in (under way at the provider): the
        // provider's error, an unknown code, is told with the generic message; its text is not shown.
        await tab.goto(`${docket.url}/signin`);
        const authorization = tab.waitForRequest(authorizationRequest);
        await signInButton(tab).click();
        const state = new URL((await authorization).url()).searchParams.get('state') ?? '';
        await tab.waitForURL(atProvider('/interaction/'));
        await tab.goto(`${forged}&state=${state}`);
        await tab
          .getByRole('alert')
          .getByText('登录失败：统一身份认证未能完成本次登录，请重新登录。', { exact: true })
          .waitFor();
        expect(await tab.locator('body').textContent()).not.toContain('400-820');
        expect(await storedSession(tab)).toBeNull();

        // In English too, for a user who chose it.
        await tab.evaluate(() =>
          (
            globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
          ).localStorage.setItem('docket.language', 'en'),
        );
        await tab.goto(forged);
        await tab
          .getByRole('alert')
          .getByText(
            'Sign-in failed: This sign-in was not started in this browser, or is already complete. Please sign in again.',
            { exact: true },
          )
          .waitFor();
        expect(await tab.locator('body').textContent()).not.toContain('400-820');
      } finally {
        await visitor.close();
      }
    });

    it('signing out ends the session at the provider too: the next sign-in shows its login form, and the officer signs in', async () => {
      const clerk = demoUsers.clerk;
      const officer = demoUsers.officer;
      // The clerk, still signed in in this tab: the session keeps the provider's ID token.
      await page.goto(`${docket.url}/window`);
      await page.getByText(`${clerk.name}（窗口受理人员） · 黄浦区行政服务中心综合窗口`).waitFor();
      const session = JSON.parse((await storedSession(page)) ?? 'null') as { idToken?: string };
      expect(decodeJwt(session.idToken ?? '')).toMatchObject({
        iss: idp.issuer,
        aud: idp.clientId,
        sub: clerk.id,
      });

      // 退出: to the provider's end_session_endpoint, with the ID token as the hint and /signin to come back to.
      const endSession = page.waitForRequest((request) =>
        request.url().startsWith(`${idp.issuer}/session/end?`),
      );
      await signOutButton(page).click();
      expect(Object.fromEntries(new URL((await endSession).url()).searchParams)).toEqual({
        client_id: idp.clientId,
        id_token_hint: session.idToken,
        post_logout_redirect_uri: `${docket.url}/signin`,
      });
      // The provider's confirmation, then back at the console's sign-in page, signed out.
      await page.getByRole('heading', { name: '退出统一身份认证' }).waitFor();
      await page.getByRole('button', { name: '退出' }).click();
      await page.waitForURL(`${docket.url}/signin`);
      await signInButton(page).waitFor();
      expect(await storedSession(page)).toBeNull();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // The next sign-in is not the clerk's again: the provider asks who it is (no prompt=login needed).
      const authorization = page.waitForRequest(authorizationRequest);
      await signInButton(page).click();
      expect(new URL((await authorization).url()).searchParams.has('prompt')).toBe(false);
      await signInAtProvider(page, officer.id);
      await page.waitForURL(`${docket.url}/inbox`);
      await page.getByText(`${officer.name}（承办人）`).waitFor();
      const next = JSON.parse((await storedSession(page)) ?? 'null') as {
        actor: { id: string };
        token: string;
      };
      expect(next.actor.id).toBe(officer.id);
      expect(decodeJwt(next.token)).toMatchObject({ iss: idp.issuer, sub: officer.id });
    });

    it('a signed-out visit to a page comes back to it after signing in at the provider', async () => {
      const visitor = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      try {
        const tab = await visitor.newPage();
        await tab.goto(`${docket.url}/cases`);
        await tab.waitForURL(`${docket.url}/signin`);
        await signInButton(tab).click();
        await signInAtProvider(tab, demoUsers.clerk.id);
        await tab.waitForURL(`${docket.url}/cases`);
        await tab.getByRole('heading', { name: '办件查询' }).waitFor();
        await tab.getByRole('table').waitFor();
        expect(await tab.locator('.ant-alert-error').count()).toBe(0);
        expect(await seriousAccessibilityViolations(tab)).toEqual([]);
      } finally {
        await visitor.close();
      }
    });

    it('where the provider has no end_session_endpoint, signing out makes the next sign-in ask it for a login', async () => {
      const visitor = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      try {
        // The same provider, as if it had no end_session_endpoint.
        await visitor.route('**/api/auth/config', async (route) => {
          const response = await route.fetch();
          const json = (await response.json()) as { oidc?: { endSessionEndpoint?: string } };
          delete json.oidc?.endSessionEndpoint;
          await route.fulfill({ response, json });
        });
        const tab = await visitor.newPage();
        const endSessions: string[] = [];
        tab.on('request', (request) => {
          if (request.url().startsWith(`${idp.issuer}/session/end`)) endSessions.push(request.url());
        });
        await tab.goto(`${docket.url}/signin`);
        const first = tab.waitForRequest(authorizationRequest);
        await signInButton(tab).click();
        expect(new URL((await first).url()).searchParams.has('prompt')).toBe(false);
        await signInAtProvider(tab, demoUsers.clerk.id);
        await tab.waitForURL(`${docket.url}/window`);

        await signOutButton(tab).click();
        await tab.waitForURL(`${docket.url}/signin`);
        await signInButton(tab).waitFor();
        expect(endSessions).toEqual([]);
        expect(await storedSession(tab)).toBeNull();
        expect(await signedOutMark(tab)).not.toBeNull();

        // The provider's session lives on, but the console asks it for a login: its form, another user.
        const second = tab.waitForRequest(authorizationRequest);
        await signInButton(tab).click();
        expect(new URL((await second).url()).searchParams.get('prompt')).toBe('login');
        await signInAtProvider(tab, demoUsers.officer.id);
        await tab.waitForURL(`${docket.url}/inbox`);
        await tab.getByText(`${demoUsers.officer.name}（承办人）`).waitFor();
        // Signed in again: the remembered sign-out has done its work.
        expect(await signedOutMark(tab)).toBeNull();
      } finally {
        await visitor.close();
      }
    });
  },
);
