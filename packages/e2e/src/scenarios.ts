import { intake, review } from '@docket/contracts';
import { clockStreamName } from '@docket/domain';
import { demoCatalogue } from '@docket/embedded';
import type { EventStore } from '@docket/event-store';
import type { Answer, Desk, DocketClient } from './client';

/** The seeded users the scenarios act as (packages/identity/src/demo.ts). */
export const users = {
  admin: 'u-admin',
  clerk: 'u-clerk-wang',
  officer: 'u-officer-li',
  reviewer: 'u-reviewer-chen',
  head: 'u-head-zhou',
  planningOfficer: 'u-officer-he',
  planningReviewer: 'u-reviewer-ma',
  planningHead: 'u-head-guo',
  fireOfficer: 'u-officer-xu',
  fireHead: 'u-head-lin',
  monitor: 'u-monitor-sun',
  auditor: 'u-auditor-wu',
  applicant: 'u-applicant-liu',
} as const;

export const FOOD_LICENCE = '310101-FOOD-BL';
export const BUILDING_PERMIT = '310101-PLAN-BP';
/** Everything the demo building permit asks for: a joint case that can be accepted at once. */
export const BUILDING_PERMIT_MATERIALS = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'drawings', count: 2, form: 'original' },
  { code: 'land', count: 1, form: 'copy' },
];

