import { join } from 'node:path';
import {
  type CaseFacts,
  type CommandReply,
  type ComplaintItem,
  type ComplaintView,
  IDEMPOTENCY_KEY_HEADER,
  intake,
  MIN_POSITION_HEADER,
  type MonthlyScoreView,
  monitoring,
  NoSuchCase,
  type Page,
  type RatingItem,
  type RatingView,
  REQUEST_FINGERPRINT_HEADER,
  type SupervisionItemReply,
  type SupervisionOrderView,
  supervision,
} from '@docket/contracts';
import { type Actor, createWorkingCalendar, isSystem, nationalHolidaySchedules } from '@docket/domain';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { demoDirectory, demoUsers } from '@docket/identity';
import { ACTOR_HEADER, actorHeader, type Bus, createInProcessBus, readActor } from '@docket/messaging';
import {
  createProjectionRunner,
  openSqliteReadModelStore,
  type ReadModelDocument,
  type SqliteReadModelStore,
} from '@docket/projections';
import {
  type AdjustableClock,
  adjustableClock,
  type RunningService,
  silentLogger,
} from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSupervision, supervisionProjections } from '../src';

const ZONE = 'Asia/Shanghai';
/** Monday 2 March 2026, 09:00 in Shanghai: the test's domain time starts here. */
const START = '2026-03-02T09:00:00+08:00';
const DAY = 24 * 3600 * 1000;

/** What intake would answer for three cases: one closed of the online applicant, one running. */
const CASES: Record<string, CaseFacts> = {
  '20260301-AAAAAA': {
    caseNo: '20260301-AAAAAA',
    department: 'huangpu-market',
    coHandlers: [],
    itemCode: '310101-FOOD-BL',
    applicantUserId: 'u-applicant-liu',
    status: 'delivered',
    closedAt: '2026-03-01T16:00:00+08:00',
  },
  '20260301-BBBBBB': {
    caseNo: '20260301-BBBBBB',
    department: 'huangpu-market',
    coHandlers: [],
    itemCode: '310101-FOOD-BL',
    applicantUserId: 'u-applicant-liu',
    status: 'in_review',
    closedAt: null,
  },
};

/** What monitoring would count for huangpu-market in March 2026: cards, refusals, one case deemed approved. */
const MARCH_CARDS = { yellow: 2, red: 1, refusalWithoutReason: 1 };
const MARCH_DEEMED = ['20260301-BBBBBB'];
/** This deployment's configured points: 3 per substantiated complaint (the others the defaults). */
const SCORE_DEDUCTIONS = { substantiatedComplaints: 3 };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * The supervision service alone on a real in-process bus, SQLite ledger and read models, with intake and
 * monitoring stood in for by the subjects it asks (caseFacts, counts), and domain time it can move.
 */
