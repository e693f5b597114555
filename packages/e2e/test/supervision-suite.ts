import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ComplaintPageSchema,
  ComplaintViewSchema,
  MonthlyScoreViewSchema,
  QuarterlyGradeViewSchema,
  RatingPageSchema,
  RatingViewSchema,
  SupervisionOrderPageSchema,
  SupervisionOrderViewSchema,
} from '@docket/contracts';
import { computeMonthlyScore, formatInstantInZone, type ScoreCounts } from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  compareServiceWithRebuild,
  type Desk,
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
  submit,
  until,
} from '../src';
import { conforms, got } from './conformance';
import type { RunningDocket } from './lifecycle-suite';

/**
 * A running docket for the supervision suite: its data directory (the ledger and every
 * `<service>.read.db`), a way to wait until it is quiet, and a restart without any read model.
 */
export interface SupervisedDocket extends RunningDocket {
  /** Where `ledger.db` and the services' `*.read.db` files are. */
  dataDir: string;
  /** Resolves once reactions and read models have caught up with the ledger (as far as the mode can tell). */
  settled(): Promise<void>;
  /**
   * Stops every service that keeps read models, deletes every read model (`deleteReadModels`), and
   * starts them again on the same data and at the same URL: desks made before keep working.
   */
  restartWithoutReadModels(): Promise<void>;
}

/** Deletes every `*.read.db` (with its `-wal` and `-shm`) in `dataDir`: call it with the services stopped. */
export function deleteReadModels(dataDir: string): void {
  for (const file of readdirSync(dataDir).filter((f) => /\.read\.db(-wal|-shm)?$/.test(f)))
    rmSync(join(dataDir, file));
  expect(existsSync(join(dataDir, 'supervision.read.db'))).toBe(false);
  expect(readdirSync(dataDir).filter((f) => f.includes('.read.db'))).toEqual([]);
}

const ZONE = 'Asia/Shanghai';
const MARKET = 'huangpu-market';
const ID = /^[0-9A-HJKMNP-TV-Z]{6}$/;

interface CommandAnswer {
  revision: string;
  position: string;
  events: { type: string }[];
}
interface ComplaintView {
  revision: string;
  complaint: {
    status: string;
    subject: { caseNo?: string; department?: string };
    complainant: { phone?: string; userId?: string };
    acceptBy: string;
    acceptanceOverdue?: { by: { id: string } };
    decision?: { outcome: string; late: boolean };
  };
}
interface OrderView {
  order: { status: string; replyBy: string; replyOverdue?: object; answer?: { late: boolean } };
}
interface RatingView {
  rating: {
    bad: boolean;
    countsAsDissatisfied: boolean;
    callBacks: unknown[];
    rectification?: { late: boolean };
    appeal?: { decision?: { upheld: boolean } };
  };
}
interface ScoreView {
  department: string;
  month: string;
  status: 'provisional' | 'locked';
  counts: ScoreCounts;
  deductions: ScoreCounts;
  totalDeduction: number;
  score: number;
  lockedBy: { id: string } | null;
}
interface ClockView {
  clock: { promised: { redAt: string } };
}

const localMonth = (instant: string) => formatInstantInZone(Date.parse(instant), ZONE).slice(0, 7);

