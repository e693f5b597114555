import { MonthlyScoreViewSchema } from '@docket/contracts';
import { computeMonthlyScore, type ScoreCounts, scoreRulesWith } from '@docket/domain';
import { demoCatalogue, type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  browserUnavailable,
  compareServiceWithRebuild,
  type Desk,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  reviewOpened,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInAs,
  submit,
  until,
  VIEWPORTS,
} from '../src';

/** This centre's configured points: 3 per substantiated complaint, 2.5 per deemed approval. */
const DEDUCTIONS = { substantiatedComplaints: 3, deemedApprovals: 2.5 };
const MARKET = 'huangpu-market';
/** A food licence under 告知承诺 whose statutory limit passing deems it approved (超时默认). */
const DEEMED_ITEM = '310101-FOOD-SCORE';
const deemedItem = {
  ...demoCatalogue[0]!,
  code: DEEMED_ITEM,
  name: '食品经营许可（告知承诺制）',
  statutoryLimit: { value: 5, unit: 'working_days' },
  promisedLimit: { value: 3, unit: 'working_days' },
  steps: demoCatalogue[0]!.steps.map((step) => ({ ...step, limit: { value: 1, unit: 'working_days' } })),
  deemedApprovalOnTimeout: true,
};

interface ScoreView {
  status: string;
  counts: ScoreCounts;
  deductions: ScoreCounts;
  totalDeduction: number;
  score: number;
  rules: { base: number; perCount: ScoreCounts };
  refs: { substantiatedComplaints: string[]; deemedApprovals: string[] } | null;
}

