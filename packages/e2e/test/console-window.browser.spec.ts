import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserUnavailable,
  DocketClient,
  desks,
  exactly,
  launchChromium,
  resultReady,
  reviewAndApprove,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInAs,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/**
 * 受理台 in a real Chromium against a real embedded docket: the clerk takes an application for the demo
 * food licence through the catalogue and the form, asks once for corrections, receives the supplements,
 * accepts and prints the acceptance notice; declines another case; finds the first by its case number.
 */
describe.skipIf(unavailable !== undefined)(
  `console: the window clerk's desk${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let page: Page;
    let accepted: { caseNo: string; queryCode: string };

    const shot = (name: string) => saveScreenshot(page, `window-${name}`);
    const noSeriousViolations = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

    /** The catalogue → 新申请 → the checklist and the applicant's fields → 提交申请. */
    async function submitFoodLicence(applicant: string, screenshots: boolean) {
      await page.goto(`${docket.url}/window`);
      await page.getByRole('heading', { name: '事项目录' }).waitFor();
      await page.getByRole('cell', { name: '食品经营许可', exact: true }).waitFor();
      if (screenshots) {
        await noSeriousViolations();
        await shot('catalogue');
      }
      await page.getByRole('button', { name: '新申请：食品经营许可' }).click();
      await page.getByRole('heading', { name: '新申请：食品经营许可' }).waitFor();
      for (const material of ['食品经营许可申请书', '营业执照', '经营场所布局图'])
        await page.getByRole('checkbox', { name: `已收取：${material}` }).check();
      await page.getByLabel('申请人名称').fill(applicant);
      await page.getByLabel('证件号码').fill('310101199001011234');
      await page.getByLabel('联系电话').fill('13800000000');
      await page.getByLabel('地址').fill('上海市黄浦区南京东路1号');
      if (screenshots) {
        await noSeriousViolations();
        await shot('apply');
      }
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByText('申请已提交').waitFor();
      const caseNo = (await page.getByTestId('case-no').textContent())?.trim() ?? '';
      const queryCode = (await page.getByTestId('query-code').textContent())?.trim() ?? '';
      expect(caseNo).not.toBe('');
      expect(queryCode).not.toBe('');
      if (screenshots) {
        await noSeriousViolations();
        await shot('submitted');
      }
      await page.getByRole('button', { name: '办理此件' }).click();
      await page.getByRole('heading', { name: `办件 ${caseNo}` }).waitFor();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已收件');
      return { caseNo, queryCode };
    }

    beforeAll(async () => {
      dir = tempDir('docket-console-window-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      browser = await launchChromium();
      // axe-core is injected as an inline script, which the gateway's CSP (script-src 'self') refuses.
      page = await browser.newPage({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      await signInAs(page, docket.url, demoUsers.clerk.name);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    }, 120_000);

    it('takes an application through the catalogue and the form, corrects it once, accepts it and prints the notices', async () => {
      accepted = await submitFoodLicence('上海黄浦小笼馆有限公司', true);
      const { caseNo, queryCode } = accepted;
      await noSeriousViolations();
      await shot('case');

      // 一次性告知: two materials, each with its reason.
      await page.getByRole('button', { name: '一次性告知（补正）' }).click();
      const notice = page.getByRole('dialog');
      await notice.getByText('一次性告知：需补正的材料').waitFor();
      await notice.getByRole('checkbox', { name: '需补正：营业执照' }).check();
      await notice.getByRole('textbox', { name: '原因：营业执照' }).fill('复印件字迹不清');
      await notice.getByRole('checkbox', { name: '需补正：经营场所布局图' }).check();
      await notice.getByRole('textbox', { name: '原因：经营场所布局图' }).fill('未标明加工操作区');
      await noSeriousViolations();
      await shot('correction');
      await notice.getByRole('button', { name: '出具补正材料通知书' }).click();
      await page.getByRole('heading', { name: '补正材料通知书' }).waitFor();
      const printed = page.getByRole('article', { name: '补正材料通知书' });
      await printed.getByText('复印件字迹不清').waitFor();
      await printed.getByText('未标明加工操作区').waitFor();
      expect(await printed.getByText(`BZ-${caseNo}`).count()).toBe(1);
      await printed.getByRole('img', { name: '办件进度查询二维码' }).waitFor();
      await noSeriousViolations();
      await shot('print-correction');

      // 补正: the notice's materials handed in.
      await page.getByRole('button', { name: '返回办件' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('待补正');
      await page.getByRole('button', { name: '接收补正材料' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '确认接收' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已补正');

      // 受理 and the 受理通知书.
      await page.getByRole('button', { name: exactly('受理') }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: exactly('受理') })
        .click();
      await page.getByRole('heading', { name: '受理通知书' }).waitFor();
      const acceptance = page.getByRole('article', { name: '受理通知书' });
      await acceptance.getByRole('cell', { name: caseNo, exact: true }).waitFor();
      await acceptance.getByRole('cell', { name: queryCode, exact: true }).waitFor();
      await acceptance.getByText(`SL-${caseNo}`).waitFor();
      await acceptance
        .getByText(/10 个工作日/)
        .first()
        .waitFor();
      await noSeriousViolations();
      await shot('print-acceptance');
      // On paper: the document alone, no shell, no buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: exactly('打印') }).isVisible()).toBe(false);
      expect(await acceptance.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: '返回办件' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toMatch(/已受理|审查中/);
      expect(await page.getByRole('button', { name: exactly('受理') }).count()).toBe(0);
      // The promised deadline runs: its working days left, on the centre's calendar.
      await page.getByText(/剩余 \d+ 个工作日/).waitFor();
      await noSeriousViolations();
      await shot('case-accepted');
    }, 120_000);

    it('declines another application with a reason and prints the decision', async () => {
      const { caseNo } = await submitFoodLicence('黄浦区某餐饮店', false);
      await page.getByRole('button', { name: '不予受理' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('不予受理理由').fill('申请事项不属于本机关职权范围');
      await dialog.getByLabel('法律依据').fill('《中华人民共和国行政许可法》第三十二条第一款第二项');
      await dialog.getByRole('button', { name: '作出不予受理决定' }).click();
      await page.getByRole('heading', { name: '不予受理决定书' }).waitFor();
      const decision = page.getByRole('article', { name: '不予受理决定书' });
      await decision.getByText('理由：申请事项不属于本机关职权范围').waitFor();
      await decision.getByRole('cell', { name: caseNo, exact: true }).waitFor();
      await noSeriousViolations();
      await shot('print-decline');
      await page.getByRole('button', { name: '返回办件' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('不予受理');
      await page.getByText('当前状态下窗口无需办理的操作。').waitFor();
    }, 120_000);

    it('delivers the result once the department has decided', async () => {
      // The review is the departments' screens' work: here through the API, as they would do it.
      const d = desks(new DocketClient(docket.url));
      await reviewAndApprove(d, accepted.caseNo);
      await resultReady(d.clerk, accepted.caseNo);
      await page.goto(`${docket.url}/window/case/${accepted.caseNo}`);
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结待送达');
      expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
      await page.getByRole('button', { name: '送达结果' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('签收人', { exact: true }).waitFor();
      await noSeriousViolations();
      await shot('deliver');
      await dialog.getByRole('button', { name: '确认送达' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已送达');
      await page.getByText('当前状态下窗口无需办理的操作。').waitFor();
    }, 120_000);

    it('finds the accepted case by its case number, and lists cases paged by the server', async () => {
      await page.goto(`${docket.url}/cases`);
      await page.getByRole('heading', { name: '办件查询' }).waitFor();
      await page.getByRole('link', { name: accepted.caseNo, exact: true }).waitFor();
      await page.getByText('共 2 件').waitFor();
      await page.getByLabel('办件编号').fill(accepted.caseNo);
      await page.getByRole('button', { name: exactly('查询') }).click();
      await page.waitForURL(/caseNo=/);
      await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
      const link = page.getByRole('link', { name: accepted.caseNo, exact: true });
      expect(await link.getAttribute('href')).toBe(`/cases/${accepted.caseNo}`);
      const desk = page.getByRole('link', { name: `受理台办理：${accepted.caseNo}` });
      expect(await desk.getAttribute('href')).toBe(`/window/case/${accepted.caseNo}`);
      await noSeriousViolations();
      await shot('search');
      // The same screen in English (then back to Chinese: the choice is kept in this browser).
      await page.getByRole('combobox', { name: '语言' }).click({ force: true });
      await page.locator('.ant-select-item-option').filter({ hasText: 'English' }).click();
      await page.getByRole('heading', { name: 'Case search' }).waitFor();
      await page.getByRole('columnheader', { name: 'Promised by' }).waitFor();
      await page.getByRole('combobox', { name: 'Language' }).click({ force: true });
      await page.locator('.ant-select-item-option').filter({ hasText: '中文' }).click();
      await page.getByRole('heading', { name: '办件查询' }).waitFor();
    }, 120_000);
  },
);
