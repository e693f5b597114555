import { intake } from '@docket/contracts';
import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  browserUnavailable,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  reviewAndApprove,
  reviewOpened,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInAs,
  straightThrough,
  submit,
  until,
  VIEWPORTS,
} from '../src';

const unavailable = browserUnavailable();

/** The timers of a running clock, as GET /api/monitoring/clocks/{caseNo} answers them. */
interface Timers {
  deadline: string;
  yellowAt: string;
  redAt: string;
}
interface ClockView {
  clock: { status: string; promised: Timers; activeStep: (Timers & { stepIndex: number }) | null };
}

const MARKET = '黄浦区市场监督管理局';
const earliest = (...instants: string[]) =>
  instants.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
const latest = (...instants: string[]) => instants.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));

/**
 * 电子监察 in a real Chromium against the embedded docket: a promised case overruns while the wall is open
 * (domain time moved forward through the API) and its department's lamp turns yellow, then red, without a
 * reload, and green again once the case is decided; a warning says why it fired and opens the case file.
 */
describe.skipIf(unavailable !== undefined)(
  `console: the monitoring wall${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let dir: ReturnType<typeof tempDir>;
    let docket: Awaited<ReturnType<typeof startEmbedded>>;
    let browser: Browser;
    let d: Desks;

    async function monitorPage(viewport: { width: number; height: number }): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      await signInAs(page, docket.url, demoUsers.monitor.name);
      return page;
    }

    /** The market's tile on the wall, and the word of its lamp (the colour is never shown alone). */
    const marketTile = (page: Page) => page.locator('.wall-tile').filter({ hasText: MARKET });
    const lampOf = (page: Page) => marketTile(page).locator('[data-lamp]').getAttribute('data-lamp');

    beforeAll(async () => {
      dir = tempDir('docket-console-wall-');
      docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      browser = await launchChromium();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await docket?.close();
      dir?.cleanup();
    });

    it('turns a department yellow, then red, then green without a reload; a warning says why and opens the case', async () => {
      // One case decided in time already: the charts have a day, a rate, an item and working days to show.
      await straightThrough(d);
      const { caseNo } = await submit(d.clerk);
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewOpened(d.officer, caseNo);
      const { clock } = await until('the clock of the case', async () => {
        const answer = await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`);
        return answer.body?.clock?.status === 'running' && answer.body.clock.activeStep !== null
          ? answer.body
          : undefined;
      });
      const step = clock.activeStep!;

      const desk = await monitorPage(VIEWPORTS.desk);
      await desk.goto(`${docket.url}/wall`);
      await desk.getByRole('heading', { name: '电子监察', level: 2 }).waitFor();
      await marketTile(desk).waitFor({ state: 'attached', timeout: 20_000 });
      await expect.poll(() => lampOf(desk), { timeout: 20_000 }).toBe('green');
      await desk.locator('.wall[data-feed="live"]').waitFor({ timeout: 20_000 });
      // Whether the page reloads: a mark on the window that a reload would clear.
      await desk.evaluate(() => {
        (globalThis as unknown as { wallMark: number }).wallMark = 1;
      });

      // The first card due (the case's or its step's): yellow.
      await advanceTimePast(d.admin, earliest(clock.promised.yellowAt, step.yellowAt));
      await expect.poll(() => lampOf(desk), { timeout: 30_000 }).toBe('yellow');
      expect(await marketTile(desk).textContent()).toContain('黄灯');
      // Both red.
      await advanceTimePast(d.admin, latest(clock.promised.redAt, step.redAt));
      await expect.poll(() => lampOf(desk), { timeout: 30_000 }).toBe('red');
      expect(await marketTile(desk).textContent()).toContain('红灯');
      expect(await desk.evaluate(() => (globalThis as unknown as { wallMark?: number }).wallMark)).toBe(1);

      // The case's warning says which deadline, how far over, the rule and the calendar.
      const warning = desk
        .locator('.wall-warning')
        .filter({ hasText: caseNo })
        .filter({ hasText: '承诺办结时限' });
      await warning.waitFor({ timeout: 20_000 });
      await expect.poll(() => warning.textContent(), { timeout: 20_000 }).toMatch(/超期 \d+ 个工作日/);
      const why = (await warning.textContent()) ?? '';
      expect(why).toContain('红牌');
      expect(why).toContain(MARKET);
      expect(why).toContain('超期逾 2 个工作日亮红牌');
      expect(why).toMatch(/按 \d{4} 年(工作日历|国家法定节假日安排|.*周一至周五)/);
      // The step's card names its step.
      await expect
        .poll(() => desk.locator('.wall-warning').filter({ hasText: caseNo }).allTextContents(), {
          timeout: 20_000,
        })
        .toEqual(expect.arrayContaining([expect.stringMatching(/第 1 环节「承办」时限/)]));
      expect(await seriousAccessibilityViolations(desk)).toEqual([]);
      await desk.mouse.move(0, 0);
      await saveScreenshot(desk, 'wall-desk');

      // The full screen, from the desk and back; a click on a warning opens the case file.
      const other = await monitorPage(VIEWPORTS.wall);
      await other.goto(`${docket.url}/wall`);
      await other.getByRole('button', { name: '全屏大屏' }).click();
      await other.waitForURL(/\/wall\/screen$/);
      await other.getByRole('heading', { name: '电子监察大屏', level: 1 }).waitFor();
      await expect.poll(() => lampOf(other), { timeout: 20_000 }).toBe('red');
      await other.locator('.wall-warning').filter({ hasText: caseNo }).first().waitFor();
      await other.locator('.wall[data-feed="live"]').waitFor({ timeout: 20_000 });
      // No scrolling on the display: the page is the screen's size.
      expect(
        await other.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
            .document.documentElement;
          return root.scrollHeight;
        }),
      ).toBeLessThanOrEqual(VIEWPORTS.wall.height);
      expect(await seriousAccessibilityViolations(other)).toEqual([]);
      await saveScreenshot(other, 'wall-screen');
      await other.getByRole('link', { name: '返回桌面模式' }).click();
      await other.waitForURL(/\/wall$/);
      await other
        .getByRole('link', { name: `打开办件 ${caseNo}` })
        .first()
        .click();
      await other.waitForURL(new RegExp(`/cases/${caseNo}$`));
      await other.context().close();

      // Decided: the cards come down and the lamp is green again, still without a reload.
      await reviewAndApprove(d, caseNo);
      await expect.poll(() => lampOf(desk), { timeout: 30_000 }).toBe('green');
      await expect
        .poll(() => desk.locator('.wall-warning').filter({ hasText: caseNo }).count(), { timeout: 20_000 })
        .toBe(0);
      expect(await desk.evaluate(() => (globalThis as unknown as { wallMark?: number }).wallMark)).toBe(1);
      await desk.context().close();
    }, 240_000);

    it('reconnects by itself after a gateway restart and goes on turning lamps; a subtree shows its own tiles', async () => {
      const desk = await monitorPage(VIEWPORTS.desk);
      await desk.goto(`${docket.url}/wall`);
      await desk.locator('.wall[data-feed="live"]').waitFor({ timeout: 20_000 });
      await expect.poll(() => lampOf(desk), { timeout: 20_000 }).toBe('green');
      await desk.evaluate(() => {
        (globalThis as unknown as { wallMark: number }).wallMark = 2;
      });

      // The gateway goes away and comes back on the same address and data (its signing keys with it).
      const port = Number(new URL(docket.url).port);
      await docket.close();
      await desk.locator('.wall[data-feed="reconnecting"]').waitFor({ timeout: 30_000 });
      docket = await startEmbedded({ dataDir: dir.path, port, logger: silentLogger });
      d = desks(new DocketClient(docket.url));
      await desk.locator('.wall[data-feed="live"]').waitFor({ timeout: 60_000 });

      // Live again: a new case overruns and the lamp follows, the page never reloaded.
      const { caseNo } = await submit(d.clerk);
      expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
      await reviewOpened(d.officer, caseNo);
      const { clock } = await until('the clock of the new case', async () => {
        const answer = await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`);
        return answer.body?.clock?.status === 'running' && answer.body.clock.activeStep !== null
          ? answer.body
          : undefined;
      });
      await advanceTimePast(d.admin, earliest(clock.promised.yellowAt, clock.activeStep!.yellowAt));
      await expect.poll(() => lampOf(desk), { timeout: 30_000 }).not.toBe('green');
      expect(await desk.evaluate(() => (globalThis as unknown as { wallMark?: number }).wallMark)).toBe(2);

      // A street's subtree: its own tiles only (the district's departments are not in it).
      await desk.getByRole('combobox', { name: '监察范围' }).click({ force: true });
      await desk.locator('.ant-select-item-option').filter({ hasText: '南京东路街道' }).click();
      await desk.waitForURL(/root=huangpu-nanjingdong$/);
      await desk.locator('.wall-tile').filter({ hasText: '贵州路社区' }).waitFor({ state: 'attached' });
      await expect.poll(() => marketTile(desk).count(), { timeout: 20_000 }).toBe(0);
      await desk.context().close();
    }, 240_000);
  },
);