export class UnexpectedAnswer extends Error {
  constructor(
    readonly step: string,
    readonly answer: Answer,
  ) {
    super(`${step}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** The answer, if it has the expected status; else an error naming the step and what came back. */
export function expectStatus<T>(step: string, answer: Answer<T>, status: number): Answer<T> {
  if (answer.status !== status) throw new UnexpectedAnswer(step, answer);
  return answer;
}

/** Polls until `ready` holds: reactions (review opening, decision recorded) run asynchronously. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 40)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export const company = {
  type: 'company',
  name: '上海小笼包餐饮有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91310101MA1FL000UX',
  phone: '13800000000',
} as const;

export const person = {
  type: 'person',
  name: '张三',
  idType: 'resident_id',
  idNumber: '310101199001011234',
  phone: '13912345678',
  address: '上海市黄浦区南京东路100号',
} as const;

export const allFoodMaterials: { code: string; count: number; form: 'original' | 'copy' }[] = [
  { code: 'form', count: 1, form: 'original' },
  { code: 'licence', count: 1, form: 'copy' },
  { code: 'layout', count: 1, form: 'original' },
];

export interface Submitted {
  caseNo: string;
  queryCode: string;
  position: string;
}

/** Every desk a scenario needs, from one client. */
export function desks(client: DocketClient) {
  return Object.fromEntries(Object.entries(users).map(([key, id]) => [key, client.as(id)])) as Record<
    keyof typeof users,
    Desk
  >;
}

export type Desks = ReturnType<typeof desks>;

export async function submit(
  clerk: Desk,
  options: { itemCode?: string; materials?: unknown[]; applicant?: unknown } = {},
): Promise<Submitted> {
  const answer = await clerk.call(intake.submit, {
    body: {
      itemCode: options.itemCode ?? FOOD_LICENCE,
      applicant: (options.applicant ?? company) as typeof company,
      channel: 'window',
      materials: (options.materials ?? allFoodMaterials) as typeof allFoodMaterials,
    },
  });
  const { caseNo, queryCode, position } = expectStatus('submit', answer, 201).body;
  return { caseNo, queryCode, position: position ?? '' };
}

/** The review is opened by a reaction to the acceptance: wait until the department has its task. */
export function reviewOpened(desk: Desk, caseNo: string): Promise<{ revision: string }> {
  return until(`the review of ${caseNo}`, async () => {
    const answer = await desk.call(review.review, { params: { caseNo } });
    return answer.status === 200 && answer.body.review.status === 'open'
      ? { revision: answer.body.revision ?? '' }
      : undefined;
  });
}

/**
 * The last write an acceptance causes: monitoring starts the case's clock once the review has opened.
 * A test that checks the ledger is unchanged from here on waits for it first.
 */
export function clockStarted(ledger: Pick<EventStore, 'streamRevision'>, caseNo: string): Promise<true> {
  return until(`the clock of ${caseNo}`, async () =>
    (await ledger.streamRevision(clockStreamName(caseNo))) !== undefined ? true : undefined,
  );
}

/** The decision is recorded on the application by a reaction: wait until the window may deliver. */
export function resultReady(clerk: Desk, caseNo: string): Promise<unknown> {
  return until(`the result of ${caseNo} at the window`, async () => {
    const answer = await clerk.call(intake.case, { params: { caseNo } });
    return answer.status === 200 && answer.body.resultReadyAt !== null ? answer.body : undefined;
  });
}

export const certificateFor = (caseNo: string) => ({
  name: '食品经营许可证',
  number: `JY3${caseNo.replaceAll('-', '')}`,
  validUntil: '2031-12-01',
});

/**
 * A promised case straight through (the benchmark's lifecycle): submit → accept → 承办 → 审核 → 批准
 * (the decision) → delivery, six commands, waiting for the two reactions in between.
 */
export async function straightThrough(d: Desks): Promise<string> {
  const { caseNo } = await submit(d.clerk);
  expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
  await reviewOpened(d.officer, caseNo);
  await step(d.officer, caseNo, 0, 'pass', '材料齐全，现场核查合格');
  await step(d.reviewer, caseNo, 1, 'pass', '同意');
  expectStatus(
    'decide',
    await d.head.call(review.decide, {
      params: { caseNo },
      body: { outcome: 'approved', opinion: '准予许可', certificate: certificateFor(caseNo) },
    }),
    200,
  );
  await resultReady(d.clerk, caseNo);
  await deliver(d.clerk, caseNo);
  return caseNo;
}

export async function step(
  desk: Desk,
  caseNo: string,
  stepIndex: number,
  outcome: 'pass' | 'return',
  opinion: string,
) {
  return expectStatus(
    `step ${stepIndex} ${outcome}`,
    await desk.call(review.completeStep, { params: { caseNo }, body: { stepIndex, outcome, opinion } }),
    200,
  );
}

export async function deliver(clerk: Desk, caseNo: string) {
  return expectStatus(
    'deliver',
    await clerk.call(intake.deliver, {
      params: { caseNo },
      body: { method: 'window_pickup', recipient: { name: '刘洋', relation: 'agent' } },
    }),
    200,
  );
}

/** The demo catalogue through the API, as the administrator (the networked mode has no seeding of its own). */
export async function seedDemoCatalogue(admin: Desk): Promise<void> {
  for (const item of demoCatalogue) {
    const answer = await admin.post('/api/catalogue/items', { item });
    if (answer.status !== 201 && answer.status !== 409)
      throw new UnexpectedAnswer(`define ${item.code}`, answer);
  }
}

/** The review's three steps and the head's approval: what takes an accepted case to its decision. */
export async function reviewAndApprove(d: Desks, caseNo: string): Promise<void> {
  await reviewOpened(d.officer, caseNo);
  await step(d.officer, caseNo, 0, 'pass', '材料齐全，现场核查合格');
  await step(d.reviewer, caseNo, 1, 'pass', '同意');
  expectStatus(
    'decide',
    await d.head.call(review.decide, {
      params: { caseNo },
      body: { outcome: 'approved', opinion: '准予许可', certificate: certificateFor(caseNo) },
    }),
    200,
  );
}

/** Moves domain time forward (embedded mode, tests) as the administrator, to just after an instant. */
export async function advanceTimePast(admin: Desk, instant: string): Promise<void> {
  const { body } = await admin.get<{ now: string }>('/api/dev/time');
  const minutes = Math.ceil((Date.parse(instant) - Date.parse(body.now)) / 60_000) + 1;
  if (minutes > 0) expectStatus('advance time', await admin.post('/api/dev/time/advance', { minutes }), 200);
}
