import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  advanceTimePast,
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  type Desk,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  reviewOpened,
  submit,
  until,
} from '../src';

interface ReviewView {
  review: {
    deadlines: { promised: string; statutory: string };
    extension?: { workingDays: number; reason: string; by: { id: string } };
  };
}
interface ClockView {
  clock: { status: string; promised: { deadline: string; redAt: string } };
}
interface Warning {
  caseNo: string;
  level: string;
  scope: string;
}
interface Problem {
  type: string;
  status: number;
  code: string;
  detail: string;
  details?: Record<string, unknown>;
}

function expectProblem(answer: Answer, status: number, code: string): Problem {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ type: `urn:docket:problem:${code}`, status, code });
  return answer.body as Problem;
}

const extend = (desk: Desk, caseNo: string, workingDays: number, reason = '需组织专家论证，情况复杂') =>
  desk.post(`/api/reviews/${caseNo}/extensions`, { workingDays, reason });

const reviewOf = async (desk: Desk, caseNo: string) =>
  expectStatus('the review', await desk.get<ReviewView>(`/api/reviews/${caseNo}`), 200).body.review;

async function accepted(d: Desks, options: { itemCode?: string; materials?: unknown[] } = {}) {
  const { caseNo } = await submit(d.clerk, options);
  expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
  await reviewOpened(d.officer, caseNo);
  return caseNo;
}

/**
 * 延长 under 行政许可法 Art. 42, through HTTP on a real embedded docket with domain time moved: an extension
 * is approved only within the statutory limit (after it, 422 and the cards raised stay up), by the deciding
 * department's head for a case of one department, and by the head of the people's government at that level
 * (本级人民政府负责人) for a joint case.
 */
describe('extensions under 行政许可法 Art. 42 (embedded)', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let d: Desks;
  let governmentHead: Desk;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-extension-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, timerIntervalMs: 100 });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const client = new DocketClient(docket.url);
    d = desks(client);
    governmentHead = client.as(demoUsers.governmentHead.id);
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const types = async (stream: string) => (await ledger.readStream(stream)).map((e) => e.type);

  it('a joint case is extended by the people’s government head, not by the lead department’s head', async () => {
    const joint = await accepted(d, { itemCode: BUILDING_PERMIT, materials: BUILDING_PERMIT_MATERIALS });
    const before = await reviewOf(d.planningHead, joint);

    // 郭建国 heads the lead department (规划资源): the law gives a joint extension to the government.
    const refused = expectProblem(await extend(d.planningHead, joint, 15), 403, 'NotTheGovernmentHead');
    expect(refused.details).toMatchObject({ role: 'government_head', article: '行政许可法第四十二条' });
    // A department's head elsewhere is stopped at the gate already.
    expect((await extend(d.head, joint, 15)).status).toBe(403);
    // At most 15 working days, even for the government.
    expectProblem(await extend(governmentHead, joint, 16), 422, 'ExtensionTooLong');
    expect(await types(`review-${joint}`)).not.toContain('ExtensionApproved');

    // 冯志远, the deputy district head in charge (区政府分管副区长), approves it.
    expectStatus('the government extends', await extend(governmentHead, joint, 15), 200);
    const after = await reviewOf(d.planningHead, joint);
    expect(after.extension).toMatchObject({ workingDays: 15, by: { id: demoUsers.governmentHead.id } });
    expect(Date.parse(after.deadlines.statutory)).toBeGreaterThan(Date.parse(before.deadlines.statutory));
    // The clock follows the extended limit.
    await until('the clock moved', async () =>
      (await types(`clock-${joint}`)).includes('DeadlinesMoved') ? true : undefined,
    );
    // Once only.
    expectProblem(await extend(governmentHead, joint, 5), 409, 'ExtensionAlreadyGranted');

    // A case of one department stays its own head's: the government head may not extend it.
    const single = await accepted(d);
    expectProblem(await extend(governmentHead, single, 10), 403, 'NotADepartmentHead');
    expectStatus('the market head extends', await extend(d.head, single, 10), 200);
  });

  it('is refused once the statutory deadline has passed (422), and the cards raised stay up', async () => {
    const late = await accepted(d);
    const started = await until('the clock of the case', async () => {
      const answer = await d.monitor.get<ClockView>(`/api/monitoring/clocks/${late}`);
      return answer.body?.clock?.status === 'running' ? answer.body.clock : undefined;
    });
    const { statutory } = (await reviewOf(d.head, late)).deadlines;

    // Past the promised limit the centre's own commitment is broken: the red card is raised.
    await advanceTimePast(d.admin, started.promised.redAt);
    const caseCards = async () =>
      ((await d.monitor.get<{ items: Warning[] }>('/api/monitoring/warnings')).body.items ?? []).filter(
        (w) => w.caseNo === late && w.scope === 'case',
      );
    await until('the red card', async () =>
      (await caseCards()).some((w) => w.level === 'red') ? true : undefined,
    );
    // Then past the statutory limit: 二十日内不能作出决定的 … 可以延长十日 is no longer open.
    await advanceTimePast(d.admin, statutory);
    await until('the statutory deadline passed on the clock', async () =>
      (await ledger.readStream(`clock-${late}`)).some(
        (e) => e.type === 'DeadlinePassed' && (e.data as { which?: string }).which === 'statutory',
      )
        ? true
        : undefined,
    );
    const reviewBefore = await types(`review-${late}`);
    const clockBefore = await types(`clock-${late}`);

    const problem = expectProblem(await extend(d.head, late, 10), 422, 'ExtensionAfterDeadline');
    expect(problem.details).toMatchObject({ deadline: statutory, article: '行政许可法第四十二条' });
    expect(problem.detail).toMatch(/Art\. 42/);

    // Nothing changed: no extension, the deadlines as they were, the red card still up, nothing withdrawn.
    expect(await types(`review-${late}`)).toEqual(reviewBefore);
    const review = await reviewOf(d.head, late);
    expect(review.extension).toBeUndefined();
    expect(review.deadlines.statutory).toBe(statutory);
    expect((await caseCards()).map((w) => w.level)).toEqual(['red']);
    const clockAfter = await types(`clock-${late}`);
    expect(clockAfter.slice(0, clockBefore.length)).toEqual(clockBefore);
    expect(clockAfter).not.toContain('DeadlinesMoved');
    expect(clockAfter).not.toContain('CardWithdrawn');
  });
});