describe('the supervision service', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: EventStore;
  let bus: Bus;
  let readModels: SqliteReadModelStore;
  let relayPlaces: SqliteReadModelStore;
  let clock: AdjustableClock;
  let service: RunningService;
  const asked = { caseFacts: 0, counts: 0 };
  /** The stand-in monitoring answers that its read model is still behind the position asked for. */
  let monitoringBehind = false;

  const send = <R>(actor: Actor, subject: string, payload: unknown, headers: Record<string, string> = {}) =>
    bus.request<R>(subject, payload, { headers: { [ACTOR_HEADER]: actorHeader(actor), ...headers } });
  const after = (reply: { position: bigint | null }) => ({ [MIN_POSITION_HEADER]: String(reply.position) });
  const stream = (name: string): Promise<RecordedEvent[]> => ledger.readStream(name);
  const types = async (name: string) => (await stream(name)).map((e) => e.type);

  beforeAll(async () => {
    dir = tempDir('docket-supervision-');
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    bus = createInProcessBus();
    readModels = openSqliteReadModelStore({ path: join(dir.path, 'supervision.read.db') });
    relayPlaces = openSqliteReadModelStore({ path: ':memory:' });
    clock = adjustableClock(ZONE, Date.parse(START) - Date.now());
    const systemOnly = (headers: Readonly<Record<string, string>>) => {
      const actor = readActor(headers) as Actor | undefined;
      if (actor === undefined || !isSystem(actor)) throw new Error('stand-in: for docket services only');
    };
    bus.serve(
      intake.caseFacts.subject,
      async (payload: { caseNo: string }, headers) => {
        systemOnly(headers);
        asked.caseFacts++;
        const facts = CASES[payload.caseNo];
        if (facts === undefined) throw new NoSuchCase(payload.caseNo);
        return facts;
      },
      { queue: 'intake' },
    );
    bus.serve(
      monitoring.counts.subject,
      async (payload: { department: string; month: string }, headers) => {
        systemOnly(headers);
        asked.counts++;
        const march = payload.department === 'huangpu-market' && payload.month === '2026-03';
        return {
          ...payload,
          ...(march ? MARCH_CARDS : { yellow: 0, red: 0, refusalWithoutReason: 0 }),
          deemedApprovals: march ? MARCH_DEEMED : [],
          complete: !(monitoringBehind && headers[MIN_POSITION_HEADER] !== undefined),
        };
      },
      { queue: 'monitoring' },
    );
    service = await startSupervision({
      ledger,
      bus,
      readModels,
      relayCheckpoints: relayPlaces,
      clock,
      directory: demoDirectory(),
      calendar: createWorkingCalendar(nationalHolidaySchedules, { timeZone: ZONE }),
      logger: silentLogger,
      timerIntervalMs: 20,
      scoreDeductions: SCORE_DEDUCTIONS,
    });
  });

  afterAll(async () => {
    await service?.close();
    await bus?.close();
    await readModels?.close();
    await relayPlaces?.close();
    await ledger?.close();
    dir?.cleanup();
  });

  let complaint: SupervisionItemReply;
  const complaintRequest = {
    channel: 'online',
    type: 'delay',
    subject: { caseNo: '20260301-AAAAAA' },
    complainant: { name: '刘洋', phone: '13912345678' },
    content: '许可证送达后窗口仍要求重复提交材料',
  };

  it("files a complaint about a case under the case's department and a drawn id; a retry is answered with that id", async () => {
    const retry = { [IDEMPOTENCY_KEY_HEADER]: 'complaint-1', [REQUEST_FINGERPRINT_HEADER]: 'same-request' };
    complaint = await send<SupervisionItemReply>(
      demoUsers.applicant,
      supervision.submitComplaint.subject,
      complaintRequest,
      retry,
    );
    expect(complaint.id).toMatch(/^TS-20260302-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(complaint.events.map((e) => e.type)).toEqual(['ComplaintSubmitted']);
    const again = await send<SupervisionItemReply>(
      demoUsers.applicant,
      supervision.submitComplaint.subject,
      complaintRequest,
      retry,
    );
    expect(again).toMatchObject({ id: complaint.id, replayed: true });
    const [submitted, ...more] = await stream(`complaint-${complaint.id}`);
    expect(more).toEqual([]);
    expect(submitted?.correlationId).toBe('20260301-AAAAAA');
    expect(submitted?.data).toMatchObject({
      subject: { caseNo: '20260301-AAAAAA', department: 'huangpu-market' },
      complainant: { userId: 'u-applicant-liu' },
      takenDown: false,
    });
    await expect(
      send(demoUsers.applicant, supervision.submitComplaint.subject, {
        ...complaintRequest,
        subject: { caseNo: '20260301-NOSUCH' },
      }),
    ).rejects.toMatchObject({ code: 'NoSuchCase', kind: 'not_found' });
    await expect(
      send(demoUsers.applicant, supervision.submitComplaint.subject, {
        ...complaintRequest,
        subject: { department: 'huangpu-nosuch' },
      }),
    ).rejects.toMatchObject({ code: 'NoSuchDepartment', kind: 'not_found' });
  });

  it("shows the complainant's phone to the complainant and the supervisor only; each lists what they may see", async () => {
    const view = (actor: Actor) =>
      send<ComplaintView>(actor, supervision.complaint.subject, { id: complaint.id });
    expect((await view(demoUsers.applicant)).complaint.complainant.phone).toBe('13912345678');
    expect((await view(demoUsers.supervisor)).complaint.complainant.phone).toBe('13912345678');
    expect((await view(demoUsers.monitor)).complaint.complainant.phone).toBe('139****5678');
    expect((await view(demoUsers.head)).complaint.complainant.phone).toBe('139****5678');
    expect((await view(demoUsers.auditor)).revision).toBe(0n);
    await expect(view(demoUsers.otherApplicant)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(view(demoUsers.fireHead)).rejects.toMatchObject({ code: 'Forbidden' });

    const list = (actor: Actor, request: object = {}) =>
      send<Page<ComplaintItem>>(actor, supervision.complaints.subject, request, after(complaint));
    const forHead = await list(demoUsers.head);
    expect(forHead.items.map((c) => [c.id, c.department, c.complainant.phone])).toEqual([
      [complaint.id, 'huangpu-market', '139****5678'],
    ]);
    expect((await list(demoUsers.applicant, { status: ['submitted'] })).total).toBe(1);
    expect((await list(demoUsers.applicant, { status: ['declined'] })).total).toBe(0);
    expect((await list(demoUsers.otherApplicant)).total).toBe(0);
    expect((await list(demoUsers.streetMonitor)).total).toBe(0);
    await expect(list(demoUsers.streetMonitor, { department: 'huangpu-market' })).rejects.toMatchObject({
      code: 'Forbidden',
    });
    await expect(list(demoUsers.clerk)).rejects.toMatchObject({ code: 'Forbidden' });
  });

  let order: SupervisionItemReply;

  it('refuses a rating of a running case, and records the online applicant’s bad rating of a closed one', async () => {
    await expect(
      send(demoUsers.applicant, supervision.rateService.subject, {
        caseNo: '20260301-BBBBBB',
        data: { level: 5 },
      }),
    ).rejects.toMatchObject({ code: 'CaseNotClosed', kind: 'rule_broken' });
    await expect(
      send(demoUsers.otherApplicant, supervision.rateService.subject, {
        caseNo: '20260301-AAAAAA',
        data: { level: 5 },
      }),
    ).rejects.toMatchObject({ code: 'Forbidden' });
    const rated = await send<CommandReply>(demoUsers.applicant, supervision.rateService.subject, {
      caseNo: '20260301-AAAAAA',
      data: { level: 5, comment: '重复提交材料' },
    });
    expect(rated.events.map((e) => e.type)).toEqual(['RatingSubmitted']);
    const { rating } = await send<RatingView>(demoUsers.head, supervision.rating.subject, {
      caseNo: '20260301-AAAAAA',
    });
    expect(rating).toMatchObject({ department: 'huangpu-market', enteredBy: 'applicant', bad: true });
    order = await send<SupervisionItemReply>(demoUsers.monitor, supervision.issueSupervisionOrder.subject, {
      subject: { department: 'huangpu-market', caseNo: '20260301-AAAAAA' },
      requirement: '请说明重复要求提交材料的原因并整改',
      replyWorkingDays: 2,
    });
    expect(order.id).toMatch(/^DB-20260302-[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('flags the undecided complaint, the unanswered order and the unrectified rating once each, as the system', async () => {
    expect(await types(`complaint-${complaint.id}`)).toEqual(['ComplaintSubmitted']);
    clock.advance(10 * DAY);
    const flagged = {
      complaint: `complaint-${complaint.id}`,
      order: `order-${order.id}`,
      rating: 'rating-20260301-AAAAAA',
    };
    const flags = [
      'ComplaintAcceptanceOverdue',
      'SupervisionOrderReplyOverdue',
      'RatingRectificationOverdue',
    ];
    await until('the three flags', async () => {
      const all = await Promise.all(Object.values(flagged).map(types));
      return all.every((t, i) => t.includes(flags[i]!)) ? true : undefined;
    });
    // The timer looks every 20 ms: give it many more looks, then count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [i, name] of Object.values(flagged).entries()) {
      const raised = (await stream(name)).filter((e) => e.type === flags[i]);
      expect(raised.length, name).toBe(1);
      expect(raised[0]?.actor.id).toBe('system:supervision');
    }

    // Late is recorded, not refused.
    const accepted = await send<CommandReply>(demoUsers.supervisor, supervision.acceptComplaint.subject, {
      id: complaint.id,
      data: { reason: '属实情况待核查，予以受理' },
    });
    const [acceptance] = await ledger.readStream(`complaint-${complaint.id}`, {
      fromRevision: accepted.revision!,
    });
    expect(acceptance?.data).toMatchObject({ late: true });
    const answered = await send<CommandReply>(demoUsers.head, supervision.answerSupervisionOrder.subject, {
      id: order.id,
      data: { answer: '已核查，系窗口人员误解材料要求，已培训整改' },
    });
    expect(answered.events.map((e) => e.type)).toEqual(['SupervisionOrderAnswered']);
    const { order: answeredOrder } = await send<SupervisionOrderView>(
      demoUsers.officer,
      supervision.order.subject,
      { id: order.id },
    );
    expect(answeredOrder).toMatchObject({ status: 'answered', answer: { late: true } });
    // The complaint's and the order's later events are in the case's history too (from their state).
    for (const name of [`complaint-${complaint.id}`, `order-${order.id}`])
      expect(new Set((await stream(name)).map((e) => e.correlationId)), name).toEqual(
        new Set(['20260301-AAAAAA']),
      );
    await expect(
      send(demoUsers.head, supervision.closeSupervisionOrder.subject, {
        id: order.id,
        data: { conclusion: '好' },
      }),
    ).rejects.toMatchObject({ code: 'Forbidden' });
  });

  it('scores March provisionally from monitoring’s counts and its own, locks it once March has ended, once', async () => {
    // 投诉属实: the complaint about the case of huangpu-market is found substantiated in March.
    await send(demoUsers.supervisor, supervision.recordInvestigation.subject, {
      id: complaint.id,
      data: { notes: '调阅窗口记录并询问承办人' },
    });
    const found = await send<CommandReply>(demoUsers.supervisor, supervision.recordFinding.subject, {
      id: complaint.id,
      data: { substantiated: true, finding: '窗口重复要求提交材料，投诉属实' },
    });
    const expectedCounts = {
      ...MARCH_CARDS,
      supervisionOrders: 1,
      dissatisfiedRatings: 1,
      substantiatedComplaints: 1,
      deemedApprovals: 1,
    };
    const expectedRefs = { substantiatedComplaints: [complaint.id], deemedApprovals: MARCH_DEEMED };
    const provisional = await send<MonthlyScoreView>(
      demoUsers.supervisor,
      supervision.score.subject,
      { department: 'huangpu-market', month: '2026-03' },
      after(found),
    );
    // 100 − (2 × 1 + 1 × 1.5 + 1 × 0.5 + 1 × 0.5 + 1 × 1 + 1 × 3 (configured) + 1 × 2)
    expect(provisional).toMatchObject({
      status: 'provisional',
      counts: expectedCounts,
      refs: expectedRefs,
      deductions: { substantiatedComplaints: 3, deemedApprovals: 2 },
      rules: { perCount: { substantiatedComplaints: 3, deemedApprovals: 2 } },
      score: 89.5,
    });
    const lock = { department: 'huangpu-market', month: '2026-03', note: '三月考核' };
    await expect(
      send(demoUsers.supervisor, supervision.lockMonthlyScore.subject, lock),
    ).rejects.toMatchObject({
      code: 'MonthNotEnded',
    });

    const countsAsked = asked.counts;
    const head = await ledger.head();
    await expect(send(demoUsers.auditor, supervision.lockMonthlyScore.subject, lock)).rejects.toMatchObject({
      code: 'Forbidden',
    });
    await expect(send(demoUsers.head, supervision.lockMonthlyScore.subject, lock)).rejects.toMatchObject({
      code: 'Forbidden',
    });
    expect(await ledger.head()).toEqual(head);
    expect(asked.counts).toBe(countsAsked);

    clock.advance(30 * DAY);
    // Monitoring has not counted up to the lock's position yet: refused (try again), nothing written.
    monitoringBehind = true;
    const beforeBehind = await ledger.head();
    await expect(
      send(demoUsers.supervisor, supervision.lockMonthlyScore.subject, lock),
    ).rejects.toMatchObject({
      code: 'ScoreCountsBehind',
      kind: 'unavailable',
      details: { behind: ['monitoring-warnings'], retryAfterSeconds: 5 },
    });
    expect(await ledger.head()).toEqual(beforeBehind);
    monitoringBehind = false;
    const locked = await send<CommandReply>(demoUsers.supervisor, supervision.lockMonthlyScore.subject, lock);
    expect(locked.events.map((e) => e.type)).toEqual(['MonthlyScoreLocked']);
    const score = await send<MonthlyScoreView>(
      demoUsers.head,
      supervision.score.subject,
      { department: 'huangpu-market', month: '2026-03' },
      after(locked),
    );
    expect(score).toMatchObject({
      status: 'locked',
      counts: expectedCounts,
      deductions: {
        yellow: 2,
        red: 1.5,
        refusalWithoutReason: 0.5,
        supervisionOrders: 0.5,
        dissatisfiedRatings: 1,
        substantiatedComplaints: 3,
        deemedApprovals: 2,
      },
      refs: expectedRefs,
      rules: { perCount: { substantiatedComplaints: 3 } },
      totalDeduction: 10.5,
      score: 89.5,
      note: '三月考核',
      lockedBy: { id: 'u-supervisor-qian' },
    });
    await expect(
      send(demoUsers.supervisor, supervision.lockMonthlyScore.subject, lock),
    ).rejects.toMatchObject({
      code: 'ScoreAlreadyLocked',
      kind: 'illegal_transition',
    });
    await expect(
      send(demoUsers.supervisor, supervision.quarterlyGrade.subject, {
        department: 'huangpu-market',
        quarter: '2026-Q1',
      }),
    ).rejects.toMatchObject({ code: 'QuarterNeedsThreeMonths', details: { given: 1 } });
    await expect(
      send(demoUsers.fireHead, supervision.score.subject, { department: 'huangpu-market', month: '2026-03' }),
    ).rejects.toMatchObject({ code: 'Forbidden' });
  });

  it('lists the ratings that count as dissatisfied, and an upheld appeal takes one out', async () => {
    const list = (actor: Actor, request: object) =>
      send<Page<RatingItem>>(actor, supervision.ratings.subject, request);
    expect((await list(demoUsers.supervisor, { month: '2026-03', dissatisfied: true })).total).toBe(1);
    await send(demoUsers.officer, supervision.appealRating.subject, {
      caseNo: '20260301-AAAAAA',
      data: { reason: '申请人要求的材料确属法定材料' },
    });
    const decided = await send<CommandReply>(demoUsers.supervisor, supervision.decideRatingAppeal.subject, {
      caseNo: '20260301-AAAAAA',
      data: { upheld: true, reason: '经核查，材料要求符合规定' },
    });
    const ratings = await send<Page<RatingItem>>(
      demoUsers.applicant,
      supervision.ratings.subject,
      {},
      after(decided),
    );
    expect(
      ratings.items.map((r) => [r.caseNo, r.countsAsDissatisfied, r.appeal, r.rectificationOverdue]),
    ).toEqual([['20260301-AAAAAA', false, 'upheld', true]]);
    expect((await list(demoUsers.otherApplicant, {})).total).toBe(0);
  });

  it('rebuilds every read model from position 0 to exactly what was built live', async () => {
    await service.settled();
    const rebuilt = openSqliteReadModelStore({ path: ':memory:' });
    try {
      for (const projection of supervisionProjections(ZONE)) {
        await createProjectionRunner({ ledger, store: rebuilt, projection }).catchUp();
        for (const { name } of projection.collections) {
          const docs = async (store: SqliteReadModelStore) =>
            (await store.find<ReadModelDocument>(name)).map(canonical);
          const live = await docs(readModels);
          expect(live.length, name).toBeGreaterThan(0);
          expect(await docs(rebuilt), name).toEqual(live);
        }
      }
    } finally {
      await rebuilt.close();
    }
  });
});
