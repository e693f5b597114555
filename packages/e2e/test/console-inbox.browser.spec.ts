import { intake } from '@docket/contracts';
import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserUnavailable,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  person,
  reviewOpened,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInAs,
  submit,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/**
 * 待办 and 办件详情 as the department meets them, in a real Chromium against the embedded docket: a food
 * licence accepted at the window (through the API: the window's screen is another's) goes 承办 → 审核 →
 * 批准 from each officer's inbox in the browser, and its case file shows who did each step and when.
 */
describe.skipIf(unavailable !== undefined)(
  `console: the department inbox and the case file${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;
    let caseNo: string;

    /** A signed-in page of its own (a browser context per user: sessions are per tab). */
    async function pageOf(userName: string): Promise<Page> {
      const context = await browser.newContext({
        viewport: VIEWPORTS.desk,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      await signInAs(page, docket.url, userName);
      return page;
    }

    async function accepted(): Promise<string> {
      const { caseNo: accepted } = await submit(d.clerk, { applicant: person });
      expectStatus(
        'accept',
        await d.clerk.call(intake.accept, { params: { caseNo: accepted }, body: {} }),
        200,
      );
      await reviewOpened(d.officer, accepted);
      return accepted;
    }

    /** The inbox row of the case (its case number is a link to the case file). */
    const rowOf = (page: Page, no: string) =>
      page.getByRole('row').filter({ has: page.getByRole('link', { name: no, exact: true }) });

    /** Opens the case from the inbox and passes the active step with an opinion. */
    async function passFromInbox(page: Page, opinion: string) {
      await page.goto(`${docket.url}/inbox`);
      const row = rowOf(page, caseNo);
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('link', { name: caseNo, exact: true }).click();
      await page.waitForURL(new RegExp(`/cases/${caseNo}$`));
      await page.getByRole('button', { name: '通过本环节' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('办理意见').fill(opinion);
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    }

    beforeAll(async () => {
      dir = tempDir('docket-console-inbox-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      browser = await launchChromium();
      caseNo = await accepted();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('shows the officer the case in the inbox with its working days left, live, and nothing serious for axe', async () => {
      const page = await pageOf(demoUsers.officer.name);
      await page.goto(`${docket.url}/inbox`);
      await page.getByRole('heading', { name: '待办', level: 2 }).waitFor();
      const row = rowOf(page, caseNo);
      await row.waitFor();
      await expect.poll(() => row.textContent()).toMatch(/剩余 \d+ 个工作日|今日到期/);
      expect(await row.textContent()).toContain('承办');
      expect(await row.textContent()).toContain('食品经营许可');
      // Live: a case accepted while the page is open appears without a reload, told by GET /api/live
      // (well before the 30 s the screen would wait to poll were the stream down).
      const second = await accepted();
      await rowOf(page, second).waitFor({ timeout: 10_000 });
      // 认领: the officer claims the second case, with the reason the domain requires.
      await rowOf(page, second)
        .getByRole('button', { name: /认\s*领/ })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('理由').fill('本人负责该片区');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => rowOf(page, second).textContent()).toContain(demoUsers.officer.name);
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await saveScreenshot(page, 'inbox');
      await page.context().close();
    }, 90_000);

    it('goes 承办 → 审核 → 批准 from each inbox; the officer is offered no decision on the head’s step', async () => {
      const officer = await pageOf(demoUsers.officer.name);
      await passFromInbox(officer, '材料齐全，现场核查合格');
      await officer.getByText('当前环节：审核').waitFor({ timeout: 20_000 });

      const reviewer = await pageOf(demoUsers.reviewer.name);
      await passFromInbox(reviewer, '同意，报批准');
      // In review: the deadlines with their working days left and colour.
      await reviewer.getByText('当前环节：批准').waitFor({ timeout: 20_000 });
      await reviewer.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await reviewer.mouse.move(0, 0);
      await saveScreenshot(reviewer, 'case-file-in-review');

      // The officer on the head's step: the case file offers no decision.
      await officer.goto(`${docket.url}/cases/${caseNo}`);
      await officer.getByText('当前环节：批准').waitFor({ timeout: 20_000 });
      expect(await officer.getByRole('button', { name: '作出决定' }).count()).toBe(0);
      expect(await officer.getByRole('button', { name: '通过本环节' }).count()).toBe(0);

      const head = await pageOf(demoUsers.head.name);
      await head.goto(`${docket.url}/inbox`);
      const row = rowOf(head, caseNo);
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain('批准');
      await row.getByRole('link', { name: caseNo, exact: true }).click();
      await head.waitForURL(new RegExp(`/cases/${caseNo}$`));
      await head.getByRole('button', { name: '作出决定' }).click();
      const dialog = head.getByRole('dialog');
      await dialog.getByLabel('办理意见').fill('准予许可');
      await dialog.getByLabel('证照编号').fill(`JY3${caseNo.replaceAll('-', '')}`);
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The case file: the outcome, and the history with each step, who and when.
      await head.getByRole('heading', { name: '办理结果' }).waitFor({ timeout: 20_000 });
      expect(await head.getByRole('button', { name: '作出决定' }).count()).toBe(0);
      const history = head.getByRole('table', { name: '办理过程记录' });
      const line = (text: string) => history.getByRole('row').filter({ hasText: text });
      await expect.poll(() => line('承办：通过').textContent()).toContain(demoUsers.officer.name);
      expect(await line('审核：通过').textContent()).toContain(demoUsers.reviewer.name);
      expect(await line('批准：准予许可').textContent()).toContain(demoUsers.head.name);
      for (const text of ['承办：通过', '审核：通过', '批准：准予许可'])
        expect(await line(text).textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      expect(await line('承办：通过').textContent()).toContain('材料齐全，现场核查合格');
      expect(await line('批准：准予许可').textContent()).toContain('批准人');
      // The applicant as the API answers it for the head's role.
      expect(await head.locator('.case-file').textContent()).toContain(person.name);

      expect(await seriousAccessibilityViolations(head)).toEqual([]);
      await head.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await head.mouse.move(0, 0);
      await saveScreenshot(head, 'case-file');
      // Printed: the shell and the actions are not on the paper.
      await head.emulateMedia({ media: 'print' });
      expect(await head.locator('.ant-layout-header').isVisible()).toBe(false);
      expect(await head.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
      expect(await history.isVisible()).toBe(true);
      for (const page of [officer, reviewer, head]) await page.context().close();
    }, 180_000);
  },
);
