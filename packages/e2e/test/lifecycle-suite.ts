import {
  CaseDocumentSchema,
  CasePageSchema,
  CatalogueItemViewSchema,
  CatalogueListSchema,
  InboxPageSchema,
  PublicStatusSchema,
  ReviewViewSchema,
} from '@docket/contracts';
import { demoCatalogue } from '@docket/embedded';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  certificateFor,
  company,
  type Desks,
  DocketClient,
  deliver,
  desks,
  expectStatus,
  FOOD_LICENCE,
  person,
  resultReady,
  reviewAndApprove,
  reviewOpened,
  type Submitted,
  step,
  straightThrough,
  submit,
  until,
} from '../src';
import { conforms, got } from './conformance';

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

      // 办件进度查询: the applicant, with no login, by case number and query code. The public status is a
      // read model: asked to have applied the ledger as it is now (the delivery), as a client would after it.
      const head = (await docket.ledger.head()).position!;
      const lookup = await d.applicant.post(
        '/api/public/status-lookup',
        { caseNo, queryCode: queryCode.toLowerCase() },
        { minPosition: head.toString() },
      );
      expectStatus('status lookup', lookup, 200);
      expect(lookup.body).toMatchObject({ caseNo, status: 'delivered', result: { outcome: 'approved' } });
      expect(JSON.stringify(lookup.body)).not.toContain(company.phone);
      // Nor anything internal: the read model's key and the stored hash of the query code stay inside.
      expect(Object.keys(lookup.body as object)).not.toContain('queryCodeHash');
      expect(Object.keys(lookup.body as object)).not.toContain('id');
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
        materials: BUILDING_PERMIT_MATERIALS,
      });
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.planningOfficer, caseNo);
      const inboxOf = async (desk: Desks[keyof Desks]) =>
        (
          (await desk.get<{ items: { caseNo: string; kind: string }[] }>('/api/inbox')).body?.items ?? []
        ).filter((i) => i.caseNo === caseNo);
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

    it('answers every intake and review route as its OpenAPI schema says, field for field', async () => {
      const get = got;
      const lookup = async (label: string, { caseNo, queryCode }: { caseNo: string; queryCode: string }) =>
        conforms(
          label,
          PublicStatusSchema,
          expectStatus(label, await d.applicant.post('/api/public/status-lookup', { caseNo, queryCode }), 200)
            .body,
        );

      // Cases in every state the earlier cases did not leave: waiting for a correction, under review
      // (the inbox then lists it), joint with the co-handlers answered (the consolidation is due), and
      // one the applicant submitted online themselves.
      const correcting = await submit(d.clerk, { applicant: person, materials: [] });
      expectStatus(
        'correction',
        await d.clerk.post(`/api/applications/${correcting.caseNo}/correction-request`, { deficient: [] }),
        200,
      );
      const reviewing = await submit(d.clerk, { applicant: person });
      expectStatus('accept', await d.clerk.post(`/api/applications/${reviewing.caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, reviewing.caseNo);
      await step(d.officer, reviewing.caseNo, 0, 'pass', '材料齐全，现场核查合格');
      const jointCase = async () => {
        const submitted = await submit(d.clerk, {
          itemCode: BUILDING_PERMIT,
          applicant: person,
          materials: BUILDING_PERMIT_MATERIALS,
        });
        const { caseNo } = submitted;
        expectStatus('accept joint', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
        await reviewOpened(d.planningOfficer, caseNo);
        return submitted;
      };
      const answer = async (desk: Desks[keyof Desks], caseNo: string, department: string) =>
        expectStatus(
          `${department} answer`,
          await desk.post(`/api/reviews/${caseNo}/joint-answers`, { department, answer: 'agree' }),
          200,
        );
      // One joint case waits for the market department's answer, the other for its consolidation.
      const joint = await jointCase();
      await answer(d.fireOfficer, joint.caseNo, 'huangpu-fire');
      const answered = await jointCase();
      await answer(d.fireOfficer, answered.caseNo, 'huangpu-fire');
      await answer(d.officer, answered.caseNo, 'huangpu-market');
      const online = expectStatus(
        'submit online',
        await d.applicant.post<Submitted>('/api/applications', {
          itemCode: FOOD_LICENCE,
          applicant: person,
          channel: 'web',
          materials: [
            { code: 'form', count: 1, form: 'original' },
            { code: 'licence', count: 1, form: 'copy' },
            { code: 'layout', count: 1, form: 'original' },
          ],
        }),
        201,
      ).body;
      expectStatus(
        'accept online',
        await d.clerk.post(`/api/applications/${online.caseNo}/acceptance`, {}),
        200,
      );
      await reviewAndApprove(d, online.caseNo);
      await resultReady(d.clerk, online.caseNo);
      await deliver(d.clerk, online.caseNo);

      // 事项目录, public; with an item revised once and withdrawn (not listed, still shown by its code).
      const [food] = demoCatalogue;
      const withdrawn = { ...food!, code: '310101-E2E-OLD', name: '已撤销的事项' };
      expectStatus('define', await d.admin.post('/api/catalogue/items', { item: withdrawn }), 201);
      expectStatus(
        'revise',
        await d.admin.put(`/api/catalogue/items/${withdrawn.code}`, {
          item: { ...withdrawn, fee: { kind: 'fixed', amountFen: 5000, basis: '沪价费〔2026〕1号' } },
          note: '收费调整',
        }),
        200,
      );
      const gone = expectStatus(
        'withdraw',
        await d.admin.post(`/api/catalogue/items/${withdrawn.code}/withdrawal`, { reason: '事项取消' }),
        200,
      ).body as { position: string };
      const old = await d.applicant.get(`/api/catalogue/items/${withdrawn.code}`, {
        minPosition: gone.position,
      });
      conforms('withdrawn item', CatalogueItemViewSchema, expectStatus('withdrawn item', old, 200).body);
      expect(old.body).toMatchObject({ status: 'withdrawn', versions: [1, 2] });
      const items = (await get(d.applicant, '/api/catalogue/items')) as { code: string }[];
      conforms('catalogue', CatalogueListSchema, items);
      expect(items.length).toBeGreaterThan(0);
      for (const { code } of items)
        conforms(
          `item ${code}`,
          CatalogueItemViewSchema,
          await get(d.applicant, `/api/catalogue/items/${code}`),
        );

      // 办件查询: the whole list as an auditor (masked), the window (its department) and the applicant (own).
      type Listed = { items: { caseNo: string; acceptedAt: string | null }[] };
      const all = await until('every case in the list', async () => {
        const page = (await get(d.auditor, '/api/cases?limit=200')) as Listed;
        return page.items.length >= 10 ? page : undefined;
      });
      conforms('cases (auditor)', CasePageSchema, all);
      conforms('cases (clerk)', CasePageSchema, await get(d.clerk, '/api/cases?limit=200'));
      conforms('cases (applicant)', CasePageSchema, await get(d.applicant, '/api/cases'));
      conforms(
        'cases (filtered)',
        CasePageSchema,
        await get(d.clerk, `/api/cases?status=in_review,decided&itemCode=${FOOD_LICENCE}&overdue=false`),
      );
      for (const { caseNo, acceptedAt } of all.items) {
        conforms(`case ${caseNo}`, CaseDocumentSchema, await get(d.auditor, `/api/cases/${caseNo}`));
        // 办件审查: every accepted case has a review (open, decided, or closed on withdrawal).
        if (acceptedAt !== null)
          conforms(`review ${caseNo}`, ReviewViewSchema, await get(d.auditor, `/api/reviews/${caseNo}`));
      }
      conforms('own case', CaseDocumentSchema, await get(d.applicant, `/api/cases/${online.caseNo}`));

      // 待办: a step, a co-handler's answer, a consolidation.
      await until('the consolidation due', async () => {
        const work = (
          (await get(d.planningReviewer, '/api/inbox')) as { items: { caseNo: string; kind: string }[] }
        ).items;
        return work.some((i) => i.caseNo === answered.caseNo && i.kind === 'consolidation')
          ? true
          : undefined;
      });
      for (const [who, desk] of [
        ['market officer', d.officer],
        ['reviewer', d.reviewer],
        ['planning officer', d.planningOfficer],
        ['planning reviewer', d.planningReviewer],
        ['head', d.head],
      ] as const)
        conforms(`inbox (${who})`, InboxPageSchema, await get(desk, '/api/inbox'));
      conforms('inbox (by role)', InboxPageSchema, await get(d.head, '/api/inbox?role=reviewer'));
      const marketWork = (
        (await get(d.officer, '/api/inbox')) as { items: { caseNo: string; kind: string }[] }
      ).items;
      expect(marketWork.filter((i) => i.caseNo === joint.caseNo).map((i) => i.kind)).toEqual([
        'joint_answer',
      ]);

      // 办件进度查询.
      await lookup('status: correction requested', correcting);
      await lookup('status: in review', reviewing);
      await lookup('status: joint', joint);
      await lookup('status: delivered', online);
    });
  });
}
