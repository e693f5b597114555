import { createHash } from 'node:crypto';
import {
  type Actor,
  type Applicant,
  type ApplicationCommand,
  applicationStreamName,
  type Certificate,
  type Command,
  catalogueItemDecider,
  catalogueStreamName,
  clockReactionTo,
  clockStreamName,
  complaintStreamName,
  createApplicationDecider,
  createClockDecider,
  createComplaintDecider,
  createRatingDecider,
  createReviewDecider,
  createWorkingCalendar,
  type Decider,
  type DomainEvent,
  nationalHolidaySchedules,
  type ReviewCommand,
  type ReviewState,
  ratingStreamName,
  reviewStreamName,
  type ServiceItemDefinition,
  type ServiceItemVersion,
  serviceItemForIntake,
  systemActor,
} from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { demoDirectory, demoUsers, governmentOf } from '@docket/identity';
import { type Clock, createCommandRunner, type Handled } from '@docket/service-kit';

const days = (value: number) => ({ value, unit: 'working_days' as const });

/** 食品经营许可, as in the demo catalogue: promised, 承办 → 审核 → 批准 in 市场监管. */
export const foodLicence: ServiceItemDefinition = {
  code: '310101-FOOD-BL',
  name: '食品经营许可',
  department: 'huangpu-market',
  legalBasis: '《中华人民共和国食品安全法》第三十五条',
  category: 'promised',
  statutoryLimit: days(20),
  promisedLimit: days(10),
  materials: [
    { code: 'form', name: '申请书', requirement: 'mandatory', form: 'original', count: 1 },
    { code: 'licence', name: '营业执照', requirement: 'mandatory', form: 'copy', count: 1 },
  ],
  fee: { kind: 'free' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(4) },
    { kind: 'review', name: '审核', role: 'reviewer', limit: days(3) },
    { kind: 'approve', name: '批准', role: 'head', limit: days(3) },
  ],
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  correctionLimit: days(5),
};

/** 建设工程规划许可: joint, led by 规划资源 with 消防 and 市场监管 as co-handlers. */
export const planningPermit: ServiceItemDefinition = {
  code: '310101-PLAN-BP',
  name: '建设工程规划许可',
  department: 'huangpu-planning',
  legalBasis: '《中华人民共和国城乡规划法》第四十条',
  category: 'joint',
  statutoryLimit: days(45),
  promisedLimit: days(30),
  materials: [{ code: 'form', name: '申请书', requirement: 'mandatory', form: 'original', count: 1 }],
  fee: { kind: 'free' },
  steps: [
    { kind: 'handle', name: '承办', role: 'officer', limit: days(10) },
    { kind: 'approve', name: '批准', role: 'head', limit: days(5) },
  ],
  joint: {
    leadDepartment: 'huangpu-planning',
    coHandlers: [
      { department: 'huangpu-fire', limit: days(5) },
      { department: 'huangpu-market', limit: days(7) },
    ],
  },
  deemedApprovalOnTimeout: false,
  coHandlerSilenceIsConsent: false,
  correctionLimit: days(5),
};

const demoTree = demoDirectory().tree;

export const people = {
  ...demoUsers,
  intake: systemActor('intake'),
  review: systemActor('review'),
  monitoring: systemActor('monitoring'),
} satisfies Record<string, Actor>;

export const company: Applicant = {
  type: 'company',
  name: '上海小笼包餐饮有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91310101MA1FL000UX',
  phone: '13800000000',
};

/** The query code the desk gives a case at submission (its hash is what the application stores). */
export const queryCodeOf = (caseNo: string) => `Q${caseNo}`;

type AnyDecider = Decider<Command, unknown, DomainEvent>;
type IntakeData<T extends ApplicationCommand['type']> = Extract<ApplicationCommand, { type: T }>['data'];
type ReviewData<T extends ReviewCommand['type']> = Extract<ReviewCommand, { type: T }>['data'];

/**
 * The centre for tests: the real deciders behind service-kit's command runner (the path every service's
 * commands take, which sets the envelope: correlation id = case number, causation, channel) on a real
 * ledger, with the reactions of review and monitoring played by hand, as the services would run them.
 * Domain time moves in working minutes of the 2026 calendar. Authorisation is the services' concern and
 * is left out here: the audit reads what was recorded.
 */