function nextMonthAt(month: string, time: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-01T${time}:00+08:00`;
}

/**
 * 月度考核 through HTTP: a complaint found substantiated (投诉属实) and a case deemed approved (超时默认)
 * lower the department's month by the configured points, each named in the breakdown; the locked month
 * keeps them. The embedded docket is started with the deductions configured.
 */
describe('the monthly score deducts for substantiated complaints and deemed approvals (embedded)', () => {
  const dir = tempDir('docket-e2e-score-deductions-');
  let docket: Embedded;
  let d: Desks;
  let supervisor: Desk;
  let month: string;
  let caseNo: string;
  let substantiated: string;
  let unfounded: string;
  const path = (department: string, m = month) => `/api/supervision/scores/${department}/${m}`;
  const domainNow = async () => (await d.admin.get<{ now: string }>('/api/dev/time')).body.now;

  beforeAll(async () => {
    docket = await startEmbedded({
      dataDir: dir.path,
      port: 0,
      logger: silentLogger,
      timerIntervalMs: 100,
      scoreDeductions: DEDUCTIONS,
    });
    const client = new DocketClient(docket.url);
    d = desks(client);
    supervisor = client.as('u-supervisor-qian');
    // Everything scored happens in one month: start at 09:00 on the 1st of the next one.
    const firstDay = nextMonthAt((await domainNow()).slice(0, 7), '09:00');
    await advanceTimePast(d.admin, firstDay);
    month = firstDay.slice(0, 7);
  }, 60_000);

  afterAll(async () => {
    await docket?.close();
    dir.cleanup();
  });

  it('a case of the market department is deemed approved when its statutory limit passes undecided', async () => {
    expectStatus('define the item', await d.admin.post('/api/catalogue/items', { item: deemedItem }), 201);
    caseNo = (await submit(d.clerk, { itemCode: DEEMED_ITEM })).caseNo;
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.officer, caseNo);
    const clock = async () =>
      (
        await d.monitor.get<{ clock: { status: string; deadlines: { statutory: string } } }>(
          `/api/monitoring/clocks/${caseNo}`,
        )
      ).body.clock;
    const { deadlines } = await until('the clock', async () =>
      (await clock())?.status === 'running' ? clock() : undefined,
    );
    await advanceTimePast(d.admin, deadlines.statutory);
    const deemed = await until(
      'the approval deemed',
      async () =>
        (await docket.ledger.readStream(`review-${caseNo}`)).find((e) => e.type === 'ApprovalDeemed'),
      60_000,
    );
    expect(deemed.data).toMatchObject({ outcome: 'deemed_approved' });
    expect((await domainNow()).slice(0, 7)).toBe(month);
  }, 120_000);

  it('a complaint about it is found substantiated (属实), another one not', async () => {
    const complain = async (content: string) => {
      const answer = await supervisor.post<{ id: string }>('/api/supervision/complaints', {
        channel: 'phone',
        type: 'delay',
        subject: { caseNo },
        complainant: { name: '王五', phone: '13700001111' },
        content,
      });
      return expectStatus('complain', answer, 201).body.id;
    };
    const find = async (id: string, isSubstantiated: boolean) => {
      const on = `/api/supervision/complaints/${id}`;
      expectStatus('accept', await supervisor.post(`${on}/acceptance`, { reason: '属于受理范围' }), 200);
      expectStatus(
        'investigate',
        await supervisor.post(`${on}/investigations`, { notes: '调阅办件记录' }),
        200,
      );
      return expectStatus(
        'finding',
        await supervisor.post<{ position: string }>(`${on}/finding`, {
          substantiated: isSubstantiated,
          finding: isSubstantiated ? '承办部门超期未作决定，投诉属实' : '申请人理解有误，投诉不属实',
        }),
        200,
      ).body;
    };
    substantiated = await complain('办件超过法定期限仍未作出决定');
    unfounded = await complain('窗口未说明材料要求');
    await find(substantiated, true);
    await find(unfounded, false);
  }, 60_000);

  it('the provisional month deducts the configured points for each, naming the complaint and the case', async () => {
    const rules = scoreRulesWith(DEDUCTIONS);
    const score = await until('both counted', async () => {
      const answer = await supervisor.get<ScoreView>(path(MARKET));
      const { counts } = answer.body;
      return counts?.deemedApprovals === 1 && counts.substantiatedComplaints === 1 ? answer.body : undefined;
    });
    expect(MonthlyScoreViewSchema.parse(score)).toBeTruthy();
    expect(score).toMatchObject({
      status: 'provisional',
      refs: { substantiatedComplaints: [substantiated], deemedApprovals: [caseNo] },
      deductions: { substantiatedComplaints: 3, deemedApprovals: 2.5 },
      rules: { base: 100, perCount: { substantiatedComplaints: 3, deemedApprovals: 2.5, yellow: 1 } },
    });
    expect(score.refs?.substantiatedComplaints).not.toContain(unfounded);
    // The same arithmetic as the domain's, and 5.5 lower than the same month without the two.
    const computed = computeMonthlyScore(score.counts, rules);
    expect(score).toMatchObject({ score: computed.score, totalDeduction: computed.totalDeduction });
    const without = computeMonthlyScore(
      { ...score.counts, substantiatedComplaints: 0, deemedApprovals: 0 },
      rules,
    );
    expect(Math.round((without.score - score.score) * 10) / 10).toBe(5.5);
    // Against the department that let the deadline pass, not the window that accepted the case.
    const window = (await supervisor.get<ScoreView>(path('huangpu-window'))).body;
    expect(window.counts).toMatchObject({ deemedApprovals: 0, substantiatedComplaints: 0 });
    // The department's head sees the same breakdown of its own month.
    expect((await d.head.get<ScoreView>(path(MARKET))).body.refs).toEqual(score.refs);
  }, 60_000);

  it('locked once the month has ended, the month keeps its deductions and what they were for', async () => {
    const provisional = (await supervisor.get<ScoreView>(path(MARKET))).body;
    await advanceTimePast(d.admin, nextMonthAt(month, '09:00'));
    const lock = await until('locked', async () => {
      const answer = await supervisor.post<{ position: string; code?: string }>(`${path(MARKET)}/lock`, {
        note: '经审计核定',
      });
      if (answer.status === 503) return undefined; // ScoreCountsBehind: monitoring catching up with time
      return expectStatus('lock', answer, 201).body;
    });
    const locked = (await supervisor.get<ScoreView>(path(MARKET), { minPosition: lock.position })).body;
    expect(locked).toMatchObject({
      status: 'locked',
      counts: provisional.counts,
      deductions: provisional.deductions,
      refs: provisional.refs,
      score: provisional.score,
      rules: { perCount: DEDUCTIONS },
    });
    expect(MonthlyScoreViewSchema.parse(locked)).toBeTruthy();
    const recorded = (await docket.ledger.readStream(`score-${MARKET}-${month}`))[0]!;
    expect(recorded.data).toMatchObject({
      refs: { substantiatedComplaints: [substantiated], deemedApprovals: [caseNo] },
      deductions: { substantiatedComplaints: 3, deemedApprovals: 2.5 },
    });
  }, 90_000);

  it('the read models it counted from equal their rebuild from position 0', async () => {
    for (const service of ['monitoring', 'supervision'] as const) {
      const comparison = await until(
        `the live ${service} read models to equal a rebuild`,
        async () => {
          await docket.settled();
          const compared = await compareServiceWithRebuild(dir.path, service, docket.ledger);
          return compared.differences.length === 0 ? compared : undefined;
        },
        20_000,
      );
      if (service === 'monitoring') expect(comparison.documents).toMatchObject({ deemed_log: 1 });
      else expect(comparison.documents).toMatchObject({ complaints: 2, scores: 1 });
    }
  }, 60_000);

  describe.skipIf(browserUnavailable() !== undefined)('the console’s score screen', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('lists the two deductions with their counts, points and the complaint and case (zh-CN, desk)', async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.desk, locale: 'zh-CN' });
      const page: Page = await context.newPage();
      await signInAs(page, docket.url, '钱正');
      await page.goto(`${docket.url}/supervision/scores?month=${month}`);
      const table = page.getByRole('table', { name: '部门考核排名' });
      const marketRow = table.getByRole('row').filter({ hasText: '黄浦区市场监督管理局' }).first();
      await marketRow.waitFor({ timeout: 30_000 });
      await marketRow.getByRole('button').first().click();
      const breakdown = page.getByRole('table', { name: /黄浦区市场监督管理局 .* 扣分明细/ });
      await breakdown.waitFor();
      const line = (kind: string) => breakdown.getByRole('row').filter({ hasText: kind });
      expect(await line('投诉属实').getByRole('cell').allTextContents()).toEqual([
        '投诉属实',
        '1',
        '3',
        '−3',
        substantiated,
      ]);
      expect(await line('超时默认').getByRole('cell').allTextContents()).toEqual([
        '超时默认',
        '1',
        '2.5',
        '−2.5',
        caseNo,
      ]);
      await breakdown.getByRole('link', { name: substantiated }).waitFor();
      await breakdown.getByRole('link', { name: caseNo }).waitFor();
      expect(await page.getByText('投诉属实每件 3 分，超时默认每件 2.5 分').count()).toBe(1);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await saveScreenshot(page, 'supervision-score-deductions');
      if (process.env.DOCKET_SCREENSHOT_TO)
        await page.screenshot({ path: process.env.DOCKET_SCREENSHOT_TO, fullPage: true });
      await context.close();
    }, 120_000);
  });
});
