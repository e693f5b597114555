import { createHash } from 'node:crypto';
import { createCommandHandler } from '@docket/command-handling';
import {
  type Actor,
  applicationStreamName,
  type Command,
  catalogueItemDecider,
  catalogueStreamName,
  createApplicationDecider,
  createReviewDecider,
  createWorkingCalendar,
  nationalHolidaySchedules,
  reviewStreamName,
  serviceItemForIntake,
} from '@docket/domain';
import type { EventStore, RecordedEvent, VerifyResult } from '@docket/event-store';
import { foodBusinessLicence, people } from './demo-data';

export interface WalkthroughResult {
  caseNo: string;
  events: RecordedEvent[];
  verified: VerifyResult;
}

/**
 * One promised case from submission to delivery, through the real deciders and the real ledger, with
 * domain time advanced in working minutes (so the deadlines shown follow the 2026 holiday schedule).
 * The services milestone replaces the direct calls below with commands over the bus; the reactions
 * written out here (acceptance opens the review, the decision flows back to intake) become theirs.
 */
export async function runWalkthrough(
  store: EventStore,
  print: (line: string) => void,
): Promise<WalkthroughResult> {
  const calendar = createWorkingCalendar(nationalHolidaySchedules);
  const catalogue = createCommandHandler({ store, decider: catalogueItemDecider });
  const applications = createCommandHandler({ store, decider: createApplicationDecider({ calendar }) });
  const reviews = createCommandHandler({ store, decider: createReviewDecider({ calendar }) });

  let now = '2026-02-10T09:30:00+08:00';
  const advance = (workingMinutes: number) => {
    now = calendar.addWorkingMinutes(now, workingMinutes);
  };
  // The command type comes from where it is used (each handler's command union), so payloads are checked.
  const command = <C extends Command>(type: C['type'], data: C['data'], actor: Actor): C =>
    ({ type, data, metadata: { now, actor } }) as C;

  const itemStream = catalogueStreamName(foodBusinessLicence.code);
  if ((await store.streamRevision(itemStream)) === undefined) {
    await catalogue.handle(
      itemStream,
      command('DefineServiceItem', { item: foodBusinessLicence }, people.admin),
    );
  }
  const item = serviceItemForIntake((await catalogue.load(itemStream)).state);

  const submitted = await store.readAll({ filter: { eventTypes: ['ApplicationSubmitted'] } });
  const caseNo = `2026-310101-${String(submitted.length + 1).padStart(6, '0')}`;
  const application = applicationStreamName(caseNo);
  const review = reviewStreamName(caseNo);
  const onCase = { correlationId: caseNo, channel: 'window' };
  const queryCode = `Q${caseNo.slice(-6)}`;
  const queryCodeHash = createHash('sha256').update(queryCode).digest('hex');

  await applications.handle(
    application,
    command(
      'SubmitApplication',
      {
        caseNo,
        item,
        applicant: {
          type: 'company',
          name: '上海小笼包餐饮有限公司',
          idType: 'unified_social_credit_code',
          idNumber: '91310101MA1FL0000X',
          phone: '13800000000',
        },
        channel: 'window',
        materials: [
          { code: 'form', count: 1, form: 'original' },
          { code: 'licence', count: 1, form: 'copy' },
        ],
        queryCodeHash,
      },
      people.clerk,
    ),
    onCase,
  );
  advance(30);
  // 一次性告知: one notice lists everything missing (the layout) and the deficient licence copy.
  await applications.handle(
    application,
    command(
      'RequestCorrection',
      { deficient: [{ code: 'licence', reason: '复印件不清晰 copy unreadable' }] },
      people.clerk,
    ),
    onCase,
  );
  advance(2 * 420);
  await applications.handle(
    application,
    command(
      'SupplementMaterials',
      {
        materials: [
          { code: 'licence', count: 1, form: 'copy' },
          { code: 'layout', count: 1, form: 'original' },
        ],
      },
      people.applicant,
    ),
    onCase,
  );
  advance(60);
  const accepted = await applications.handle(
    application,
    command('AcceptApplication', { acceptanceDocumentNo: `HP-SL-${caseNo}` }, people.clerk),
    onCase,
  );
  const acceptance = accepted.events[0]!;
  const acceptedData = acceptance.data as {
    promisedDeadline: string;
    statutoryDeadline: string;
    clockStartsAt: string;
  };

  // The review service's reaction to the acceptance.
  await reviews.handle(
    review,
    command(
      'OpenReview',
      {
        caseNo,
        item,
        category: 'promised',
        acceptingUnit: people.clerk.department,
        promisedDeadline: acceptedData.promisedDeadline,
        statutoryDeadline: acceptedData.statutoryDeadline,
        acceptedAt: acceptedData.clockStartsAt,
        causationEventId: acceptance.id,
      },
      people.review,
    ),
    { ...onCase, causationId: acceptance.id },
  );
  advance(420);
  await reviews.handle(
    review,
    command(
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: '材料齐全，现场核查合格' },
      people.officer,
    ),
    onCase,
  );
  advance(300);
  await reviews.handle(
    review,
    command(
      'CompleteStep',
      { stepIndex: 1, outcome: 'return', opinion: '布局图未标注清洗消毒区，请补充核查' },
      people.reviewer,
    ),
    onCase,
  );
  advance(240);
  await reviews.handle(
    review,
    command(
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: '已补充核查清洗消毒区' },
      people.officer,
    ),
    onCase,
  );
  advance(200);
  await reviews.handle(
    review,
    command('CompleteStep', { stepIndex: 1, outcome: 'pass', opinion: '同意' }, people.reviewer),
    onCase,
  );
  advance(120);
  const decided = await reviews.handle(
    review,
    command(
      'Decide',
      {
        outcome: 'approved',
        opinion: '准予许可',
        certificate: {
          name: '食品经营许可证',
          number: `JY3${caseNo.replaceAll('-', '')}`,
          validUntil: '2031-02-09',
        },
      },
      people.head,
    ),
    onCase,
  );
  const decision = decided.events[0]!;
  const decisionData = decision.data as { certificate: { name: string; number: string; validUntil: string } };

  // The intake service's reaction to the decision.
  await applications.handle(
    application,
    command(
      'RecordDecision',
      {
        outcome: 'approved',
        certificate: decisionData.certificate,
        decidedAt: decision.occurredAt,
        reviewEventId: decision.id,
      },
      people.intake,
    ),
    { ...onCase, causationId: decision.id },
  );
  advance(60);
  await applications.handle(
    application,
    command(
      'DeliverResult',
      { method: 'window_pickup', recipient: { name: '刘洋', relation: 'agent' } },
      people.clerk,
    ),
    onCase,
  );

  const events = (await store.readAll()).filter((e) => e.correlationId === caseNo);
  for (const e of events) print(timelineLine(e));
  print('');
  print(
    `promised deadline ${acceptedData.promisedDeadline} · statutory deadline ${acceptedData.statutoryDeadline}`,
  );
  print(`applicant's query code: ${queryCode} (only its sha256 is in the ledger)`);
  const verified = await store.verify();
  return { caseNo, events, verified };
}

function timelineLine(e: RecordedEvent): string {
  const when = e.occurredAt.slice(0, 16).replace('T', ' ');
  const reason = e.reason ? `  «${e.reason}»` : '';
  return `#${String(e.position).padStart(4)}  ${when}  ${e.stream.padEnd(28)} ${e.type.padEnd(22)} ${e.actor.name}${reason}  ${e.hash.slice(0, 12)}…`;
}