/** The first instant of the month after `month` (yyyy-mm), in the centre's zone, at `hh:mm`. */
function nextMonthAt(month: string, time: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-01T${time}:00+08:00`;
}

/** What the monitoring records for a department's month, counted from the ledger itself. */
async function monitoredCounts(ledger: EventStore, month: string) {
  const counts = { yellow: 0, red: 0, refusalWithoutReason: 0 };
  for (const event of await ledger.readAll({ filter: { streamPrefixes: ['clock-'] } })) {
    if (localMonth(event.occurredAt) !== month) continue;
    const data = event.data as { answerableDepartment?: string; department?: string; rule?: string };
    if (event.type === 'YellowCardRaised' && data.answerableDepartment === MARKET) counts.yellow++;
    if (event.type === 'RedCardRaised' && data.answerableDepartment === MARKET) counts.red++;
    if (
      event.type === 'AnomalyDetected' &&
      data.department === MARKET &&
      data.rule === 'refusal_without_reason'
    )
      counts.refusalWithoutReason++;
  }
  return counts;
}

const materials = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];

/**
 * 督办 / 效能监察 through the API, the same in every mode, with domain time moved: complaints accepted or
 * declined late and flagged by the timer, bad ratings followed up, supervision orders answered late, and
 * a department's month scored provisionally, locked once it has ended, and unchanged by a rebuild.
 */
export function supervisionSuite(mode: string, start: () => Promise<SupervisedDocket>) {
  describe(`supervision over HTTP with domain time moved (${mode})`, () => {
    let docket: SupervisedDocket;
    let ledger: EventStore;
    let d: Desks;
    let supervisor: Desk;
    let otherApplicant: Desk;
    /** The month everything below happens in (the one after the test started). */
    let month: string;
    /** A market case left to overrun (its cards count); two delivered cases the applicant submitted online. */
    let overrun: string;
    let rated: string;
    let appealed: string;

    const head = () => ledger.head();
    /**
     * The ledger's head once nothing has been written for a while: the monitoring's timers write when
     * domain time has moved, so "the ledger is unchanged" is checked against a quiet ledger.
     */
    const quietHead = async () => {
      let last = await head();
      for (let since = Date.now(); Date.now() - since < 600; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = await head();
        if (now.position !== last.position) [last, since] = [now, Date.now()];
      }
      return last;
    };
    const eventsOf = (stream: string): Promise<RecordedEvent[]> => ledger.readStream(stream);
    const domainNow = async () => (await d.admin.get<{ now: string }>('/api/dev/time')).body.now;

    beforeAll(async () => {
      docket = await start();
      ledger = docket.ledger;
      const client = new DocketClient(docket.url);
      d = desks(client);
      supervisor = client.as('u-supervisor-qian');
      otherApplicant = client.as('u-applicant-yang');
      // Everything scored happens in one month: start at 09:00 on the 1st of the next one.
      const firstDay = nextMonthAt((await domainNow()).slice(0, 7), '09:00');
      await advanceTimePast(d.admin, firstDay);
      month = firstDay.slice(0, 7);
      expect((await domainNow()).slice(0, 7)).toBe(month);
    }, 60_000);

    afterAll(async () => {
      await docket?.close();
    });

    it('the cases: one left to overrun, two the applicant submitted online, decided and delivered', async () => {
      overrun = (await submit(d.clerk)).caseNo;
      expectStatus('accept', await d.clerk.post(`/api/applications/${overrun}/acceptance`, {}), 200);
      await reviewOpened(d.officer, overrun);
      const online: string[] = [];
      for (let i = 0; i < 2; i++) {
        const answer = await d.applicant.post<{ caseNo: string }>('/api/applications', {
          itemCode: FOOD_LICENCE,
          applicant: { ...person, name: '刘洋' },
          channel: 'web',
          materials,
        });
        const { caseNo } = expectStatus('submit online', answer, 201).body;
        expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
        await reviewAndApprove(d, caseNo);
        await resultReady(d.clerk, caseNo);
        await deliver(d.clerk, caseNo);
        online.push(caseNo);
      }
      [rated, appealed] = online as [string, string];
    }, 90_000);

    it('(b) bad ratings: one called back and rectified in time, one taken out of the score by an upheld appeal', async () => {
      // Only the applicant who submitted online rates as themself; once.
      expect((await otherApplicant.post(`/api/supervision/ratings/${rated}`, { level: 1 })).status).toBe(403);
      const first = await d.applicant.post<CommandAnswer>(`/api/supervision/ratings/${rated}`, {
        level: 5,
        comment: '窗口多次要求补交已提交的材料',
      });
      expectStatus('rate', first, 201);
      expect(first.headers.get('location')).toBe(`/api/supervision/ratings/${rated}`);
      expect(first.body.events.map((e) => e.type)).toEqual(['RatingSubmitted']);
      expect((await d.applicant.post(`/api/supervision/ratings/${rated}`, { level: 4 })).status).toBe(409);

      // 回访 by the supervisor, 整改 by the department within the limit.
      expectStatus(
        'call back',
        await supervisor.post(`/api/supervision/ratings/${rated}/call-backs`, {
          notes: '已电话回访申请人，了解情况',
        }),
        200,
      );
      expectStatus(
        'rectify',
        await d.officer.post(`/api/supervision/ratings/${rated}/rectification`, {
          measures: '材料清单一次性告知，窗口人员培训',
        }),
        200,
      );
      const followedUp = (await d.head.get<RatingView>(`/api/supervision/ratings/${rated}`)).body.rating;
      expect(followedUp).toMatchObject({
        bad: true,
        countsAsDissatisfied: true,
        rectification: { late: false },
      });
      expect(followedUp.callBacks).toHaveLength(1);

      // The other: appealed by the department, and only a supervisor decides the appeal.
      expectStatus('rate', await d.applicant.post(`/api/supervision/ratings/${appealed}`, { level: 5 }), 201);
      expectStatus(
        'appeal',
        await d.officer.post(`/api/supervision/ratings/${appealed}/appeal`, {
          reason: '申请人所述材料确属法定要求',
        }),
        200,
      );
      const before = await quietHead();
      const byOfficer = await d.officer.post<{ code: string }>(
        `/api/supervision/ratings/${appealed}/appeal/decision`,
        {
          upheld: true,
          reason: '自行认定',
        },
      );
      expect(byOfficer.status).toBe(403);
      expect(await head()).toEqual(before);
      const decided = await supervisor.post<CommandAnswer>(
        `/api/supervision/ratings/${appealed}/appeal/decision`,
        {
          upheld: true,
          reason: '经核查，材料要求符合规定',
        },
      );
      expectStatus('decide appeal', decided, 200);
      const upheld = (await supervisor.get<RatingView>(`/api/supervision/ratings/${appealed}`)).body.rating;
      expect(upheld).toMatchObject({
        bad: true,
        countsAsDissatisfied: false,
        appeal: { decision: { upheld: true } },
      });

      const counting = await supervisor.get<{ total: number; items: { caseNo: string }[] }>(
        `/api/supervision/ratings?department=${MARKET}&month=${month}&dissatisfied=true`,
        { minPosition: decided.body.position },
      );
      expect(counting.body.items.map((r) => r.caseNo)).toEqual([rated]);
      const own = await d.applicant.get<{ total: number }>('/api/supervision/ratings');
      expect(own.body.total).toBe(2);
      expect((await otherApplicant.get<{ total: number }>('/api/supervision/ratings')).body.total).toBe(0);
    }, 60_000);

    it('(a) a complaint declined late is recorded late; the timer flagged it overdue once before', async () => {
      // About the applicant's case, naming no department: it is filed against the case's.
      const submitted = await d.applicant.post<CommandAnswer & { id: string }>(
        '/api/supervision/complaints',
        {
          channel: 'online',
          type: 'delay',
          subject: { caseNo: rated },
          complainant: { name: '刘洋', phone: '13912345678' },
          content: '办结后仍多次被要求补交材料',
        },
      );
      expectStatus('complain', submitted, 201);
      const { id } = submitted.body;
      expect(id).toMatch(/^TS-\d{8}-/);
      expect(id.slice(-6)).toMatch(ID);
      expect(submitted.headers.get('location')).toBe(`/api/supervision/complaints/${id}`);

      const view = await supervisor.get<ComplaintView>(`/api/supervision/complaints/${id}`);
      expect(view.body.complaint).toMatchObject({
        status: 'submitted',
        subject: { caseNo: rated, department: MARKET },
        complainant: { phone: '13912345678', userId: 'u-applicant-liu' },
      });
      expect(
        (await d.monitor.get<ComplaintView>(`/api/supervision/complaints/${id}`)).body.complaint.complainant
          .phone,
      ).toBe('139****5678');
      expect(
        (await d.head.get<ComplaintView>(`/api/supervision/complaints/${id}`)).body.complaint.complainant
          .phone,
      ).toBe('139****5678');

      // 5 working days pass undecided: the timer flags it, once.
      await advanceTimePast(d.admin, view.body.complaint.acceptBy);
      const stream = `complaint-${id}`;
      await until('the acceptance-overdue flag', async () =>
        (await eventsOf(stream)).some((e) => e.type === 'ComplaintAcceptanceOverdue') ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the timer has looked again since
      const flagged = await supervisor.get<ComplaintView>(`/api/supervision/complaints/${id}`);
      expect(flagged.body.complaint.acceptanceOverdue?.by.id).toBe('system:supervision');

      const declined = await supervisor.post<CommandAnswer>(
        `/api/supervision/complaints/${id}/decline`,
        { reason: '所诉事项已通过评价整改程序处理，不予重复受理' },
        { ifMatch: flagged.etag! },
      );
      expectStatus('decline', declined, 200);
      const decision = (await supervisor.get<ComplaintView>(`/api/supervision/complaints/${id}`)).body
        .complaint;
      expect(decision).toMatchObject({ status: 'declined', decision: { outcome: 'declined', late: true } });
      const events = await eventsOf(stream);
      expect(events.map((e) => e.type)).toEqual([
        'ComplaintSubmitted',
        'ComplaintAcceptanceOverdue',
        'ComplaintDeclined',
      ]);
      expect(events[1]?.actor.id).toBe('system:supervision');
      expect(events[2]?.data).toMatchObject({ late: true });
      expect(events.every((e) => e.correlationId === rated)).toBe(true);
      expect(
        (await supervisor.post(`/api/supervision/complaints/${id}/acceptance`, { reason: '重新受理' }))
          .status,
      ).toBe(409);

      const mine = await d.applicant.get<{ items: { id: string; status: string; decisionLate: boolean }[] }>(
        '/api/supervision/complaints?status=declined',
        { minPosition: declined.body.position },
      );
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id, status: 'declined', decisionLate: true }),
      ]);
    }, 60_000);

    it('a supervision order by the monitor, flagged overdue and answered late by the head; an auditor issues none', async () => {
      const order = {
        subject: { department: MARKET, caseNo: overrun },
        requirement: '该件临近承诺时限，请说明办理进度',
        replyWorkingDays: 2,
      };
      const before = await quietHead();
      const byAuditor = await d.auditor.post<{ code: string }>('/api/supervision/orders', order);
      expect(byAuditor.status).toBe(403);
      expect(byAuditor.body.code).toBe('Forbidden');
      expect(await head()).toEqual(before);

      const issued = await d.monitor.post<CommandAnswer & { id: string }>('/api/supervision/orders', order);
      expectStatus('issue', issued, 201);
      const { id } = issued.body;
      expect(id).toMatch(/^DB-\d{8}-/);
      const { replyBy } = (await d.head.get<OrderView>(`/api/supervision/orders/${id}`)).body.order;
      await advanceTimePast(d.admin, replyBy);
      await until('the reply-overdue flag', async () =>
        (await eventsOf(`order-${id}`)).some((e) => e.type === 'SupervisionOrderReplyOverdue')
          ? true
          : undefined,
      );
      expectStatus(
        'answer',
        await d.head.post(`/api/supervision/orders/${id}/answer`, { answer: '已督促承办人，本周内办结' }),
        200,
      );
      expectStatus(
        'close',
        await d.monitor.post(`/api/supervision/orders/${id}/closure`, { conclusion: '答复属实，予以办结' }),
        200,
      );
      const closed = (await d.officer.get<OrderView>(`/api/supervision/orders/${id}`)).body.order;
      expect(closed).toMatchObject({ status: 'closed', answer: { late: true } });
      expect(closed.replyOverdue).toBeDefined();
      const types = (await eventsOf(`order-${id}`)).map((e) => e.type);
      expect(types.filter((t) => t === 'SupervisionOrderReplyOverdue')).toHaveLength(1);
      expect((await eventsOf(`order-${id}`)).map((e) => e.occurredAt.slice(0, 7))).toEqual(
        types.map(() => month),
      );
    }, 60_000);

    let locked: ScoreView;

    it('(c) the month’s score deducts for the cards, the order and the bad rating; locked once the month has ended', async () => {
      // The overrun case gets its yellow and red cards as time moves past its promised deadline.
      const { redAt } = (await d.monitor.get<ClockView>(`/api/monitoring/clocks/${overrun}`)).body.clock
        .promised;
      await advanceTimePast(d.admin, redAt);
      await until(
        'the red card',
        async () => ((await monitoredCounts(ledger, month)).red > 0 ? true : undefined),
        20_000,
      );
      expect((await domainNow()).slice(0, 7)).toBe(month);

      // The clock raises its warnings a look at a time (the case's, its step's): wait until it has raised
      // them all (nothing new for a second, ten of its looks) and the provisional score counts them.
      const path = `/api/supervision/scores/${MARKET}/${month}`;
      let seen = '';
      let since = Date.now();
      const provisional = await until(
        'the provisional score to count every card',
        async () => {
          const cards = JSON.stringify(await monitoredCounts(ledger, month));
          if (cards !== seen) [seen, since] = [cards, Date.now()];
          if (Date.now() - since < 1000) return undefined;
          // No complaint found substantiated and no case deemed approved in this month.
          const expected = {
            ...JSON.parse(seen),
            supervisionOrders: 1,
            dissatisfiedRatings: 1,
            substantiatedComplaints: 0,
            deemedApprovals: 0,
          };
          const answer = await supervisor.get<ScoreView>(path);
          return answer.status === 200 && JSON.stringify(answer.body.counts) === JSON.stringify(expected)
            ? answer.body
            : undefined;
        },
        20_000,
      );
      expect(provisional.status).toBe('provisional');
      expect(provisional.counts.yellow).toBeGreaterThan(0);
      expect(provisional.counts.red).toBeGreaterThan(0);
      const computed = computeMonthlyScore(provisional.counts);
      expect(provisional).toMatchObject({ score: computed.score, deductions: computed.deductions });
      expect(provisional.score).toBeLessThan(100);
      // The department's head sees its own score; a clerk has no part in it.
      expect((await d.head.get<ScoreView>(path)).body.score).toBe(provisional.score);
      expect((await d.clerk.get(path)).status).toBe(403);

      const early = await supervisor.post<{ code: string }>(`${path}/lock`, {});
      expect([early.status, early.body.code]).toEqual([422, 'MonthNotEnded']);

      const before = await quietHead();
      expect((await d.auditor.post(`${path}/lock`, {})).status).toBe(403);
      expect(await head()).toEqual(before);

      // The month ends; what the clock does afterwards counts for the next one.
      await advanceTimePast(d.admin, nextMonthAt(month, '00:00'));
      const lock = await supervisor.post<CommandAnswer>(`${path}/lock`, { note: '经审核锁定' });
      expectStatus('lock', lock, 201);
      expect(lock.body.events.map((e) => e.type)).toEqual(['MonthlyScoreLocked']);
      locked = (await d.monitor.get<ScoreView>(path, { minPosition: lock.body.position })).body;
      expect(locked).toMatchObject({
        status: 'locked',
        counts: provisional.counts,
        deductions: provisional.deductions,
        totalDeduction: provisional.totalDeduction,
        score: provisional.score,
        lockedBy: { id: 'u-supervisor-qian' },
      });

      const again = await supervisor.post<{ code: string }>(`${path}/lock`, {});
      expect([again.status, again.body.code]).toEqual([409, 'ScoreAlreadyLocked']);
      const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
      const grade = await supervisor.get<{ code: string }>(`/api/supervision/grades/${MARKET}/${quarter}`);
      expect([grade.status, grade.body.code]).toEqual([422, 'QuarterNeedsThreeMonths']);
    }, 90_000);

    it('the locked score is unchanged after every read model is rebuilt from position 0', async () => {
      // Live and rebuilt alike, once the system is quiet (the monitoring's timers may still be writing).
      const comparison = await until(
        'the live supervision read models to equal a rebuild',
        async () => {
          await docket.settled();
          const compared = await compareServiceWithRebuild(docket.dataDir, 'supervision', ledger);
          return compared.differences.length === 0 ? compared : undefined;
        },
        20_000,
      );
      expect(comparison.documents).toMatchObject({ complaints: 1, orders: 1, ratings: 2, scores: 1 });

      // Every read model of every service, gone: the services rebuild them from the ledger on start.
      await docket.restartWithoutReadModels();
      const path = `/api/supervision/scores/${MARKET}/${month}`;
      const rebuilt = await until('the rebuilt score', async () => {
        const answer = await supervisor.get<ScoreView>(path);
        return answer.status === 200 && answer.body.status === 'locked' ? answer.body : undefined;
      });
      expect(rebuilt).toEqual(locked);
      const again = await supervisor.post<{ code: string }>(`${path}/lock`, {});
      expect([again.status, again.body.code]).toEqual([409, 'ScoreAlreadyLocked']);
    }, 90_000);

    it('answers every supervision route as its OpenAPI schema says, field for field', async () => {
      const get = got;
      const command = async (step: string, desk: Desk, path: string, body: unknown, status = 200) =>
        expectStatus(step, await desk.post<CommandAnswer & { id: string }>(path, body), status).body;

      // A complaint taken down by the supervisor and followed through: accepted, investigated, found
      // substantiated, an accountability measure, the reply; so that every field of its list item is set.
      const { id: complaint } = await command(
        'complain',
        supervisor,
        '/api/supervision/complaints',
        {
          channel: 'phone',
          type: 'misconduct',
          subject: { department: MARKET },
          complainant: { name: '王五', phone: '13700001111' },
          content: '窗口工作人员态度恶劣',
        },
        201,
      );
      const on = `/api/supervision/complaints/${complaint}`;
      await command('accept', supervisor, `${on}/acceptance`, { reason: '属于受理范围' });
      await command('investigate', supervisor, `${on}/investigations`, { notes: '调取窗口录像' });
      await command('finding', supervisor, `${on}/finding`, { substantiated: true, finding: '情况属实' });
      await command('accountability', supervisor, `${on}/accountability`, {
        against: { department: MARKET },
        measure: 'criticism',
        reason: '服务态度问题',
      });
      const replied = await command('reply', supervisor, `${on}/reply`, { reply: '已批评教育并整改' });

      // The lists, after the rebuild of the test before, once they have every document again.
      const complaints = await until('the complaints listed', async () => {
        const page = (
          await supervisor.get<{ total: number }>('/api/supervision/complaints', {
            minPosition: replied.position,
          })
        ).body;
        return page.total >= 2 ? page : undefined;
      });
      conforms('complaints (supervisor)', ComplaintPageSchema, complaints);
      conforms(
        'complaints (monitor)',
        ComplaintPageSchema,
        await get(d.monitor, '/api/supervision/complaints'),
      );
      conforms(
        'complaints (applicant)',
        ComplaintPageSchema,
        await get(d.applicant, '/api/supervision/complaints?status=declined,closed&offset=0&limit=5'),
      );
      for (const { id } of (complaints as unknown as { items: { id: string }[] }).items) {
        conforms(
          `complaint ${id}`,
          ComplaintViewSchema,
          await get(supervisor, `/api/supervision/complaints/${id}`),
        );
        conforms(
          `complaint ${id} (masked)`,
          ComplaintViewSchema,
          await get(d.monitor, `/api/supervision/complaints/${id}`),
        );
      }

      const orders = (await until('the orders listed', async () => {
        const page = (await d.monitor.get<{ total: number }>('/api/supervision/orders')).body;
        return page.total >= 1 ? page : undefined;
      })) as unknown as { items: { id: string }[] };
      conforms('orders', SupervisionOrderPageSchema, orders);
      conforms(
        'orders (head)',
        SupervisionOrderPageSchema,
        await get(d.head, '/api/supervision/orders?status=closed'),
      );
      for (const { id } of orders.items)
        conforms(
          `order ${id}`,
          SupervisionOrderViewSchema,
          await get(d.officer, `/api/supervision/orders/${id}`),
        );

      const ratings = (await until('the ratings listed', async () => {
        const page = (await supervisor.get<{ total: number }>('/api/supervision/ratings')).body;
        return page.total >= 2 ? page : undefined;
      })) as unknown as { items: { caseNo: string }[] };
      conforms('ratings', RatingPageSchema, ratings);
      conforms(
        'ratings (filtered)',
        RatingPageSchema,
        await get(
          supervisor,
          `/api/supervision/ratings?department=${MARKET}&month=${month}&dissatisfied=false`,
        ),
      );
      conforms('ratings (applicant)', RatingPageSchema, await get(d.applicant, '/api/supervision/ratings'));
      for (const { caseNo } of ratings.items)
        conforms(
          `rating ${caseNo}`,
          RatingViewSchema,
          await get(d.head, `/api/supervision/ratings/${caseNo}`),
        );

      // 月度考核: the locked month, and a provisional one (the month now).
      conforms(
        'locked score',
        MonthlyScoreViewSchema,
        await get(supervisor, `/api/supervision/scores/${MARKET}/${month}`),
      );
      const now = (await domainNow()).slice(0, 7);
      conforms(
        'provisional score',
        MonthlyScoreViewSchema,
        await get(d.head, `/api/supervision/scores/${MARKET}/${now}`),
      );

      // 季度考核: lock the quarter's other months (those after the scored one once they have ended).
      const quarterOf = (m: string) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`;
      const quarter = quarterOf(month);
      const first = (Math.ceil(Number(month.slice(5)) / 3) - 1) * 3 + 1;
      const months = [0, 1, 2].map((i) => `${month.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
      await advanceTimePast(d.admin, nextMonthAt(months[2]!, '00:00'));
      // 503 ScoreCountsBehind while monitoring catches up with the time moved.
      for (const other of months.filter((m) => m !== month))
        await until(`${other} locked`, async () => {
          const lock = await supervisor.post(`/api/supervision/scores/${MARKET}/${other}/lock`, {});
          return lock.status === 503 ? undefined : expectStatus(`lock ${other}`, lock, 201);
        });
      const grade = await until('the quarter graded', async () => {
        const answer = await supervisor.get(`/api/supervision/grades/${MARKET}/${quarter}`);
        return answer.status === 200 ? answer.body : undefined;
      });
      conforms('grade', QuarterlyGradeViewSchema, grade);
      expect((grade as { months: unknown[] }).months).toHaveLength(3);
    }, 90_000);
  });
}
