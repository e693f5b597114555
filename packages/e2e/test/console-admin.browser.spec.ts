import { intake, monitoring } from '@docket/contracts';
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
  FOOD_LICENCE,
  launchChromium,
  reviewOpened,
  saveScreenshot,
  seriousAccessibilityViolations,
  settled,
  signInAs,
  submit,
  until,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/** The local date (Asia/Shanghai) of an instant, yyyy-mm-dd. */
const shanghaiDate = (instant: string) =>
  new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

/**
 * 系统管理 as the administrator meets it, in a real Chromium against the embedded docket: the food
 * licence revised with the diff seen before saving and both versions kept; a year's calendar drafted on
 * the grid and published; a day of the year in force changed only after the open case it touches is shown.
 */
describe.skipIf(unavailable !== undefined)(
  `console: administration${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;
    let page: Page;
    let caseNo: string;

    beforeAll(async () => {
      dir = tempDir('docket-console-admin-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      browser = await launchChromium();
      // An open case, accepted at the window through the API: its clock's deadlines lie ahead.
      ({ caseNo } = await submit(d.clerk));
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewOpened(d.officer, caseNo);
      const context = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      page = await context.newPage();
      await signInAs(page, docket.url, demoUsers.admin.name);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    /** The year's button of the year switch (its radio input is drawn under the button's face). */
    const pickYear = (year: number) =>
      page.locator('label.ant-radio-button-wrapper', { hasText: String(year) }).click();

    /** Scrolled back to the top, the pointer out of the way: a full-page screenshot then shows the page as it lies. */
    async function atTop() {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.mouse.move(0, 0);
      await settled(page);
    }

    /** At rest, no toast over the page, the pointer out of the way: then axe and the screenshot. */
    async function checkAndShoot(name: string) {
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 20_000 });
      await page.mouse.move(0, 0);
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, name);
    }

    it('revises an item: the diff before saving, then version 2 listed with version 1 kept', async () => {
      await page.goto(`${docket.url}/admin/catalogue`);
      await page.getByRole('heading', { name: '系统管理', level: 2 }).waitFor();
      await page.getByRole('button', { name: '修订：食品经营许可' }).click();
      await page
        .getByRole('heading', { name: /修订：食品经营许可（当前第 1 版）/ })
        .waitFor({ timeout: 20_000 });
      const diff = page.getByRole('table', { name: '与第 1 版相比的修改' });
      await page.getByText('尚无修改。').waitFor();

      // Two changes: one more copy of the layout plan, and a material needed only in some cases.
      await page.getByLabel('份数（第 3 项）').fill('2');
      await page.getByRole('button', { name: '添加材料' }).click();
      await page.getByLabel('材料编码（第 4 项）').fill('health');
      await page.getByLabel('材料名称（第 4 项）').fill('从业人员健康证明');
      await diff.waitFor();
      const row = (text: string) => diff.getByRole('row').filter({ hasText: text });
      await expect.poll(() => row('申报材料 layout').textContent()).toContain('修改');
      expect(await row('申报材料 layout').textContent()).toMatch(/1 份.*2 份/);
      await expect.poll(() => row('申报材料 health').textContent()).toContain('从业人员健康证明');
      expect(await row('申报材料 health').textContent()).toContain('新增');
      expect(await diff.getByRole('row').count()).toBe(3); // the header and the two changes

      await page.getByLabel('修订说明').fill('布局图改为两份；增加从业人员健康证明');
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await atTop();
      await saveScreenshot(page, 'admin-catalogue-revise');
      await page.getByRole('button', { name: '保存为第 2 版' }).click();

      // The versions: 2 is current, 1 kept, and the diff between them said again.
      await page.waitForURL(/\/admin\/catalogue\/310101-FOOD-BL$/, { timeout: 20_000 });
      const second = page.getByRole('region', { name: '第 2 版' });
      const first = page.getByRole('region', { name: '第 1 版' });
      await second.getByText('当前版本').waitFor({ timeout: 20_000 });
      await first.waitFor();
      expect(await second.textContent()).toContain('修订说明：布局图改为两份；增加从业人员健康证明');
      expect(await second.textContent()).toContain(demoUsers.admin.name);
      const kept = second.getByRole('table', { name: '与第 1 版相比' });
      expect(await kept.getByRole('row').filter({ hasText: '申报材料 health' }).textContent()).toContain(
        '新增',
      );
      expect(await first.textContent()).toContain('首次发布');
      // Version 1 in full, still as it was.
      await first.getByRole('button', { name: '第 1 版全部内容' }).click();
      await expect.poll(() => first.textContent()).toContain('layout 经营场所布局图 · 原件 · 1 份 · 必要');

      const versions = expectStatus(
        'versions',
        await d.admin.call(intake.itemVersions, { params: { code: FOOD_LICENCE } }),
        200,
      ).body;
      expect(versions.map((v) => [v.item.version, v.item.materials.length])).toEqual([
        [1, 3],
        [2, 4],
      ]);
      await first.getByRole('button', { name: '第 1 版全部内容' }).click();
      await checkAndShoot('admin-catalogue');
    }, 120_000);

    it('sets a retention period by keyboard, its basis required: the API’s refusal lands on the basis field', async () => {
      await page.goto(`${docket.url}/admin/catalogue/${FOOD_LICENCE}/revise`);
      await page
        .getByRole('heading', { name: /修订：食品经营许可（当前第 2 版）/ })
        .waitFor({ timeout: 20_000 });
      // The item names no period: the default, said with its basis.
      const retention = page.getByRole('radiogroup', { name: '保管期限' });
      const byDefault = retention.getByRole('radio', { name: '默认（定期30年）' });
      expect(await byDefault.isChecked()).toBe(true);
      expect(await page.getByText(/^默认期限的依据：国家档案局令第8号/).count()).toBe(1);
      expect(await page.getByLabel('保管期限依据').count()).toBe(0);

      // 定期, chosen with the arrow key; the years start from the default's 30.
      await byDefault.focus();
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => retention.getByRole('radio', { name: '定期', exact: true }).isChecked())
        .toBe(true);
      const years = page.getByLabel('保管年限（年）');
      expect(await years.inputValue()).toBe('30');
      await years.fill('10');
      const basis = page.getByLabel('保管期限依据');
      expect(await basis.getAttribute('aria-required')).toBe('true');
      await page.getByLabel('修订说明').fill('保管期限按本中心保管期限表改为定期10年');

      // No basis: the form says so and sends nothing.
      const save = page.getByRole('button', { name: '保存为第 3 版' });
      await save.click();
      await page.getByText('请填写保管期限依据').waitFor();
      await basis.fill('本中心归档范围和保管期限表第 12 条：食品经营许可案卷定期10年');
      const diff = page.getByRole('table', { name: '与第 2 版相比的修改' });
      const row = diff.getByRole('row').filter({ hasText: '保管期限' });
      await expect
        .poll(() => row.textContent())
        .toMatch(/修改定期30年（默认）定期10年；依据：本中心归档范围/);
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await atTop();
      await saveScreenshot(page, 'admin-catalogue-retention');

      // The basis lost on the way: the domain's RetentionBasisRequired is said on the basis field.
      const revise = `/api/catalogue/items/${FOOD_LICENCE}`;
      let stripped = false;
      await page.route(
        (url) => url.pathname === revise,
        async (route) => {
          if (route.request().method() !== 'PUT' || stripped) return route.continue();
          stripped = true;
          const body = route.request().postDataJSON() as { item: { retention: { basis?: string } } };
          delete body.item.retention.basis;
          return route.continue({ postData: JSON.stringify(body) });
        },
      );
      await save.click();
      await page.getByText('事项不符合以下规则，未保存：').waitFor({ timeout: 20_000 });
      const onField = page.locator('#retentionBasis_help');
      await expect.poll(() => onField.textContent()).toContain('选定的保管期限须写明依据');
      expect(await basis.getAttribute('aria-describedby')).toContain('retentionBasis_help');
      await page.unrouteAll();

      // Sent again as written (the same Idempotency-Key: nothing was recorded for the refusal).
      await save.click();
      await page.waitForURL(/\/admin\/catalogue\/310101-FOOD-BL$/, { timeout: 20_000 });
      const third = page.getByRole('region', { name: '第 3 版' });
      await third.getByText('当前版本').waitFor({ timeout: 20_000 });
      const kept = third.getByRole('table', { name: '与第 2 版相比' });
      expect(await kept.getByRole('row').filter({ hasText: '保管期限' }).textContent()).toContain('定期10年');
      await third.getByRole('button', { name: '第 3 版全部内容' }).click();
      await expect.poll(() => third.textContent()).toContain('保管期限定期10年');
      expect(await third.textContent()).toContain('保管期限依据本中心归档范围和保管期限表第 12 条');
      const item = expectStatus(
        'the revised item',
        await d.admin.call(intake.item, { params: { code: FOOD_LICENCE } }),
        200,
      ).body;
      expect(item.current.retention).toEqual({
        kind: 'years',
        years: 10,
        basis: '本中心归档范围和保管期限表第 12 条：食品经营许可案卷定期10年',
      });
    }, 120_000);

    it('defines a new item with its materials and steps; it is listed as version 1', async () => {
      await page.goto(`${docket.url}/admin/catalogue`);
      await page.getByRole('button', { name: '新建事项' }).click();
      await page.getByRole('heading', { name: '新建事项', level: 3 }).waitFor({ timeout: 20_000 });
      await page.getByLabel('实施编码').fill('310101-MKT-SIGN');
      await page.getByLabel('事项名称').fill('户外招牌设置备案');
      await page.getByLabel('实施部门').fill('市场监督');
      // The first department matching what was typed, chosen by keyboard.
      await page.locator('.ant-select-item-option-active', { hasText: '黄浦区市场监督管理局' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByLabel('设立依据').fill('《上海市市容环境卫生管理条例》第二十二条');
      await page.getByRole('button', { name: '添加材料' }).click();
      await page.getByLabel('材料编码（第 1 项）').fill('photo');
      await page.getByLabel('材料名称（第 1 项）').fill('招牌效果图');
      await page.getByRole('button', { name: '发布事项' }).click();
      await page.waitForURL(/\/admin\/catalogue\/310101-MKT-SIGN$/, { timeout: 20_000 });
      const first = page.getByRole('region', { name: '第 1 版' });
      await first.getByText('当前版本').waitFor({ timeout: 20_000 });
      expect(await first.textContent()).toContain('首次发布');
      const item = expectStatus(
        'the new item',
        await d.admin.call(intake.item, { params: { code: '310101-MKT-SIGN' } }),
        200,
      ).body;
      expect(item.current).toMatchObject({
        version: 1,
        department: 'huangpu-market',
        category: 'promised',
        materials: [
          { code: 'photo', name: '招牌效果图', requirement: 'mandatory', form: 'original', count: 1 },
        ],
        steps: [{ kind: 'handle' }, { kind: 'review' }, { kind: 'approve' }],
      });
      await page.getByRole('tab', { name: '事项目录' }).click();
      const listed = page.getByRole('row').filter({ hasText: '户外招牌设置备案' });
      await expect.poll(() => listed.textContent(), { timeout: 20_000 }).toContain('第 1 版');
    }, 60_000);

    it('withdraws an item with the reason the domain requires; its versions stay readable', async () => {
      await page.goto(`${docket.url}/admin/catalogue`);
      await page.getByRole('button', { name: '个体工商户登记事项变更的版本记录' }).click();
      await page.getByRole('region', { name: '第 1 版' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: '撤销事项' }).click();
      const dialog = page.getByRole('dialog', { name: '撤销事项：个体工商户登记事项变更' });
      // No reason, no withdrawal: the form says so and nothing is sent.
      await dialog.getByRole('button', { name: '撤销事项' }).click();
      await dialog.getByText('请填写撤销理由').waitFor();
      await dialog.getByLabel('撤销理由').fill('已并入“一件事”集成办理');
      await dialog.getByRole('button', { name: '撤销事项' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
      await page.getByText(/已于 .* 撤销：已并入“一件事”集成办理/).waitFor({ timeout: 20_000 });
      expect(await page.getByRole('button', { name: '撤销事项' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: '第 1 版' }).count()).toBe(1);
      const items = expectStatus('items', await d.admin.call(intake.items, {}), 200).body;
      expect(items.map((item) => item.code)).not.toContain('310101-MKT-CHG');
    }, 60_000);

    it('drafts and publishes a year, then changes a day of the year in force after seeing the case it touches', async () => {
      // A year with no schedule (neither shipped nor published): its provisional calendar (《全国年节及纪念日
      // 放假办法》 Art. 2: statutory holidays, no 调休), marked so, is the draft on the grid.
      const now = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
      const provisional = async (year: number) => {
        const answer = await d.admin.call(monitoring.calendar, { params: { year: String(year) } });
        return answer.status === 200 && answer.body.source === 'provisional';
      };
      const draftYear = (await provisional(now + 1)) ? now + 1 : now + 2;
      await page.goto(`${docket.url}/admin/calendar`);
      await page.getByRole('region', { name: `${now} 年日历` }).waitFor({ timeout: 20_000 });
      await pickYear(draftYear);
      await page.getByText(`${draftYear} 年的工作日历尚未发布`).waitFor({ timeout: 20_000 });
      await page.getByText(`暂定日历（${draftYear} 年安排尚未公布）`).waitFor();
      const newYear = page.locator(`button[data-date="${draftYear}-01-01"]`);
      // New Year's Day is a holiday by law before any notice; the administrator names it as the notice does.
      await expect.poll(() => newYear.getAttribute('data-kind')).toBe('holiday');
      expect(await newYear.getAttribute('title')).toMatch(/法定节假日：元旦 \(New Year’s Day\)$/);
      await newYear.click();
      const draftDialog = page.getByRole('dialog', { name: `设定 ${draftYear}年1月1日` });
      await draftDialog.getByRole('radio', { name: '法定节假日' }).check();
      await draftDialog.getByLabel('名称').fill('元旦');
      await draftDialog.getByRole('button', { name: /确\s*定/ }).click();
      await draftDialog.waitFor({ state: 'hidden' });
      await expect.poll(() => newYear.getAttribute('data-kind')).toBe('holiday');
      expect(await newYear.getAttribute('title')).toMatch(/法定节假日：元旦$/);
      await page.getByLabel('依据').fill(`国务院办公厅关于${draftYear}年部分节假日安排的通知`);
      await page.getByRole('button', { name: `发布 ${draftYear} 年工作日历` }).click();
      await page.getByText('已发布，第 1 版').waitFor({ timeout: 20_000 });
      const published = expectStatus(
        'published year',
        await d.admin.call(monitoring.calendar, { params: { year: String(draftYear) } }),
        200,
      ).body;
      expect(published).toMatchObject({ source: 'published', provisional: false });
      expect(published.calendar.holidays).toContainEqual({ date: `${draftYear}-01-01`, name: '元旦' });
      // The other statutory holidays of the provisional calendar were published with it.
      expect(published.calendar.holidays.some((h) => h.name.startsWith('春节'))).toBe(true);

      // A day of the year in force: the open case's promised deadline falls on it.
      const document = await until('the case with its deadlines', async () => {
        const answer = await d.admin.call(intake.case, { params: { caseNo } });
        return answer.status === 200 && answer.body.promisedDeadline ? answer.body : undefined;
      });
      const day = shanghaiDate(document.promisedDeadline!);
      const dayYear = Number(day.slice(0, 4));
      await pickYear(dayYear);
      await page.getByRole('region', { name: `${dayYear} 年日历` }).waitFor();
      const target = page.locator(`button[data-date="${day}"]`);
      await expect.poll(() => target.getAttribute('data-kind')).toMatch(/working|workday/);
      await target.click();
      const dialog = page.getByRole('dialog', { name: /^调整 / });
      const affected = dialog.getByRole('table', { name: '受影响的在办件' });
      await affected.getByRole('link', { name: caseNo }).waitFor({ timeout: 20_000 });
      expect(await dialog.getByRole('heading', { name: /受影响的在办件（共 \d+ 件）/ }).count()).toBe(1);
      await dialog.getByRole('radio', { name: '法定节假日' }).check();
      await dialog.getByLabel('名称').fill('临时休息日');
      await dialog.getByLabel('理由').fill('区政府通知临时闭馆');
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      // A dialog's mask covers the window only: the window is made as tall as the page for this picture.
      const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
      await page.setViewportSize({ ...VIEWPORTS.desk, height });
      await atTop();
      await saveScreenshot(page, 'admin-calendar-change');
      await page.setViewportSize(VIEWPORTS.desk);
      await dialog.getByRole('button', { name: '确认调整' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
      await expect.poll(() => target.getAttribute('data-kind'), { timeout: 20_000 }).toBe('holiday');
      await page.getByText(/^已发布，第 \d+ 版$/).waitFor();
      const changed = expectStatus(
        'changed year',
        await d.admin.call(monitoring.calendar, { params: { year: String(dayYear) } }),
        200,
      ).body;
      expect(changed.calendar.holidays).toContainEqual({ date: day, name: '临时休息日' });
      await checkAndShoot('admin-calendar');
    }, 180_000);

    it('shows the rules’ thresholds with their values and where they come from', async () => {
      await page.goto(`${docket.url}/admin/rules`);
      const clock = page.getByRole('table', { name: '电子监察计时规则' });
      await clock.waitFor({ timeout: 20_000 });
      const yellow = clock.getByRole('row').filter({ hasText: '黄牌（预警）' });
      expect(await yellow.textContent()).toContain('超期超过 1 个工作日');
      expect(await yellow.textContent()).toContain('DEFAULT_CLOCK_RULES.yellowAfterWorkingDays');
      const score = page.getByRole('table', { name: '月度考核扣分' });
      expect(await score.getByRole('row').filter({ hasText: '每张红牌' }).textContent()).toContain(
        '扣 1.5 分',
      );
      await checkAndShoot('admin-rules');
    }, 60_000);
  },
);
