import { demoCatalogue } from '@docket/embedded';
import type { RecordedEvent } from '@docket/event-store';
import { expect, it } from 'vitest';
import {
  advanceTimePast,
  BUILDING_PERMIT,
  BUILDING_PERMIT_MATERIALS,
  expectStatus,
  person,
  resultReady,
  reviewOpened,
  submit,
  until,
} from '../src';
import type { MonitoringContext } from './monitoring-suite';

/** A food licence under 告知承诺: the statutory limit passing without a decision deems it approved. */
const DEEMED_ITEM = '310101-FOOD-TZ';
const deemedItem = {
  ...demoCatalogue[0]!,
  code: DEEMED_ITEM,
  name: '食品经营许可（告知承诺制）',
  statutoryLimit: { value: 5, unit: 'working_days' },
  promisedLimit: { value: 3, unit: 'working_days' },
  steps: demoCatalogue[0]!.steps.map((step) => ({ ...step, limit: { value: 1, unit: 'working_days' } })),
  deemedApprovalOnTimeout: true,
};

interface ClockView {
  clock: {
    status: string;
    deadlines: { promised: string; statutory: string };
    coHandlers: { department: string; deadline: string; status: string }[];
  };
}

const count = (events: RecordedEvent[], type: string, where: (data: never) => boolean = () => true) =>
  events.filter((e) => e.type === type && where(e.data as never)).length;

/** A restart can leave a delivery to the killed process unacknowledged for JetStream's ack wait (30 s). */
const AFTER_RESTART_MS = 60_000;

/**
 * 超时默认 and 超时默许: the monitoring service asks the review to record what the item deems of a
 * deadline let pass, as the system, once, though the service restarts in between.
 */
export function deemedOutcomes(context: MonitoringContext) {
  it('deems a case approved exactly once, though monitoring restarted in the middle of its deadline', async () => {
    const d = context.desks();
    const docket = context.docket();
    expectStatus('define the item', await d.admin.post('/api/catalogue/items', { item: deemedItem }), 201);
    const { caseNo } = await submit(d.clerk, { itemCode: DEEMED_ITEM });
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.officer, caseNo);
    const clock = async () => (await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`)).body.clock;
    const { deadlines } = await until('the clock', async () =>
      (await clock())?.status === 'running' ? clock() : undefined,
    );
    const clockEvents = () => docket.ledger.readStream(`clock-${caseNo}`);
    const reviewEvents = () => docket.ledger.readStream(`review-${caseNo}`);

    // Half-way: the promised deadline has passed (a yellow card's way), the statutory one not yet.
    await advanceTimePast(d.admin, deadlines.promised);
    await until('the promised deadline passed', async () =>
      count(await clockEvents(), 'DeadlinePassed') === 1 ? true : undefined,
    );
    await docket.restartMonitoring();
    await advanceTimePast(d.admin, deadlines.statutory);
    const deemed = await until(
      'the approval deemed',
      async () => (await reviewEvents()).find((e) => e.type === 'ApprovalDeemed'),
      AFTER_RESTART_MS,
    );
    // The window can deliver it; the responsibility is the accepting window unit's.
    await resultReady(d.clerk, caseNo);
    const opened = (await reviewEvents()).find((e) => e.type === 'ReviewOpened')!;
    const passed = (await clockEvents()).find(
      (e) => e.type === 'DeadlinePassed' && (e.data as { which: string }).which === 'statutory',
    )!;
    expect(deemed.data).toMatchObject({
      outcome: 'deemed_approved',
      deadline: deadlines.statutory,
      responsibleUnit: (opened.data as { acceptingUnit: string }).acceptingUnit,
      causationEventId: passed.id,
      by: { id: 'system:monitoring' },
    });
    expect(passed.data).toMatchObject({ deemedApprovalDue: true });

    // Restarted once more after it fired, the service re-derives its timers and fires nothing again.
    await docket.restartMonitoring();
    await until(
      'the clock stopped',
      async () => ((await clock()).status === 'stopped' ? true : undefined),
      AFTER_RESTART_MS,
    );
    await advanceTimePast(d.admin, new Date(Date.parse(deadlines.statutory) + 3 * 86_400_000).toISOString());
    await until('the monitoring service up to date', async () => {
      const health = await d.monitor.get<{ status: string }>('/api/health');
      return health.status === 200 ? true : undefined;
    });
    expect(count(await reviewEvents(), 'ApprovalDeemed')).toBe(1);
    expect(
      count(await clockEvents(), 'DeadlinePassed', (e: { which: string }) => e.which === 'statutory'),
    ).toBe(1);
    expect(count(await clockEvents(), 'ClockStopped')).toBe(1);
  }, 180_000);

  it('a co-handler that lets its limit pass is deemed to consent; the one that answered is not', async () => {
    const d = context.desks();
    const docket = context.docket();
    const { caseNo } = await submit(d.clerk, {
      itemCode: BUILDING_PERMIT,
      applicant: person,
      materials: BUILDING_PERMIT_MATERIALS,
    });
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.planningOfficer, caseNo);
    const clock = async () => (await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`)).body.clock;
    const started = await until('the clock', async () =>
      (await clock())?.status === 'running' ? clock() : undefined,
    );
    expect(started.coHandlers.map((c) => c.department).sort()).toEqual(['huangpu-fire', 'huangpu-market']);
    expectStatus(
      'fire answers',
      await d.fireOfficer.post(`/api/reviews/${caseNo}/joint-answers`, {
        department: 'huangpu-fire',
        answer: 'agree',
      }),
      200,
    );
    // 市场监管 says nothing within its 5 working days.
    const market = started.coHandlers.find((c) => c.department === 'huangpu-market')!;
    await advanceTimePast(d.admin, market.deadline);
    const deemed = await until('the consent deemed', async () =>
      (await docket.ledger.readStream(`review-${caseNo}`)).find((e) => e.type === 'CoHandlerConsentDeemed'),
    );
    expect(deemed.data).toMatchObject({ department: 'huangpu-market', by: { id: 'system:monitoring' } });
    const review = await d.planningOfficer.get<{
      review: { coHandlers: { department: string; status: string }[] };
    }>(`/api/reviews/${caseNo}`);
    expect(
      Object.fromEntries(review.body.review.coHandlers.map((c) => [c.department, c.status])),
    ).toMatchObject({ 'huangpu-market': 'deemed_consent' });
    // The lead department can now consolidate: the deemed consent counts as agreement.
    expectStatus(
      'consolidate',
      await d.planningHead.post(`/api/reviews/${caseNo}/consolidation`, {
        summary: '消防同意；市场监管逾期未回复，视为同意',
        opinion: '同意',
      }),
      200,
    );
    const events = await docket.ledger.readStream(`review-${caseNo}`);
    expect(count(events, 'CoHandlerConsentDeemed')).toBe(1);
  });
}
