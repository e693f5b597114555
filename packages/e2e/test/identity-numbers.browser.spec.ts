import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, launchChromium, signInAs, VIEWPORTS } from '../src';

const unavailable = browserUnavailable();

/**
 * Issue 13 at the window (受理台) in a real Chromium: the application form checks ID and phone numbers by
 * the domain's rule before it submits (GB 11643 check digit, a person's mobile number), and a number only
 * the server can refuse (a date of birth after today) is said on its field from the server's answer.
 */
describe.skipIf(unavailable !== undefined)(
  `console: identity numbers on the window's form${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      dir = tempDir('docket-console-identity-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      await signInAs(page, docket.url, demoUsers.clerk.name);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    }, 120_000);

    /** The field's own error under it (antd's form item explanation). */
    const errorOf = (label: string) =>
      page
        .locator('.ant-form-item')
        .filter({ has: page.getByLabel(label, { exact: true }) })
        .locator('.ant-form-item-explain-error');

    it('says a mistyped resident ID and a phone that is no mobile number on their fields, and submits once corrected', async () => {
      await page.goto(`${docket.url}/window`);
      await page.getByRole('button', { name: '新申请：食品经营许可' }).click();
      await page.getByRole('heading', { name: '新申请：食品经营许可' }).waitFor();
      await page.getByLabel('申请人名称').fill('张伟');
      // 31010419851212001 has the check digit 5 (GB 11643): 6 is a typo.
      await page.getByLabel('证件号码', { exact: true }).fill('310104198512120016');
      await page.getByLabel('联系电话', { exact: true }).fill('x');
      await page.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => errorOf('证件号码').textContent()).toContain('居民身份证号码校验码不符');
      await expect.poll(() => errorOf('联系电话').textContent()).toContain('请填写 11 位手机号码');
      expect(await page.getByText('申请已提交').count()).toBe(0);

      // A date of birth after today: only the server knows the centre's day; its answer lands on the field.
      await page.getByLabel('证件号码', { exact: true }).fill('110105209901010012');
      await page.getByLabel('联系电话', { exact: true }).fill('13912345670');
      await page.getByRole('button', { name: '提交申请' }).click();
      await expect.poll(() => errorOf('证件号码').textContent()).toContain('出生日期晚于今天');
      expect(await page.getByText('申请已提交').count()).toBe(0);

      await page.getByLabel('证件号码', { exact: true }).fill('310104198512120015');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByText('申请已提交').waitFor();
    });
  },
);
