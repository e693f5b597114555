import { readFileSync } from 'node:fs';
import { audit, intake } from '@docket/contracts';
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
  resultReady,
  reviewAndApprove,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInAs,
  submit,
  until,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/**
 * 审计 as the auditor meets it, in a real Chromium against the embedded docket: a food licence accepted
 * at the window and decided by the department (through the API, as those users), then opened by the
 * auditor: the as-of slider back to before the acceptance, the fields the acceptance changed, export,
 * an audited disclosure; the whole ledger verified with progress and the signed checkpoints checked.
 */
describe.skipIf(unavailable !== undefined)(
  `console: audit${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;
    let caseNo: string;

    async function pageOf(userName: string): Promise<Page> {
      const context = await browser.newContext({
        viewport: VIEWPORTS.desk,
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      await signInAs(page, docket.url, userName);
      return page;
    }

    beforeAll(async () => {
      dir = tempDir('docket-console-audit-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      browser = await launchChromium();
      ({ caseNo } = await submit(d.clerk, { applicant: person }));
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewAndApprove(d, caseNo);
      await resultReady(d.clerk, caseNo);
      // The last reaction of the decision: the clock stops. The history is then what the auditor will read.
      await until('the clock stopped in the history', async () => {
        const answer = await d.auditor.call(audit.history, { params: { caseNo } });
        return answer.body.entries?.some((e) => e.type === 'ClockStopped') ? true : undefined;
      });
      expectStatus('sign a checkpoint', await d.admin.call(audit.signCheckpoint, { body: {} }), 201);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('shows the case before its acceptance on the slider, the fields the acceptance changed, exports and discloses with a reason', async () => {
      const page = await pageOf(demoUsers.auditor.name);
      await page.goto(`${docket.url}/audit`);
      await page.getByLabel('办件编号').fill(caseNo);
      await page.getByRole('button', { name: '查看全过程' }).click();
      await page.waitForURL(new RegExp(`/audit/cases/${caseNo}$`));
      await page.getByRole('heading', { name: `办件全过程 ${caseNo}`, level: 2 }).waitFor();
      await page.getByText(/正在回放/).waitFor({ state: 'detached', timeout: 30_000 });
      const status = page.getByTestId('audit-state-status');
      // Now: the decision recorded, the result ready at the window.
      await expect.poll(() => status.textContent()).toBe('已出结果');
      expect(await page.getByText('个人信息已按您的角色脱敏显示', { exact: false }).count()).toBe(1);

      // Back to the first events: submitted, the first handler named, not yet accepted.
      const slider = page.getByRole('slider', { name: '回溯到第几条事件之后' });
      await slider.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
      expect(await slider.getAttribute('aria-valuetext')).toContain('首问负责');
      await expect.poll(() => status.textContent()).toBe('已提交');
      const acceptance = page
        .getByTestId('audit-event')
        .filter({ has: page.getByRole('button', { name: '受理', exact: true }) });
      expect(await acceptance.textContent()).toContain('尚未发生');
      // The applicant as the API answers it for an auditor: masked.
      const stateCard = page.locator('.audit-sticky');
      expect(await stateCard.textContent()).toContain('139****5678');
      expect(await stateCard.textContent()).not.toContain(person.phone);

      // One event on: the acceptance, and what it changed, old → new.
      await page.keyboard.press('ArrowRight');
      expect(await slider.getAttribute('aria-valuetext')).toContain('受理');
      await expect.poll(() => status.textContent()).toBe('已受理');
      const changes = page.locator('.audit-changes');
      const statusRow = changes.getByRole('row').filter({ hasText: 'status' }).first();
      await expect.poll(() => statusRow.textContent()).toContain('已提交（submitted）');
      expect(await statusRow.textContent()).toContain('已受理（accepted）');
      expect(await page.getByTestId('audit-asof').first().textContent()).toContain('第 3 条事件「受理」之后');

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await saveScreenshot(page, 'audit-case');

      // As of an instant (domain time, the centre's clock): a second before the submission, nothing yet.
      const history = await d.auditor.call(audit.history, { params: { caseNo } });
      const submittedAt = Date.parse(history.body.entries[0]?.occurredAt ?? '');
      const second = new Date(Math.floor(submittedAt / 1000) * 1000 - 1000);
      const picker = page.getByLabel('回溯时间点（北京时间）');
      await picker.click();
      await picker.fill(second.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }));
      await picker.press('Enter');
      await page.getByText('该办件尚无任何事件', { exact: false }).waitFor();
      await page.locator('.audit-sticky').getByText('该时刻办件尚未提交').waitFor();
      await page.getByRole('button', { name: '回到最新' }).click();
      await expect.poll(() => status.textContent()).toBe('已出结果');

      // Export: a JSON file the browser saves, the case's audit file.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 JSON' }).click(),
      ]);
      const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
        format: string;
        caseNo: string;
        events: unknown[];
      };
      expect(file.format).toBe('docket-case-audit/1');
      expect(file.caseNo).toBe(caseNo);
      expect(file.events.length).toBeGreaterThan(5);
      // The printable timeline, as the API renders it.
      await page.getByRole('button', { name: '可打印时间线' }).click();
      const preview = page.frameLocator('iframe[title="办件全过程时间线（打印预览）"]');
      await expect.poll(() => preview.locator('body').textContent(), { timeout: 20_000 }).toContain(caseNo);
      await page.getByRole('dialog').locator('.ant-modal-close').click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      // Disclosure: refused without a reason, then recorded with one and shown in the history.
      await page.getByRole('button', { name: '披露个人信息' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: '记录并披露' }).click();
      await dialog.getByText('请填写披露理由').waitFor();
      const reason = '核查投诉中反映的联系电话是否为申请人本人';
      await dialog.getByLabel('披露理由').fill(reason);
      await dialog.getByRole('button', { name: '记录并披露' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const shown = page.locator('#main .ant-alert-warning');
      await shown.waitFor();
      expect(await shown.textContent()).toContain(person.phone);
      expect(await shown.textContent()).toContain(person.idNumber);
      const recorded = page.getByTestId('audit-event').filter({ hasText: '个人信息披露' });
      await recorded.waitFor({ timeout: 20_000 });
      expect(await recorded.textContent()).toContain(demoUsers.auditor.name);
      expect(await recorded.textContent()).toContain(reason);
      expect(await recorded.textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
      await page.context().close();
    }, 180_000);

    it('verifies the whole ledger with its progress and figures, and checks the signed checkpoints', async () => {
      const page = await pageOf(demoUsers.auditor.name);
      await page.goto(`${docket.url}/audit`);
      await page.getByRole('heading', { name: '签名检查点' }).waitFor();
      // Auditors check checkpoints; they do not make them.
      expect(await page.getByRole('button', { name: '签署新检查点' }).count()).toBe(0);
      await page.getByRole('button', { name: '核验整个账本' }).click();
      const result = page.getByTestId('ledger-result');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toMatch(/账本完整：共核验 \d+ 条事件/);
      const progress = page.getByRole('progressbar', { name: '账本核验进度' });
      expect(await progress.getAttribute('aria-valuenow')).toBe('100');

      await page.getByRole('button', { name: '全部校验' }).click();
      const check = page.getByTestId('checkpoint-check').first();
      await check.waitFor({ timeout: 20_000 });
      expect(await check.textContent()).toContain('签名有效');
      expect(await check.textContent()).toContain('与账本一致');

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await saveScreenshot(page, 'audit-ledger');
      await page.context().close();

      // The centre's administrator signs the head now; the new checkpoint is listed.
      const admin = await pageOf(demoUsers.admin.name);
      await admin.goto(`${docket.url}/audit`);
      await admin.getByRole('heading', { name: '签名检查点' }).waitFor();
      expect(await admin.getByLabel('办件编号').count()).toBe(0);
      const rows = admin.getByRole('row').filter({ hasText: '第 1–' });
      const before = await rows.count();
      // The ledger moves on (a new application), so there is a new head to sign.
      await submit(d.clerk, { applicant: person });
      await admin.getByRole('button', { name: '签署新检查点' }).click();
      await admin
        .locator('.ant-message-notice')
        .filter({ hasText: '已签署检查点' })
        .waitFor({ timeout: 20_000 });
      await expect.poll(() => rows.count()).toBe(before + 1);
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);
      await admin.context().close();
    }, 180_000);
  },
);
