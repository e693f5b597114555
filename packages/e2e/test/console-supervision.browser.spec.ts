import { intake, supervision } from '@docket/contracts';
import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  browserUnavailable,
  type Desk,
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
  signInAs,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

const foodMaterials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
] as const;

const MARKET = '黄浦区市场监督管理局';

/** The month (yyyy-mm) of an instant in the centre's zone. */
const shanghaiMonth = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
function monthBefore(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * 效能监察 in a real Chromium against the embedded docket: a complaint the applicant filed online is
 * handled by the supervisor in the browser from acceptance (within 5 working days, the time left shown)
 * to the reply; a bad rating is called back by the supervisor and rectified by the department's head; a
 * supervision order is issued, answered and closed; a month's score is locked, and the monthly report
 * prints without the shell.
 */
describe.skipIf(unavailable !== undefined)(
  `console: supervision${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;
    let supervisor: Desk;
    let caseNo: string;
    let complaintId: string;

    async function pageOf(userName: string): Promise<Page> {
      const context = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      const page = await context.newPage();
      await signInAs(page, docket.url, userName);
      return page;
    }

    const noSeriousViolations = async (page: Page) =>
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

    /** A screenshot once the page is at rest: no toast, no hover. */
    async function shot(page: Page, name: string) {
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await page.mouse.move(0, 0);
      await saveScreenshot(page, name);
    }

    /** Opens an action's dialog, fills it, submits, and waits for it to close. */
    async function act(page: Page, button: string, fill: (dialog: Locator) => Promise<void>) {
      await page.getByRole('button', { name: exactly(button) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // The dialog zooms in: on a loaded machine a click during the animation can land beside the moving
      // button and submit nothing (seen in CI). Act once it is at rest.
      await settled(page);
      await fill(dialog);
      await dialog.getByRole('button', { name: /提\s*交|锁\s*定/ }).click();
      // Still open after the wait: say what the dialog shows (a refusal, a field left invalid).
      await dialog.waitFor({ state: 'hidden' }).catch(async (error: Error) => {
        throw new Error(`${button}: the dialog stayed open showing «${await dialog.textContent()}»`, {
          cause: error,
        });
      });
    }

    /** Picks an option of an Ant Design select found by its label (the search input itself may be zero-sized). */
    async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
      const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
      const chosen = select.locator('.ant-select-selection-item').filter({ hasText: option });
      // On a loaded machine a click can land while the dropdown is still animating open and select
      // nothing: look at what the select shows, and open it and click again until it shows the option.
      await expect
        .poll(
          async () => {
            if ((await chosen.count()) > 0) return true;
            if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await select.click();
            await page
              .locator('.ant-select-dropdown:visible')
              .getByText(option, { exact: true })
              .click({ timeout: 5_000 })
              .catch(() => undefined);
            return (await chosen.count()) > 0;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
    }

    /**
     * Waits until the supervision lists include a write made through the API (their read models follow the
     * ledger), so that a page opened next shows it: what a user opening the list a moment later sees.
     */
    async function listed(position: string | null | undefined) {
      const options = position ? { minPosition: position } : {};
      expectStatus(
        'lists caught up',
        await supervisor.call(supervision.complaints, { query: {} }, options),
        200,
      );
      expectStatus('lists caught up', await supervisor.call(supervision.orders, { query: {} }, options), 200);
      expectStatus(
        'lists caught up',
        await supervisor.call(supervision.ratings, { query: {} }, options),
        200,
      );
    }

    /** The names of the action buttons a page offers now. */
    const actionsOffered = (page: Page) =>
      page
        .locator('.ant-card')
        .filter({ hasText: '下一步' })
        .getByRole('button')
        .allTextContents()
        .then((names) => names.map((name) => name.replace(/\s/g, '')));

    beforeAll(async () => {
      dir = tempDir('docket-console-supervision-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      const client = new DocketClient(docket.url);
      d = desks(client);
      supervisor = client.as(demoUsers.supervisor.id);
      // A food licence the applicant applied for online, decided and delivered: theirs to rate and complain about.
      const online = await d.applicant.call(intake.submit, {
        body: {
          itemCode: FOOD_LICENCE,
          applicant: { ...person, name: demoUsers.applicant.name },
          channel: 'web',
          materials: [...foodMaterials],
        },
      });
      caseNo = expectStatus('submit online', online, 201).body.caseNo;
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewAndApprove(d, caseNo);
      await resultReady(d.clerk, caseNo);
      await deliver(d.clerk, caseNo);
      // The complaint, as the applicant's page sends it (that page has its own browser suite).
      const filed = await d.applicant.call(supervision.submitComplaint, {
        body: {
          channel: 'online',
          type: 'delay',
          subject: { caseNo },
          complainant: { name: demoUsers.applicant.name, phone: '13912345678' },
          content: '现场核查预约多次改期，办理时间过长',
        },
      });
      complaintId = expectStatus('complain', filed, 201).body.id;
      await listed(filed.body.position);
      browser = await launchChromium();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('the supervisor handles the complaint from acceptance, with the working days left, to the reply', async () => {
      const page = await pageOf(demoUsers.supervisor.name);
      await page.getByRole('link', { name: '效能监察' }).click();
      await page.getByRole('heading', { name: '效能监察', level: 2 }).waitFor();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: complaintId }) });
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain('待受理');
      expect(await row.textContent()).toContain(MARKET);
      expect(await row.textContent()).toContain(caseNo);
      await expect.poll(() => row.textContent()).toMatch(/剩余 \d 个工作日|今日到期/);
      await noSeriousViolations(page);
      await shot(page, 'supervision-complaints');

      await row.getByRole('link', { name: complaintId }).click();
      await page.getByRole('heading', { name: `投诉 ${complaintId}` }).waitFor();
      // Within 5 working days, the time left in working days; only accepting or declining is offered.
      await page.getByText('投诉应在 5 个工作日内作出受理或不予受理决定', { exact: false }).waitFor();
      await expect
        .poll(() => page.getByTestId('time-left').textContent())
        .toMatch(/剩余 \d 个工作日|今日到期/);
      // The supervisor needs the complainant's phone to call back: shown in full.
      await page.getByText('13912345678').waitFor();
      expect(await actionsOffered(page)).toEqual(['受理', '不予受理']);
      await noSeriousViolations(page);
      await shot(page, 'supervision-complaint');

      // 受理: the reason is required before anything is sent.
      await page.getByRole('button', { name: exactly('受理') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.getByText('请填写理由').waitFor();
      await noSeriousViolations(page);
      await dialog.getByLabel('受理理由').fill('属于效能监察受理范围');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('调查处理中').first().waitFor();
      await expect.poll(() => actionsOffered(page)).toEqual(['记录调查']);
      expect(await page.getByTestId('time-left').count()).toBe(0);

      await act(page, '记录调查', (dlg) => dlg.getByLabel('调查记录').fill('调阅办件记录，询问承办人'));
      await page.getByText('调阅办件记录，询问承办人').waitFor();
      await expect.poll(() => actionsOffered(page)).toEqual(['记录调查', '作出调查结论']);

      await act(page, '作出调查结论', async (dlg) => {
        await dlg.getByRole('radio', { name: '属实', exact: true }).check();
        await dlg.getByLabel('调查结论').fill('现场核查三次改期，超出合理期限');
      });
      await page.getByText('调查结论：投诉属实').waitFor();
      await expect.poll(() => actionsOffered(page)).toEqual(['责任追究']);

      await act(page, '责任追究', async (dlg) => {
        // The department complained about is the one proposed.
        expect(await dlg.locator('.ant-select').filter({ hasText: MARKET }).count()).toBe(1);
        await choose(page, dlg, '处理方式', '批评教育');
        await dlg.getByLabel('追究理由').fill('未按规定安排现场核查');
      });
      await page.getByText('责任追究：批评教育').waitFor();
      await expect.poll(() => actionsOffered(page)).toEqual(['答复投诉人']);

      await act(page, '答复投诉人', (dlg) =>
        dlg.getByLabel('答复内容').fill('经调查，投诉属实，已对责任部门批评教育并督促整改。'),
      );
      await page.getByText('已答复办结').first().waitFor();
      await page.getByText('此投诉当前没有您可办理的事项。').waitFor();
      await page.getByText('经调查，投诉属实，已对责任部门批评教育并督促整改。').waitFor();
      await noSeriousViolations(page);
      await shot(page, 'supervision-complaint-replied');

      const view = await supervisor.call(supervision.complaint, { params: { id: complaintId } });
      expect(expectStatus('complaint', view, 200).body.complaint).toMatchObject({ status: 'closed' });
      await page.context().close();
    }, 180_000);

    it('a bad rating is called back by the supervisor and rectified by the department’s head', async () => {
      const rated = await d.applicant.call(supervision.rateService, {
        params: { caseNo },
        body: { level: 5, comment: '现场核查多次改期' },
      });
      await listed(expectStatus('rate', rated, 201).body.position);
      const page = await pageOf(demoUsers.supervisor.name);
      await page.goto(`${docket.url}/supervision/ratings`);
      // Bad ratings that count come first: the list's default.
      expect(
        await page
          .locator('.ant-select')
          .filter({ has: page.getByLabel('范围') })
          .textContent(),
      ).toContain('差评（计入考核）');
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: caseNo }) });
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain('非常不满意');
      await expect.poll(() => row.textContent()).toMatch(/剩余 \d 个工作日|今日到期/);
      await noSeriousViolations(page);
      await shot(page, 'supervision-ratings');

      await row.getByRole('link', { name: caseNo }).click();
      await page.getByRole('heading', { name: `评价 ${caseNo}` }).waitFor();
      await page.getByText('差评应在 5 个工作日内整改', { exact: false }).waitFor();
      // A supervisor calls back; rectifying and appealing are the department's.
      expect(await actionsOffered(page)).toEqual(['记录回访']);
      await act(page, '记录回访', (dlg) => dlg.getByLabel('回访情况').fill('已电话回访申请人，了解改期原因'));
      await page.getByText('已电话回访申请人，了解改期原因').waitFor();
      await page.getByText('回访记录 1').waitFor();
      await noSeriousViolations(page);

      const head = await pageOf(demoUsers.head.name);
      await head.goto(`${docket.url}/supervision/ratings/${caseNo}`);
      await head.getByRole('heading', { name: `评价 ${caseNo}` }).waitFor();
      expect(await actionsOffered(head)).toEqual(['记录回访', '提交整改情况', '提出申诉']);
      await act(head, '提交整改情况', (dlg) =>
        dlg.getByLabel('整改措施').fill('现场核查改为预约制，一次到位'),
      );
      await head.getByText('现场核查改为预约制，一次到位').waitFor();
      await expect.poll(() => actionsOffered(head)).toEqual(['记录回访', '提出申诉']);
      await head.getByText('已整改').first().waitFor();
      await noSeriousViolations(head);
      await shot(head, 'supervision-rating');
      await head.context().close();

      // The supervisor's list says so.
      await page.goto(`${docket.url}/supervision/ratings`);
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('已整改');
      await page.context().close();
    }, 180_000);

    it('a supervision order is issued to the department, answered by its head and closed', async () => {
      const page = await pageOf(demoUsers.supervisor.name);
      await page.goto(`${docket.url}/supervision/orders`);
      await page.getByRole('button', { name: '发起督办' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, dialog, '督办部门', MARKET);
      await dialog.getByLabel('相关办件编号（选填）').fill(caseNo);
      await dialog.getByLabel('督办要求').fill('请于期限内说明现场核查多次改期的原因并整改');
      await dialog.getByLabel('反馈时限（工作日）').fill('3');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { name: /^督办单 DB-/ }).waitFor();
      const id = /DB-[0-9A-Z-]+/.exec(
        (await page.getByRole('heading', { name: /^督办单 DB-/ }).textContent()) ?? '',
      )?.[0];
      expect(id).toBeDefined();
      await page.getByText('3 个工作日', { exact: true }).waitFor();
      await expect
        .poll(() => page.getByTestId('time-left').textContent())
        .toMatch(/剩余 \d 个工作日|今日到期/);
      // The department answers, not the supervisor.
      await page.getByText('此督办单当前没有您可办理的事项。').waitFor();

      const head = await pageOf(demoUsers.head.name);
      await head.goto(`${docket.url}/supervision/orders/${id}`);
      await act(head, '反馈办理情况', (dlg) =>
        dlg.getByLabel('办理情况').fill('已约谈承办人，核查改为预约制'),
      );
      await head.getByText('已约谈承办人，核查改为预约制').waitFor();
      await head.getByText('此督办单当前没有您可办理的事项。').waitFor();
      await head.context().close();

      await page.reload();
      await expect.poll(() => actionsOffered(page), { timeout: 20_000 }).toEqual(['办结']);
      await act(page, '办结', (dlg) => dlg.getByLabel('办结意见').fill('反馈属实，整改到位，予以办结'));
      await page.getByText('反馈属实，整改到位，予以办结').waitFor();
      await page.getByText('已办结').first().waitFor();
      await noSeriousViolations(page);
      await shot(page, 'supervision-order');

      // An order electronic supervision issued meanwhile, still open: its working days left in the list.
      const open = await d.monitor.call(supervision.issueSupervisionOrder, {
        body: {
          subject: { department: 'huangpu-market' },
          requirement: '本月黄牌办件较多，请说明原因',
          replyWorkingDays: 5,
        },
      });
      const openId = expectStatus('issue', open, 201).body.id;
      await listed(open.body.position);
      await page.goto(`${docket.url}/supervision/orders`);
      const openRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: openId }) });
      await openRow.waitFor({ timeout: 20_000 });
      await expect.poll(() => openRow.textContent()).toMatch(/剩余 \d 个工作日/);
      expect(await openRow.textContent()).toContain('待反馈');
      // Closed orders are not in the default list of open ones.
      expect(await page.getByRole('link', { name: id! }).count()).toBe(0);
      await choose(page, page, '状态', '全部');
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: id! }) });
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain('已办结');
      expect(await row.textContent()).toContain('按时反馈');
      expect(await row.textContent()).toContain(MARKET);
      await noSeriousViolations(page);
      await shot(page, 'supervision-orders');
      await page.context().close();
    }, 180_000);

    it('the supervisor locks last month’s score; the month’s ranking prints as an A4 report without the shell', async () => {
      const lastMonth = monthBefore(shanghaiMonth(new Date()));
      const page = await pageOf(demoUsers.supervisor.name);
      await page.goto(`${docket.url}/supervision/scores?month=${lastMonth}`);
      const table = page.getByRole('table', { name: '部门考核排名' });
      const marketRow = table.getByRole('row').filter({ hasText: MARKET });
      await marketRow.waitFor({ timeout: 30_000 });
      expect(await marketRow.textContent()).toContain('暂定');
      await page.getByText('接口按部门提供月度得分', { exact: false }).waitFor();
      await marketRow.getByRole('button', { name: `锁定 ${MARKET}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('备注（选填）').fill('经审核锁定');
      await dialog.getByRole('button', { name: /锁\s*定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => marketRow.textContent(), { timeout: 20_000 }).toContain('已锁定');
      expect(await marketRow.textContent()).toContain(`${demoUsers.supervisor.name} 于`);
      expect(await marketRow.getByRole('button', { name: /锁\s*定/ }).count()).toBe(0);
      const locked = await supervisor.call(supervision.score, {
        params: { department: 'huangpu-market', month: lastMonth },
      });
      expect(expectStatus('score', locked, 200).body).toMatchObject({ status: 'locked', note: '经审核锁定' });
      await noSeriousViolations(page);

      // This month: provisional, the bad rating and the orders deducted, nothing to lock yet.
      const thisMonth = shanghaiMonth(new Date());
      await page.goto(`${docket.url}/supervision/scores?month=${thisMonth}`);
      await page.getByText('本月尚未结束', { exact: false }).waitFor();
      // Two orders (0.5 each), one dissatisfied rating (1) and the complaint found substantiated above
      // (2): 100 − 4 = 96. (First the row's expand button to its deductions; no deemed approval.)
      await expect
        .poll(() => marketRow.getByRole('cell').allTextContents(), { timeout: 20_000 })
        .toEqual([
          '',
          expect.any(String),
          MARKET,
          '暂定',
          '0',
          '0',
          '0',
          '2',
          '1',
          '1',
          '0',
          '4',
          '96',
          '待三个月锁定',
          '—',
        ]);
      expect(await table.getByRole('button', { name: /锁\s*定/ }).count()).toBe(0);
      await page
        .getByRole('img', { name: /考核得分柱状图/ })
        .locator('canvas')
        .waitFor();
      await noSeriousViolations(page);
      await shot(page, 'supervision-scores');

      await page.getByRole('button', { name: '打印月度报告' }).click();
      await page.waitForURL(/\/supervision\/scores\/report\?month=/);
      const report = page.getByRole('article');
      await report.getByRole('heading', { name: /部门效能考核月度报告/ }).waitFor();
      await report.getByRole('row').filter({ hasText: MARKET }).waitFor();
      await noSeriousViolations(page);
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
      expect(await page.getByRole('tab').count()).toBe(0);
      expect(await report.isVisible()).toBe(true);
      await shot(page, 'supervision-report-print');
      await page.context().close();
    }, 180_000);
    // Last: it moves domain time forward, which the tests above must not see.
    it('an order left unanswered past its reply deadline is shown overdue, in the list and on its page', async () => {
      const issued = await d.monitor.call(supervision.issueSupervisionOrder, {
        body: {
          subject: { department: 'huangpu-fire' },
          requirement: '请说明消防审验积压原因',
          replyWorkingDays: 1,
        },
      });
      const id = expectStatus('issue', issued, 201).body.id;
      const view = await supervisor.call(supervision.order, { params: { id } });
      const replyBy = String(expectStatus('order', view, 200).body.order.replyBy);
      await advanceTimePast(d.admin, replyBy);
      const page = await pageOf(demoUsers.supervisor.name);
      await page.goto(`${docket.url}/supervision/orders`);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: id }) });
      await row.waitFor({ timeout: 20_000 });
      // The service's timer flags it; the list follows on a re-read.
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: exactly('刷新') }).click();
            return row.textContent();
          },
          { timeout: 30_000 },
        )
        .toContain('逾期未反馈');
      expect(await row.textContent()).not.toMatch(/剩余 \d 个工作日/);
      await row.getByRole('link', { name: id }).click();
      await page.getByRole('heading', { name: `督办单 ${id}` }).waitFor();
      await page.getByTestId('time-left').getByText('逾期未反馈').waitFor();
      await noSeriousViolations(page);
      await page.context().close();
    }, 120_000);
  },
);
