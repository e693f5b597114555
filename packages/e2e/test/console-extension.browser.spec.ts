import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  browserUnavailable,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  reviewOpened,
  signInAs,
  submit,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/**
 * 延长 in the case file, as 行政许可法 Art. 42 gives it: a joint case's extension is offered to the head of the
 * people's government at that level (冯志远, 区政府分管副区长), not to the lead department's head (郭建国), and
 * the case file's history names who approved it in that capacity.
 */
describe.skipIf(unavailable !== undefined)(
  `console: extending a joint case${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;
    let joint: string;

    async function pageOf(userName: string): Promise<Page> {
      const context = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      const page = await context.newPage();
      await signInAs(page, docket.url, userName);
      return page;
    }

    beforeAll(async () => {
      dir = tempDir('docket-console-extension-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      browser = await launchChromium();
      ({ caseNo: joint } = await submit(d.clerk, {
        itemCode: BUILDING_PERMIT,
        materials: BUILDING_PERMIT_MATERIALS,
      }));
      expectStatus('accept', await d.clerk.post(`/api/applications/${joint}/acceptance`, {}), 200);
      await reviewOpened(d.planningOfficer, joint);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('offers the extension to the government head only, and records it in the case file', async () => {
      // The lead department's head: 上报 is theirs, the extension is not.
      const planningHead = await pageOf(demoUsers.planningHead.name);
      await planningHead.goto(`${docket.url}/cases/${joint}`);
      await planningHead.getByRole('button', { name: /上\s*报/ }).waitFor({ timeout: 20_000 });
      expect(await planningHead.getByRole('button', { name: '批准延长' }).count()).toBe(0);

      // The government head signs in under the role's own label and finds the case.
      const government = await pageOf(demoUsers.governmentHead.name);
      expect(await government.locator('.ant-layout-header').textContent()).toContain('本级人民政府负责人');
      await government.goto(`${docket.url}/cases/${joint}`);
      await government.getByRole('button', { name: '批准延长' }).click();
      const dialog = government.getByRole('dialog');
      await dialog.getByLabel('延长工作日数').fill('15');
      await dialog.getByLabel('理由').fill('需组织专家论证，情况复杂');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // Once: the button is gone, and the history names the approver as the government's head.
      const history = government.getByRole('table', { name: '办理过程记录' });
      const line = history.getByRole('row').filter({ hasText: '批准延长' });
      await expect
        .poll(() => line.textContent(), { timeout: 20_000 })
        .toContain(demoUsers.governmentHead.name);
      expect(await line.textContent()).toContain('本级人民政府负责人');
      expect(await line.textContent()).toContain('需组织专家论证');
      expect(await government.getByRole('button', { name: '批准延长' }).count()).toBe(0);
      for (const page of [planningHead, government]) await page.context().close();
    }, 180_000);
  },
);
