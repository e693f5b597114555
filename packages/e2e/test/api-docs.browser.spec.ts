import { startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, contentSecurityPolicyViolations, launchChromium, VIEWPORTS } from '../src';

const unavailable = browserUnavailable();

/**
 * Swagger UI at /api/docs under the gateway's Content-Security-Policy (no inline script, nothing from
 * another origin): it still draws the document's operations and answers "Try it out" (issue 14).
 */
describe.skipIf(unavailable !== undefined)(
  `Swagger UI in a browser${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      dir = tempDir('docket-api-docs-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, console: false });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: VIEWPORTS.desk });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('draws the operations and tries one out, with nothing refused by its policy', async () => {
      await page.goto(`${docket.url}/api/docs`);
      const departments = page.locator('#operations-identity-listDepartments');
      await departments.waitFor();
      await departments.locator('.opblock-summary-control').click();
      await page.getByRole('button', { name: 'Try it out' }).click();
      await page.getByRole('button', { name: 'Execute' }).click();
      const status = page.locator('.live-responses-table tbody .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      expect(contentSecurityPolicyViolations(page)).toEqual([]);
    });
  },
);
