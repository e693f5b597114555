import { createHash } from 'node:crypto';
import { createCommandHandler } from '@docket/command-handling';
import {
  type Actor,
  type Applicant,
  type ApplicationCommand,
  applicationStreamName,
  type Certificate,
  type Command,
  catalogueItemDecider,
  catalogueStreamName,
  createApplicationDecider,
  createReviewDecider,
  createWorkingCalendar,
  nationalHolidaySchedules,
  type ReviewCommand,
  reviewStreamName,
  type ServiceItemDefinition,
  type ServiceItemVersion,
  serviceItemForIntake,
} from '@docket/domain';
import type { EventStore } from '@docket/event-store';
import { demoUsers } from '@docket/identity';

const days = (value: number) => ({ value, unit: 'working_days' as const });

/** 食品经营许可 (as in the demo catalogue): promised, 承办 → 审核 → 批准 in 市场监管. */
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

export const people = {
  ...demoUsers,
  marketOfficer: demoUsers.officer,
  intake: { id: 'system:intake', name: 'docket intake', roles: [] },
  review: { id: 'system:review', name: 'docket review', roles: [] },
} satisfies Record<string, Actor>;

export const queryCodeOf = (caseNo: string) => `Q${caseNo.slice(-6)}`;

/**
 * The centre's desk for tests: the real deciders behind @docket/command-handling on a real ledger,
 * with domain time advanced in working minutes of the 2026 calendar.
 */
export function createDesk(store: EventStore, start = '2026-03-02T09:30:00+08:00') {
  const calendar = createWorkingCalendar(nationalHolidaySchedules);
  const catalogue = createCommandHandler({ store, decider: catalogueItemDecider });
  const applications = createCommandHandler({ store, decider: createApplicationDecider({ calendar }) });
  const reviews = createCommandHandler({ store, decider: createReviewDecider({ calendar }) });
  let now = start;
  let caseCount = 0;
  const command = <C extends Command>(type: C['type'], data: C['data'], actor: Actor): C =>
    ({ type, data, metadata: { now, actor } }) as C;

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
      await catalogue.handle(stream, command('DefineServiceItem', { item: definition }, people.admin));
      return serviceItemForIntake((await catalogue.load(stream)).state);
    },
    /** The item's current version, as intake loads it. */
    async item(code: string): Promise<ServiceItemVersion> {
      return serviceItemForIntake((await catalogue.load(catalogueStreamName(code))).state);
    },
    async submit(item: ServiceItemVersion, applicant: Applicant): Promise<string> {
      caseCount += 1;
      const caseNo = `2026-310101-${String(caseCount).padStart(6, '0')}`;
      const queryCodeHash = createHash('sha256').update(queryCodeOf(caseNo)).digest('hex');
      await applications.handle(
        applicationStreamName(caseNo),
        command(
          'SubmitApplication',
          {
            caseNo,
            item,
            applicant,
            channel: 'window',
            materials: item.materials.map((m) => ({ code: m.code, count: m.count, form: m.form })),
            queryCodeHash,
          },
          people.clerk,
        ),
        { correlationId: caseNo },
      );
      return caseNo;
    },
    /** An intake command on the case's application stream. */
    async intake<T extends ApplicationCommand['type']>(
      caseNo: string,
      type: T,
      data: Extract<ApplicationCommand, { type: T }>['data'],
      actor: Actor,
    ) {
      return applications.handle(
        applicationStreamName(caseNo),
        command<ApplicationCommand>(type, data, actor),
        {
          correlationId: caseNo,
        },
      );
    },
    /** A review command on the case's review stream. */
    async review<T extends ReviewCommand['type']>(
      caseNo: string,
      type: T,
      data: Extract<ReviewCommand, { type: T }>['data'],
      actor: Actor,
    ) {
      return reviews.handle(reviewStreamName(caseNo), command<ReviewCommand>(type, data, actor), {
        correlationId: caseNo,
      });
    },
    /** Acceptance and the review service's reaction to it (OpenReview), played by hand here. */
    async accept(caseNo: string, item: ServiceItemVersion): Promise<void> {
      const accepted = await desk.intake(
        caseNo,
        'AcceptApplication',
        { acceptanceDocumentNo: `HP-SL-${caseNo}` },
        people.clerk,
      );
      const acceptance = accepted.events[0];
      if (!acceptance) throw new Error('no acceptance event');
      const d = acceptance.data as {
        promisedDeadline: string;
        statutoryDeadline: string;
        clockStartsAt: string;
      };
      await desk.review(
        caseNo,
        'OpenReview',
        {
          caseNo,
          item,
          category: item.category,
          acceptingUnit: 'huangpu-window',
          promisedDeadline: d.promisedDeadline,
          statutoryDeadline: d.statutoryDeadline,
          acceptedAt: d.clockStartsAt,
          causationEventId: acceptance.id,
        },
        people.review,
      );
    },
    /** The decision and intake's reaction to it (RecordDecision). */
    async decide(caseNo: string, data: Extract<ReviewCommand, { type: 'Decide' }>['data'], actor: Actor) {
      const decided = await desk.review(caseNo, 'Decide', data, actor);
      const decision = decided.events[0];
      if (!decision) throw new Error('no decision event');
      const d = decision.data as {
        outcome: 'approved' | 'refused';
        certificate?: Certificate;
        reason?: string;
      };
      await desk.intake(
        caseNo,
        'RecordDecision',
        {
          outcome: d.outcome,
          ...(d.certificate === undefined ? {} : { certificate: d.certificate }),
          ...(d.reason === undefined ? {} : { reason: d.reason }),
          decidedAt: decision.occurredAt,
          reviewEventId: decision.id,
        },
        people.intake,
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
  };
  return desk;
}
export type Desk = ReturnType<typeof createDesk>;