export function createCaseDesk(ledger: EventStore, start = '2026-03-02T09:30:00+08:00') {
  const calendar = createWorkingCalendar(nationalHolidaySchedules);
  let now = start;
  const clock: Clock = { timeZone: 'Asia/Shanghai', epochMs: () => Date.parse(now), now: () => now };
  const runnerOf = (decider: unknown) =>
    createCommandRunner({ ledger, decider: decider as AnyDecider, clock, authorise: () => undefined });
  const runners = {
    catalogue: runnerOf(catalogueItemDecider),
    application: runnerOf(createApplicationDecider({ calendar })),
    // The demo directory: a head's 分派 names the assignee, whom the decider looks up; a joint case's
    // extension is the district government's (行政许可法 Art. 42).
    review: runnerOf(
      createReviewDecider({
        calendar,
        staff: (id) => Object.values(people).find((p) => p.id === id),
        governmentOf: (department) => governmentOf(demoTree, department),
      }),
    ),
    clock: runnerOf(createClockDecider({ calendar })),
    complaint: runnerOf(createComplaintDecider({ calendar })),
    rating: runnerOf(createRatingDecider({ calendar })),
  };
  type Kind = keyof typeof runners;

  async function run(
    kind: Kind,
    stream: string,
    type: string,
    data: unknown,
    actor: Actor,
    extra: { caseNo?: string; causationId?: string; channel?: string } = {},
  ) {
    return runners[kind].run(stream, type, data, {
      subject: `test.${kind}.${type}`,
      headers: {},
      actor,
      now,
      ...extra,
    });
  }

  /** The events a command stored, as the ledger holds them; fails the test when it stored none. */
  const stored = async (handled: Handled<unknown>, what: string): Promise<RecordedEvent[]> => {
    const [first] = handled.events;
    if (first === undefined) throw new Error(`${what} stored nothing`);
    return ledger.readStream(handled.stream, {
      fromRevision: first.revision,
      maxCount: handled.events.length,
    });
  };

  /** 电子监察 follows the review: the clock command each review event calls for, dated at the event. */
  async function clockFollows(caseNo: string, events: RecordedEvent[], review: ReviewState) {
    for (const event of events) {
      const reaction = clockReactionTo(event, { calendar, deemedApprovalDeadline: 'statutory', review });
      if (reaction === undefined) continue;
      const handled = await runners.clock.run(clockStreamName(caseNo), reaction.type, reaction.data, {
        subject: `test.clock.${reaction.type}`,
        headers: {},
        actor: people.monitoring,
        now: event.occurredAt,
        caseNo,
        causationId: event.id,
      });
      await stored(handled, reaction.type);
    }
  }

  let caseCount = 0;
  const desk = {
    calendar,
    get now() {
      return now;
    },
    advance(workingMinutes: number) {
      now = calendar.addWorkingMinutes(now, workingMinutes);
    },
    async defineItem(definition: ServiceItemDefinition): Promise<ServiceItemVersion> {
      const stream = catalogueStreamName(definition.code);
      await run('catalogue', stream, 'DefineServiceItem', { item: definition }, people.admin);
      return desk.item(definition.code);
    },
    /** The item's current version, as intake loads it. */
    async item(code: string): Promise<ServiceItemVersion> {
      return serviceItemForIntake((await runners.catalogue.load(catalogueStreamName(code))).state as never);
    },
    async submit(item: ServiceItemVersion, applicant: Applicant): Promise<string> {
      caseCount += 1;
      const caseNo = `20260302-AUD${String(caseCount).padStart(3, '0')}`;
      const queryCodeHash = createHash('sha256').update(queryCodeOf(caseNo)).digest('hex');
      const materials = item.materials.map((m) => ({ code: m.code, count: m.count, form: m.form }));
      const submission = { caseNo, item, applicant, channel: 'window', materials, queryCodeHash };
      await run('application', applicationStreamName(caseNo), 'SubmitApplication', submission, people.clerk, {
        caseNo,
        channel: 'window',
      });
      return caseNo;
    },
    /** An intake command on the case's application stream; its events. */
    async intake<T extends ApplicationCommand['type']>(
      caseNo: string,
      type: T,
      data: IntakeData<T>,
      actor: Actor,
    ): Promise<RecordedEvent[]> {
      return await stored(
        await run('application', applicationStreamName(caseNo), type, data, actor, { caseNo }),
        type,
      );
    },
    /** A review command, and the clock's reaction to what it recorded; the review's events. */
    async review<T extends ReviewCommand['type']>(
      caseNo: string,
      type: T,
      data: ReviewData<T>,
      actor: Actor,
    ): Promise<RecordedEvent[]> {
      const handled = await run('review', reviewStreamName(caseNo), type, data, actor, { caseNo });
      const events = await stored(handled, type);
      await clockFollows(caseNo, events, handled.state as ReviewState);
      return events;
    },
    /** 受理, and review's reaction to it (OpenReview), which monitoring follows (StartClock). */
    async accept(caseNo: string, item: ServiceItemVersion) {
      const [acceptance] = await desk.intake(
        caseNo,
        'AcceptApplication',
        { acceptanceDocumentNo: `HP-SL-${caseNo}` },
        people.clerk,
      );
      const d = acceptance!.data as {
        promisedDeadline: string;
        statutoryDeadline: string;
        clockStartsAt: string;
      };
      const opening = {
        caseNo,
        item,
        category: item.category,
        acceptingUnit: 'huangpu-window',
        promisedDeadline: d.promisedDeadline,
        statutoryDeadline: d.statutoryDeadline,
        acceptedAt: d.clockStartsAt,
        causationEventId: acceptance!.id,
      };
      const handled = await run('review', reviewStreamName(caseNo), 'OpenReview', opening, people.review, {
        caseNo,
        causationId: acceptance!.id,
      });
      await clockFollows(caseNo, await stored(handled, 'OpenReview'), handled.state as ReviewState);
    },
    /** 作出决定, and intake's reaction (RecordDecision) to what the decision recorded. */
    async decide(caseNo: string, data: ReviewData<'Decide'>, actor: Actor) {
      const [decision] = await desk.review(caseNo, 'Decide', data, actor);
      const d = decision!.data as {
        outcome: 'approved' | 'refused';
        certificate?: Certificate;
        reason?: string;
      };
      const recorded = {
        outcome: d.outcome,
        ...(d.certificate === undefined ? {} : { certificate: d.certificate }),
        ...(d.reason === undefined ? {} : { reason: d.reason }),
        decidedAt: decision!.occurredAt,
        reviewEventId: decision!.id,
      };
      await stored(
        await run('application', applicationStreamName(caseNo), 'RecordDecision', recorded, people.intake, {
          caseNo,
          causationId: decision!.id,
        }),
        'RecordDecision',
      );
    },
    /** A promised case straight through: accepted, 承办 → 审核 → 批准 approved, delivered at the window. */
    async deliverPromisedCase(item: ServiceItemVersion, applicant: Applicant): Promise<string> {
      const caseNo = await desk.submit(item, applicant);
      desk.advance(60);
      await desk.accept(caseNo, item);
      for (const [stepIndex, actor] of [people.officer, people.reviewer].entries()) {
        desk.advance(120);
        await desk.review(caseNo, 'CompleteStep', { stepIndex, outcome: 'pass', opinion: '同意' }, actor);
      }
      desk.advance(120);
      const certificate = { name: '食品经营许可证', number: `JY3${caseNo.replaceAll('-', '')}` };
      await desk.decide(caseNo, { outcome: 'approved', opinion: '准予许可', certificate }, people.head);
      desk.advance(60);
      const recipient = { name: applicant.name, relation: 'applicant' as const };
      await desk.intake(caseNo, 'DeliverResult', { method: 'window_pickup', recipient }, people.clerk);
      return caseNo;
    },
    /** The scheduler's look at the clock: whatever warnings are due now (possibly none). */
    async evaluateTimers(caseNo: string): Promise<RecordedEvent[]> {
      const handled = await run('clock', clockStreamName(caseNo), 'EvaluateTimers', {}, people.monitoring, {
        caseNo,
      });
      return handled.events.length === 0 ? [] : stored(handled, 'EvaluateTimers');
    },
    async complaint(id: string, type: string, data: unknown, actor: Actor, caseNo: string) {
      return await stored(
        await run('complaint', complaintStreamName(id), type, data, actor, { caseNo }),
        type,
      );
    },
    async rate(caseNo: string, data: unknown, actor: Actor) {
      return stored(
        await run('rating', ratingStreamName(caseNo), 'RateService', data, actor, { caseNo }),
        'RateService',
      );
    },
  };
  return desk;
}
export type CaseDesk = ReturnType<typeof createCaseDesk>;
