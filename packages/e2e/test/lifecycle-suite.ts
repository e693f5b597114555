import type { EventStore, RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDING_PERMIT,
  certificateFor,
  company,
  type Desks,
  DocketClient,
  deliver,
  desks,
  expectStatus,
  person,
  resultReady,
  reviewOpened,
  step,
  straightThrough,
  submit,
  until,
} from '../src';

/** A running docket: where its API is, a ledger to inspect (the same file the services write), a stop. */
export interface RunningDocket {
  url: string;
  ledger: EventStore;
  close(): Promise<void>;
}

/**
 * The case's intake and review events. The clock's (monitoring) are correlated to the case too, but
 * land as its reactions run, so their place among these varies: the monitoring suite checks them.
 */
const caseEvents = async (ledger: EventStore, caseNo: string): Promise<RecordedEvent[]> =>
  (await ledger.readAll()).filter((e) => e.correlationId === caseNo && !e.stream.startsWith('clock-'));

const types = (events: RecordedEvent[]) => events.map((e) => `${e.stream.split('-')[0]}:${e.type}`);

/**
 * Whole cases through the HTTP API, the same in every mode (embedded in one process, networked over a
 * real NATS server): what a window, a back office and an applicant do, and what the ledger then holds.
 */
export function lifecycleSuite(mode: string, start: () => Promise<RunningDocket>) {
  describe(`whole cases through the HTTP API (${mode})`, () => {
    let docket: RunningDocket;
    let d: Desks;

    beforeAll(async () => {
      docket = await start();
      d = desks(new DocketClient(docket.url));
    }, 60_000);

    afterAll(async () => {
      await docket?.close();
    });

    it('a promised case: one correction round, acceptance, three steps with one return, decision, delivery', async () => {
      const submitted = await submit(d.clerk, { materials: [{ code: 'form', count: 1, form: 'original' }] });
      const { caseNo, queryCode } = submitted;
      // 一次性告知: one notice, everything missing listed at once.
      const notice = await d.clerk.post(`/api/applications/${caseNo}/correction-request`, {
        deficient: [],
        note: '请一次性补齐',
      });
      expectStatus('correction', notice, 200);
      const second = await d.clerk.post(`/api/applications/${caseNo}/correction-request`, { deficient: [] });
      expect(second.status).toBe(409);
      expectStatus(
        'supplement',
        await d.clerk.post(`/api/applications/${caseNo}/supplements`, {
          materials: [
            { code: 'licence', count: 1, form: 'copy' },
            { code: 'layout', count: 1, form: 'original' },
          ],
        }),
        200,
      );
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, caseNo);
      await step(d.officer, caseNo, 0, 'pass', '材料齐全，现场核查合格');
      await step(d.reviewer, caseNo, 1, 'return', '布局图未标注清洗消毒区，请补充核查');
      await step(d.officer, caseNo, 0, 'pass', '已补充核查清洗消毒区');
      await step(d.reviewer, caseNo, 1, 'pass', '同意');
      const decided = await d.head.post(`/api/reviews/${caseNo}/decision`, {
        outcome: 'approved',
        opinion: '准予许可',
        certificate: certificateFor(caseNo),
      });
      expectStatus('decide', decided, 200);
      await resultReady(d.clerk, caseNo);
      await deliver(d.clerk, caseNo);

      const events = await caseEvents(docket.ledger, caseNo);
      expect(types(events)).toEqual([
        'application:ApplicationSubmitted',
        'application:FirstHandlerAssigned',
        'application:CorrectionRequested',
        'application:MaterialsSupplemented',
        'application:ApplicationAccepted',
        'review:ReviewOpened',
        'review:ReviewStepPassed',
        'review:ReviewStepReturned',
        'review:ReviewStepPassed',
        'review:ReviewStepPassed',
        'review:ReviewDecided',
        'application:DecisionRecorded',
        'application:ResultDelivered',
      ]);
      // Who did it, and why: the actor of every event, the opinions lifted into the envelope.
      expect(events.find((e) => e.type === 'ReviewStepReturned')).toMatchObject({
        actor: { id: 'u-reviewer-chen' },
        reason: '布局图未标注清洗消毒区，请补充核查',
      });
      // The reactions are the system's, caused by the event they react to.
      const accepted = events.find((e) => e.type === 'ApplicationAccepted')!;
      expect(events.find((e) => e.type === 'ReviewOpened')).toMatchObject({
        actor: { id: 'system:review' },
        causationId: accepted.id,
      });
      const decision = events.find((e) => e.type === 'ReviewDecided')!;
      expect(events.find((e) => e.type === 'DecisionRecorded')).toMatchObject({
        actor: { id: 'system:intake' },
        causationId: decision.id,
      });
      expect((await docket.ledger.verify()).ok).toBe(true);

      // 办件进度查询: the applicant, with no login, by case number and query code.
      const lookup = await d.applicant.post('/api/public/status-lookup', {
        caseNo,
        queryCode: queryCode.toLowerCase(),
      });
      expectStatus('status lookup', lookup, 200);
      expect(lookup.body).toMatchObject({ caseNo, status: 'delivered', result: { outcome: 'approved' } });
      expect(JSON.stringify(lookup.body)).not.toContain(company.phone);
      const wrong = await d.applicant.post('/api/public/status-lookup', { caseNo, queryCode: 'AAAA-AAAA' });
      const unknown = await d.applicant.post('/api/public/status-lookup', {
        caseNo: '20990101-XXXXXX',
        queryCode,
      });
      expect([wrong.status, unknown.status]).toEqual([404, 404]);
      expect((wrong.body as { detail: string }).detail.replace(caseNo, '?')).toBe(
        (unknown.body as { detail: string }).detail.replace('20990101-XXXXXX', '?'),
      );
    });

    it('a joint case: two co-handlers answer in parallel, one disagreeing with a reason; the lead consolidates', async () => {
      const { caseNo } = await submit(d.clerk, {
        itemCode: BUILDING_PERMIT,
        applicant: person,
        materials: [
          { code: 'form', count: 1, form: 'original' },
          { code: 'drawings', count: 2, form: 'original' },
          { code: 'land', count: 1, form: 'copy' },
        ],
      });
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.planningOfficer, caseNo);
      const inboxOf = async (desk: Desks[keyof Desks]) =>
        ((await desk.get<{ caseNo: string; kind: string }[]>('/api/inbox')).body ?? []).filter(
          (i) => i.caseNo === caseNo,
        );
      await until('the co-handlers’ inboxes', async () =>
        (await inboxOf(d.fireOfficer)).length > 0 ? true : undefined,
      );
      expect((await inboxOf(d.fireOfficer)).map((i) => i.kind)).toEqual(['joint_answer']);
      const [fire, market] = await Promise.all([
        d.fireOfficer.post(`/api/reviews/${caseNo}/joint-answers`, {
          department: 'huangpu-fire',
          answer: 'agree',
        }),
        d.officer.post(`/api/reviews/${caseNo}/joint-answers`, {
          department: 'huangpu-market',
          answer: 'disagree',
          reason: '临街立面设置了餐饮排油烟口，不符合要求',
        }),
      ]);
      expectStatus('fire answer', fire, 200);
      expectStatus('market answer', market, 200);
      // A disagreement without a reason is refused by the rule (说理式), and writes nothing.
      await step(d.planningOfficer, caseNo, 0, 'pass', '方案符合控规');
      await step(d.planningReviewer, caseNo, 1, 'pass', '同意');
      const noReason = await d.planningHead.post(`/api/reviews/${caseNo}/consolidation`, {
        summary: '消防同意；市场监管不同意',
        opinion: '不予许可',
      });
      expect(noReason.status).toBe(422);
      expectStatus(
        'consolidate',
        await d.planningHead.post(`/api/reviews/${caseNo}/consolidation`, {
          summary: '消防同意；市场监管不同意',
          opinion: '不予许可',
          reason: '协办部门市场监管局不同意，理由成立',
        }),
        200,
      );
      expectStatus(
        'refuse',
        await d.planningHead.post(`/api/reviews/${caseNo}/decision`, {
          outcome: 'refused',
          opinion: '不予许可',
          reason: '临街立面排油烟口不符合《餐饮业环境保护技术规范》',
        }),
        200,
      );
      await resultReady(d.clerk, caseNo);
      const review = await d.auditor.get<{
        review: { coHandlers: { department: string; status: string }[] };
      }>(`/api/reviews/${caseNo}`);
      expect(review.body.review.coHandlers.map((c) => [c.department, c.status])).toEqual([
        ['huangpu-fire', 'answered'],
        ['huangpu-market', 'answered'],
      ]);
      const events = await caseEvents(docket.ledger, caseNo);
      expect(
        events
          .filter((e) => e.type === 'JointOpinionAnswered')
          .map((e) => e.actor.department)
          .sort(),
      ).toEqual(['huangpu-fire', 'huangpu-market']);
      expect(events.find((e) => e.type === 'DecisionRecorded')?.data).toMatchObject({ outcome: 'refused' });
    });

    it('a declined case: 不予受理 needs a reason and the legal basis, and ends the case', async () => {
      const { caseNo } = await submit(d.clerk);
      const bare = await d.clerk.post(`/api/applications/${caseNo}/decline`, {});
      expect(bare.status).toBe(422);
      expectStatus(
        'decline',
        await d.clerk.post(`/api/applications/${caseNo}/decline`, {
          reason: '申请事项不属于本机关职权范围',
          legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
        }),
        200,
      );
      const accept = await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {});
      expect(accept.status).toBe(409);
      const found = await until('the declined case in the list', async () => {
        const answer = await d.clerk.get<{ status: string }>(`/api/cases/${caseNo}`);
        return answer.body?.status === 'declined' ? answer.body : undefined;
      });
      expect(found).toMatchObject({ status: 'declined', outcome: 'declined' });
      expect(types(await caseEvents(docket.ledger, caseNo))).toEqual([
        'application:ApplicationSubmitted',
        'application:FirstHandlerAssigned',
        'application:ApplicationDeclined',
      ]);
    });

    it('a withdrawal during review closes the department task', async () => {
      const { caseNo } = await submit(d.clerk);
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, caseNo);
      expectStatus(
        'withdraw',
        await d.clerk.post(`/api/applications/${caseNo}/withdrawal`, { reason: '申请人书面申请撤回' }),
        200,
      );
      const closed = await until('the review closed on withdrawal', async () => {
        const answer = await d.officer.get<{ review: { status: string } }>(`/api/reviews/${caseNo}`);
        return answer.body.review.status === 'closed' ? answer.body : undefined;
      });
      expect(closed).toBeDefined();
      const late = await d.officer.post(`/api/reviews/${caseNo}/step-completions`, {
        stepIndex: 0,
        outcome: 'pass',
        opinion: '同意',
      });
      expect(late.status).toBe(409);
      expect(types(await caseEvents(docket.ledger, caseNo)).slice(-2)).toEqual([
        'application:ApplicationWithdrawn',
        'review:ReviewClosedOnWithdrawal',
      ]);
    });

    it('a case straight through, as the benchmark runs it', async () => {
      const caseNo = await straightThrough(d);
      const events = await caseEvents(docket.ledger, caseNo);
      expect(events.at(-1)?.type).toBe('ResultDelivered');
    });
  });
}
