import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  advanceTimePast,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  person,
  reviewOpened,
  submit,
  until,
} from '../src';

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

interface PublicStatus {
  status: string;
  statusText: string;
  statusReason?: string;
  correctionDeadline: string | null;
  acceptedAt: string | null;
  promisedDeadline: string | null;
  result: { outcome: string } | null;
}

interface CaseView {
  status: string;
  outcome: string | null;
  acceptingUnit: string | null;
  acceptedAt: string | null;
  submittedAt: string;
  promisedDeadline: string | null;
  statusReason?: string;
}

/**
 * The time before acceptance, through HTTP on a real embedded docket with domain time moved: the intake
 * timers (services/intake/src/timers) expire a correction whose supplement deadline passed, and accept by
 * operation of law an application whose correction window (行政许可法 Art. 32, five working days) closed
 * untouched, after reminding the window unit a working day before.
 */
describe('before acceptance: the correction deadline and 行政许可法 Art. 32 (embedded)', () => {
  let dir: ReturnType<typeof tempDir>;
  let docket: Embedded;
  let ledger: EventStore;
  let d: Desks;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-before-acceptance-');
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, timerIntervalMs: 100 });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    d = desks(new DocketClient(docket.url));
  }, 60_000);

  afterAll(async () => {
    await ledger?.close();
    await docket?.close();
    dir?.cleanup();
  });

  const events = (caseNo: string) => ledger.readStream(`application-${caseNo}`);
  const eventOf = async (caseNo: string, type: string) => (await events(caseNo)).find((e) => e.type === type);
  const lookup = async (caseNo: string, queryCode: string) =>
    expectStatus(
      'status lookup',
      await d.applicant.post<PublicStatus>('/api/public/status-lookup', { caseNo, queryCode }),
      200,
    ).body;
  const caseView = async (caseNo: string) =>
    expectStatus('the case', await d.clerk.get<CaseView>(`/api/cases/${caseNo}`), 200).body;

  it('a correction whose supplement deadline passed ends as expired, says why, and refuses a late supplement', async () => {
    const { caseNo, queryCode } = await submit(d.clerk, { applicant: person, materials: [] });
    expectStatus(
      'correction',
      await d.clerk.post(`/api/applications/${caseNo}/correction-request`, { deficient: [] }),
      200,
    );
    const { correctionDeadline } = await lookup(caseNo, queryCode);
    expect(correctionDeadline).not.toBeNull();

    await advanceTimePast(d.admin, correctionDeadline!);
    const expired = await until('the correction expired', async () => {
      const view = await caseView(caseNo);
      return view.status === 'correction_expired' ? view : undefined;
    });
    expect(expired.outcome).toBe('rejected_after_correction_expired');
    expect(expired.statusReason).toMatch(/补正期限已过/);

    // Recorded once, by the intake service's timer, with the deadline that passed.
    const recorded = (await events(caseNo)).filter((e) => e.type === 'CorrectionExpired');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.actor.id).toBe('system:intake');
    expect(Date.parse((recorded[0]!.data as { supplementDeadline: string }).supplementDeadline)).toBe(
      Date.parse(correctionDeadline!),
    );

    // The applicant's status: expired, why, and the deadline that passed.
    const status = await lookup(caseNo, queryCode);
    expect(status).toMatchObject({
      status: 'correction_expired',
      result: { outcome: 'rejected_after_correction_expired' },
      correctionDeadline,
    });
    expect(status.statusReason).toMatch(/补正期限已过.*逾期未补正/);

    // A supplement now is refused, naming the rule and the deadline.
    const late = expectProblem(
      await d.clerk.post(`/api/applications/${caseNo}/supplements`, {
        materials: [{ code: 'form', count: 1, form: 'original' }],
      }),
      422,
      'SupplementDeadlinePassed',
    );
    expect(late.details).toMatchObject({ rule: 'supplement_deadline' });
    expect(Date.parse(late.details!.deadline as string)).toBe(Date.parse(correctionDeadline!));
    expect((await events(caseNo)).filter((e) => e.type === 'MaterialsSupplemented')).toHaveLength(0);
  });

  it('an application untouched for five working days is reminded, then accepted by operation of law from its submission', async () => {
    const { caseNo, queryCode } = await submit(d.clerk, { applicant: person });
    const submitted = await eventOf(caseNo, 'ApplicationSubmitted');
    const {
      at: submittedAt,
      correctionWindowClosesAt,
      correctionWindowReminderAt,
    } = submitted!.data as {
      at: string;
      correctionWindowClosesAt: string;
      correctionWindowReminderAt: string;
    };
    expect(Date.parse(correctionWindowReminderAt)).toBeLessThan(Date.parse(correctionWindowClosesAt));

    // A working day before the window closes: the window unit is reminded, once.
    await advanceTimePast(d.admin, correctionWindowReminderAt);
    const reminder = await until('the reminder', () => eventOf(caseNo, 'CorrectionWindowReminderIssued'));
    expect(reminder.actor.id).toBe('system:intake');
    expect(reminder.data).toMatchObject({ windowUnit: 'huangpu-window' });
    expect((await caseView(caseNo)).status).toBe('submitted');

    // The window closes untouched: accepted by operation of law, the window unit answerable.
    await advanceTimePast(d.admin, correctionWindowClosesAt);
    const acceptance = await until('the acceptance by operation of law', () =>
      eventOf(caseNo, 'ApplicationAccepted'),
    );
    expect(acceptance.actor.id).toBe('system:intake');
    expect(acceptance.data).toMatchObject({
      acceptedOnReceipt: true,
      byOperationOfLaw: true,
      acceptingUnit: 'huangpu-window',
      clockStartsAt: submittedAt,
    });
    const events_ = await events(caseNo);
    expect(events_.filter((e) => e.type === 'CorrectionWindowReminderIssued')).toHaveLength(1);
    expect(events_.filter((e) => e.type === 'ApplicationAccepted')).toHaveLength(1);

    // The review opens and the clock runs from the submission.
    await reviewOpened(d.officer, caseNo);
    const clockStarted = await until('the clock', async () =>
      (await ledger.readStream(`clock-${caseNo}`)).find((e) => e.type === 'ClockStarted'),
    );
    expect(Date.parse((clockStarted.data as { startedAt: string }).startedAt)).toBe(Date.parse(submittedAt));

    const view = await until('the case view', async () => {
      const v = await caseView(caseNo);
      return v.status === 'in_review' ? v : undefined;
    });
    expect(Date.parse(view.acceptedAt!)).toBe(Date.parse(submittedAt));
    expect(view.acceptingUnit).toBe('huangpu-window');
    expect(view.statusReason).toMatch(/第三十二条/);
    const status = await lookup(caseNo, queryCode);
    expect(Date.parse(status.acceptedAt!)).toBe(Date.parse(submittedAt));
    expect(status.statusReason).toMatch(/自收到申请材料之日起即为受理/);

    // The window may no longer send a correction notice.
    expectProblem(
      await d.clerk.post(`/api/applications/${caseNo}/correction-request`, { deficient: [] }),
      409,
      'ApplicationAlreadyAccepted',
    );
  });
});
