import { intake, supervision } from '@docket/contracts';
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
  deliver,
  desks,
  exactly,
  expectStatus,
  FOOD_LICENCE,
  launchChromium,
  person,
  resultReady,
  reviewAndApprove,
  saveScreenshot,
  seriousAccessibilityViolations,
  settled,
  submit,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

const foodMaterials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
] as const;

/**
 * The applicants' pages (no console shell, phone first) in a real Chromium at 390×844 against a real
 * embedded docket: the public status lookup by case number and query code, a wrong code, too many
 * lookups; the rating (好差评) of a closed case by its own applicant (the API takes it only from the
 * account that applied online, so that case is submitted online; a window case is refused clearly);
 * a complaint in the applicant's own name.
 */
describe.skipIf(unavailable !== undefined)(
  `console: the applicants' pages${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let page: Page;
    let d: Desks;
    /** Submitted at the window by the clerk, decided and delivered. */
    let windowCase: { caseNo: string; queryCode: string };
    /** Submitted online by the applicant 刘洋, decided and delivered: theirs to rate. */
    let onlineCase: { caseNo: string; queryCode: string };

    const shot = (name: string) => saveScreenshot(page, `applicant-${name}`);
    const noSeriousViolations = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
    /** Phone first: nothing wider than the phone's screen. */
    const fitsThePhone = async () =>
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        VIEWPORTS.phone.width,
      );

    async function throughToDelivery(caseNo: string) {
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewAndApprove(d, caseNo);
      await resultReady(d.clerk, caseNo);
      await deliver(d.clerk, caseNo);
    }

    async function lookUp(caseNo: string, queryCode: string) {
      await settled(page);
      await page.getByLabel('办件编号').fill(caseNo);
      await page.getByLabel('查询码').fill(queryCode);
      await page.getByRole('button', { name: exactly('查询') }).click();
    }

    beforeAll(async () => {
      dir = tempDir('docket-console-applicant-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      const fromWindow = await submit(d.clerk);
      windowCase = { caseNo: fromWindow.caseNo, queryCode: fromWindow.queryCode };
      await throughToDelivery(windowCase.caseNo);
      const online = await d.applicant.call(intake.submit, {
        body: {
          itemCode: FOOD_LICENCE,
          applicant: { ...person, name: demoUsers.applicant.name },
          channel: 'web',
          materials: [...foodMaterials],
        },
      });
      const { caseNo, queryCode } = expectStatus('submit online', online, 201).body;
      onlineCase = { caseNo, queryCode };
      await throughToDelivery(caseNo);
      browser = await launchChromium();
      page = await browser.newPage({
        viewport: VIEWPORTS.phone,
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    }, 60_000);

    it('looks a case up from the notice’s QR link: a wrong code is told plainly, the right one shows progress and dates', async () => {
      await page.goto(`${docket.url}/status?caseNo=${encodeURIComponent(windowCase.caseNo)}`);
      await page.getByRole('heading', { name: '办件进度查询' }).waitFor();
      // No console shell: no navigation of the signed-in console, no sign-in.
      expect(await page.getByRole('link', { name: '受理台' }).count()).toBe(0);
      expect(await page.getByLabel('办件编号').inputValue()).toBe(windowCase.caseNo);
      await noSeriousViolations();
      await fitsThePhone();

      // A wrong code: the same words as an unknown case (the API does not tell which).
      await lookUp(windowCase.caseNo, 'ZZZZ-ZZZZ');
      await page.getByText('办件编号或查询码不正确').waitFor();
      await shot('status-wrong-code');
      await noSeriousViolations();

      await lookUp(windowCase.caseNo, windowCase.queryCode);
      await page.getByRole('heading', { name: '查询结果' }).waitFor();
      expect(await page.getByText('办件编号或查询码不正确').count()).toBe(0);
      const steps = await page.locator('ol.applicant-steps > li').allTextContents();
      expect(steps.map((step) => step.replace(/（.*$/, ''))).toEqual([
        '已提交',
        '已受理',
        '审查中',
        '已办结',
        '已送达',
      ]);
      expect(steps.every((step) => step.includes('（已完成）'))).toBe(true);
      await page.getByText('已办结，结果已送达').waitFor();
      await page.getByText('承诺办结期限').waitFor();
      await page.getByText('承诺期限按工作日计算', { exact: false }).waitFor();
      await page.getByText('准予许可').waitFor();
      await page.getByText('食品经营许可证').waitFor();
      // A closed case offers its rating and a complaint.
      await page.getByRole('link', { name: '评价本次服务' }).waitFor();
      await page.getByRole('link', { name: exactly('投诉') }).waitFor();
      await fitsThePhone();
      await noSeriousViolations();
      await shot('status');
      // At a desk too: the same page, centred.
      await page.setViewportSize(VIEWPORTS.desk);
      await shot('status-desk');
      await page.setViewportSize(VIEWPORTS.phone);
    }, 60_000);

    it('takes a query code from the URL into the field and out of the address', async () => {
      await page.goto(
        `${docket.url}/status?caseNo=${encodeURIComponent(onlineCase.caseNo)}&queryCode=${encodeURIComponent(onlineCase.queryCode)}`,
      );
      await page.getByRole('heading', { name: '办件进度查询' }).waitFor();
      await expect.poll(() => new URL(page.url()).searchParams.has('queryCode')).toBe(false);
      expect(new URL(page.url()).searchParams.get('caseNo')).toBe(onlineCase.caseNo);
      expect(await page.getByLabel('查询码').inputValue()).toBe(onlineCase.queryCode);
      await page.getByRole('button', { name: exactly('查询') }).click();
      await page.getByRole('heading', { name: '查询结果' }).waitFor();
    }, 60_000);

    it('switches to English and back', async () => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Track an application' }).waitFor();
      await page.getByLabel('Query code').waitFor();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { name: '办件进度查询' }).waitFor();
    }, 60_000);

    it('rates the closed case the applicant submitted online, after signing in as them; a window case is refused clearly', async () => {
      // From the status of the online case (looked up above): 评价本次服务.
      await page.getByRole('link', { name: '评价本次服务' }).click();
      await page.waitForURL(/\/status\/rating\?caseNo=/);
      await page.getByRole('heading', { name: '服务评价（好差评）' }).waitFor();
      await page.getByRole('heading', { name: '请先登录' }).waitFor();
      await noSeriousViolations();
      await shot('rating-sign-in');
      await page.getByRole('button', { name: `以 ${demoUsers.applicant.name} 身份登录` }).click();
      await page.getByText(`已登录：${demoUsers.applicant.name}`).waitFor();
      expect(await page.getByLabel('办件编号').inputValue()).toBe(onlineCase.caseNo);

      // A case applied for at the window is not theirs to rate online.
      await page.getByLabel('办件编号').fill(windowCase.caseNo);
      await page.getByRole('radio', { name: '满意', exact: true }).check();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('该办件不是您以本人账号在网上提交的').waitFor();

      await page.getByLabel('办件编号').fill(onlineCase.caseNo);
      // A change of the form clears the refusal of the previous attempt.
      await expect.poll(() => page.getByText('该办件不是您以本人账号在网上提交的').count()).toBe(0);
      await page.getByRole('radio', { name: '非常满意', exact: true }).check();
      await page.getByLabel('意见和建议（选填）').fill('窗口一次告知，办理很快');
      await fitsThePhone();
      await noSeriousViolations();
      await shot('rating');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.getByText(`办件 ${onlineCase.caseNo} 的评价已提交：非常满意。`).waitFor();
      await noSeriousViolations();
      await shot('rating-done');

      const rating = await d.applicant.call(supervision.rating, { params: { caseNo: onlineCase.caseNo } });
      expect(expectStatus('rating', rating, 200).body.rating).toMatchObject({
        level: 1,
        comment: '窗口一次告知，办理很快',
        enteredBy: 'applicant',
      });

      // Once per case.
      await page.goto(`${docket.url}/status/rating?caseNo=${encodeURIComponent(onlineCase.caseNo)}`);
      await page.getByRole('radio', { name: '满意', exact: true }).check();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('该办件已经评价过').waitFor();
    }, 60_000);

    it('sends a complaint in the applicant’s own name', async () => {
      await page.goto(`${docket.url}/status/complaint?caseNo=${encodeURIComponent(onlineCase.caseNo)}`);
      await page.getByRole('heading', { name: exactly('投诉') }).waitFor();
      expect(await page.getByLabel('办件编号').inputValue()).toBe(onlineCase.caseNo);
      expect(await page.getByLabel('您的姓名').inputValue()).toBe(demoUsers.applicant.name);
      await page.getByRole('radio', { name: '慢作为（拖延办理）' }).check();
      await page.getByLabel('联系电话（选填）').fill('13912345678');
      await page.getByLabel('投诉内容').fill('现场核查预约多次改期，办理时间过长');
      await fitsThePhone();
      await noSeriousViolations();
      await shot('complaint');
      await page.getByRole('button', { name: '提交投诉' }).click();
      await page.getByText('投诉已提交').waitFor();
      const line = await page.getByText(/投诉编号：TS-/).textContent();
      const id = /TS-[0-9A-Z-]+/.exec(line ?? '')?.[0];
      expect(id).toBeDefined();
      await page.getByText(/受理期限：/).waitFor();
      await noSeriousViolations();
      await shot('complaint-done');

      const complaint = await d.applicant.call(supervision.complaint, { params: { id: id! } });
      expect(expectStatus('complaint', complaint, 200).body.complaint).toMatchObject({
        status: 'submitted',
        channel: 'online',
        type: 'delay',
        subject: { caseNo: onlineCase.caseNo },
        complainant: { name: demoUsers.applicant.name, userId: demoUsers.applicant.id },
      });
    }, 60_000);

    it('says to wait when there were too many lookups (429)', async () => {
      await page.goto(`${docket.url}/status?caseNo=${encodeURIComponent(windowCase.caseNo)}`);
      await page.getByLabel('查询码').fill(windowCase.queryCode);
      // Use up this address's lookups (the browser and this test share it), then look up at once.
      for (let i = 0; i < 40; i++) {
        const answer = await fetch(`${docket.url}/api/public/status-lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ caseNo: windowCase.caseNo, queryCode: 'ZZZZ-ZZZZ' }),
        });
        await answer.text();
        if (answer.status === 429) break;
      }
      await page.getByRole('button', { name: exactly('查询') }).click();
      await page.getByText(/查询次数过多，请等待 \d+ 秒后再试/).waitFor();
      await shot('status-too-many');
      await noSeriousViolations();
    }, 60_000);
  },
);
