import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserUnavailable,
  launchChromium,
  saveScreenshot,
  seriousAccessibilityViolations,
  settled,
  signInAs,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/**
 * The console as its users meet it: served by the embedded docket at `/`, in zh-CN, in a real Chromium.
 * The screens' own suites (window, inbox, case file, applicants) build on this one's harness.
 */
describe.skipIf(unavailable !== undefined)(
  `console: served at /, sign-in, the shell${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      dir = tempDir('docket-console-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('serves the console at / and its own routes, while unknown API paths stay problem+json 404s', async () => {
      const home = await fetch(`${docket.url}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
      const deepLink = await fetch(`${docket.url}/cases/HP-2026-000001`);
      expect(await deepLink.text()).toBe(await home.text());
      const api = await fetch(`${docket.url}/api/no-such-route`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
      const missingAsset = await fetch(`${docket.url}/assets/gone-1234.js`);
      expect(missingAsset.status).toBe(404);
      // The organisation chart is public: printed notices and the applicants' pages name departments.
      const departments = (await (await fetch(`${docket.url}/api/departments`)).json()) as {
        id: string;
        name: string;
      }[];
      expect(departments).toContainEqual(
        expect.objectContaining({ id: 'huangpu-market', name: '黄浦区市场监督管理局' }),
      );
    });

    it('sends a signed-out visitor to sign-in, in Chinese, with nothing serious for axe', async () => {
      await page.goto(`${docket.url}/inbox`);
      await page.waitForURL(/\/signin$/);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByRole('heading', { name: '登录' }).waitFor();
      // The development profile says so, before anyone signs in as a demo user.
      await expect
        .poll(() => page.getByRole('note', { name: '开发模式' }).textContent())
        .toContain('这里的办件不是正式记录');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await settled(page);
      await saveScreenshot(page, 'signin');
    });

    it('signs the clerk in to the window, and offers the clerk no department inbox', async () => {
      await signInAs(page, docket.url, demoUsers.clerk.name);
      await page.waitForURL(/\/window$/);
      // Who is signed in, with the department's name from the public department list, not its id.
      await page.getByText('王敏（窗口受理人员） · 黄浦区行政服务中心综合窗口').waitFor();
      await page.getByRole('note', { name: '开发模式' }).waitFor();
      const menu = page.getByRole('navigation');
      await expect.poll(() => menu.getByRole('link', { name: '受理台' }).count()).toBe(1);
      expect(await menu.getByRole('link', { name: '待办' }).count()).toBe(0);
      // Forced by URL, the inbox sends the clerk home.
      await page.goto(`${docket.url}/inbox`);
      await page.waitForURL(/\/window$/);
    });
  },
);
