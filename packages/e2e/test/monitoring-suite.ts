import {
  CaseClockSchema,
  DepartmentTilesSchema,
  FeedSchema,
  ItemFiguresListSchema,
  OpenWarningPageSchema,
} from '@docket/contracts';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advanceTimePast,
  type Desks,
  DocketClient,
  deliver,
  desks,
  expectStatus,
  resultReady,
  reviewAndApprove,
  reviewOpened,
  submit,
  until,
} from '../src';
import { conforms, got } from './conformance';
import type { RunningDocket } from './lifecycle-suite';
import { deemedOutcomes } from './monitoring-deemed';
import { hearingAcrossHolidays } from './monitoring-hearing';

/** A running docket whose monitoring service a test can restart (embedded: the whole process). */
export interface MonitoredDocket extends RunningDocket {
  restartMonitoring(): Promise<void>;
}

/** What the parts of the suite share: the docket and its desks, once `beforeAll` has run. */
export interface MonitoringContext {
  docket(): MonitoredDocket;
  desks(): Desks;
}

interface ClockView {
  clock: {
    status: string;
    promised: { deadline: string; reminderAt: string | null; yellowAt: string; redAt: string };
  };
}
interface Warning {
  caseNo: string;
  level: string;
  scope: string;
}
interface FeedItem {
  caseNo: string;
  kind: string;
  details: { scope?: string };
}

const clockEvents = async (ledger: EventStore, caseNo: string): Promise<RecordedEvent[]> =>
  ledger.readStream(`clock-${caseNo}`);

/**
 * 电子监察 through the API with domain time moved forward: a case's clock, its reminder, yellow and red
 * cards, their withdrawal when the case is decided, and the dashboards.
 */
export function monitoringSuite(mode: string, start: () => Promise<MonitoredDocket>) {
  describe(`electronic monitoring with domain time moved (${mode})`, () => {
    let docket: MonitoredDocket;
    let d: Desks;

    beforeAll(async () => {
      docket = await start();
      d = desks(new DocketClient(docket.url));
    }, 60_000);

    afterAll(async () => {
      await docket?.close();
    });

    it('a promised case overruns into reminder, yellow, red; decided, its cards are withdrawn', async () => {
      const { caseNo } = await submit(d.clerk);
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, caseNo);
      const started = await until('the clock of the case', async () => {
        const answer = await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`);
        return answer.body?.clock?.status === 'running' ? answer.body : undefined;
      });
      const { promised } = started.clock;
      expect(promised.reminderAt).not.toBeNull();

      const caseWarnings = async () =>
        ((await d.monitor.get<{ items: Warning[] }>('/api/monitoring/warnings')).body.items ?? []).filter(
          (w) => w.caseNo === caseNo && w.scope === 'case',
        );
      const feedKinds = async () =>
        ((await d.monitor.get<FeedItem[]>('/api/monitoring/feed')).body ?? [])
          .filter((f) => f.caseNo === caseNo && (f.details.scope ?? 'case') === 'case')
          .map((f) => f.kind);

      // 提醒: a working day before the promised deadline.
      await advanceTimePast(d.admin, promised.reminderAt!);
      await until('the reminder', async () => ((await feedKinds()).includes('reminder') ? true : undefined));
      expect(await caseWarnings()).toEqual([]);

      // 黄牌: more than a working day overdue.
      await advanceTimePast(d.admin, promised.yellowAt);
      const yellow = await until('the yellow card', async () => {
        const up = await caseWarnings();
        return up.length > 0 ? up : undefined;
      });
      expect(yellow.map((w) => w.level)).toEqual(['yellow']);

      // 红牌: more than two, superseding the yellow.
      await advanceTimePast(d.admin, promised.redAt);
      const red = await until('the red card', async () => {
        const up = await caseWarnings();
        return up.some((w) => w.level === 'red') ? up : undefined;
      });
      expect(red.map((w) => w.level)).toEqual(['red']);
      // The market's tile now: the case open, overdue, its red card up (the yellow was superseded).
      interface Tile {
        department: string;
        inProgress: number;
        overdue: number;
        cardsUp: { yellow: number; red: number };
      }
      const marketNow = async () => {
        const tiles = await d.monitor.get<Tile[]>('/api/monitoring/tiles?from=2020-01-01&to=2020-01-01');
        return tiles.body.find?.((t) => t.department === 'huangpu-market');
      };
      const during = await until('the overdue tile', async () => {
        const market = await marketNow();
        return market && market.overdue >= 1 && market.cardsUp.red >= 1 ? market : undefined;
      });
      expect(during.inProgress).toBeGreaterThanOrEqual(1);

      // Decided: the clock stops and every card comes down (摘牌), recorded as events.
      await reviewAndApprove(d, caseNo);
      await until('the cards withdrawn', async () =>
        (await caseWarnings()).length === 0 ? true : undefined,
      );
      // Its tile counts one case and one red card fewer (the case's red; its step's came down too).
      const after = await until('the tile without the case', async () => {
        const market = await marketNow();
        return market && market.inProgress === during.inProgress - 1 ? market : undefined;
      });
      expect(after.overdue).toBe(during.overdue - 1);
      expect(after.cardsUp.red).toBeLessThan(during.cardsUp.red);
      await until('the case completed in the feed', async () =>
        (await feedKinds()).includes('case_completed') ? true : undefined,
      );
      // The department's head sees its department's feed; a street's monitor sees none of this case.
      const headFeed = (
        await d.head.get<(FeedItem & { department: string | null })[]>('/api/monitoring/feed')
      ).body;
      expect(headFeed.some((f) => f.caseNo === caseNo)).toBe(true);
      expect(headFeed.every((f) => f.department === 'huangpu-market' || f.department === null)).toBe(true);
      const street = new DocketClient(docket.url).as('u-monitor-jiang');
      const streetFeed = (await street.get<FeedItem[]>('/api/monitoring/feed')).body;
      expect(streetFeed.filter((f) => f.caseNo === caseNo)).toEqual([]);
      const types = (await clockEvents(docket.ledger, caseNo)).map((e) => e.type);
      expect(
        types.filter((t) => t === 'ReminderIssued' || t.endsWith('CardRaised') || t === 'CardWithdrawn'),
      ).toEqual(
        expect.arrayContaining(['ReminderIssued', 'YellowCardRaised', 'RedCardRaised', 'CardWithdrawn']),
      );
      expect(types.indexOf('YellowCardRaised')).toBeLessThan(types.indexOf('RedCardRaised'));
      expect(types.at(-1)).toBe('CardWithdrawn');
      expect(types).toContain('ClockStopped');
      // Each warning once, though the timers looked every moment.
      expect(types.filter((t) => t === 'RedCardRaised').length).toBeLessThanOrEqual(2); // the case's and step 0's
      await resultReady(d.clerk, caseNo);
      await deliver(d.clerk, caseNo);

      // The dashboards: the market department's tile counts the case closed late, with its cards.
      const day = (await d.admin.get<{ now: string }>('/api/dev/time')).body.now.slice(0, 10);
      const tiles = await until('the tile', async () => {
        const answer = await d.monitor.get<
          { department: string; closed: number; red: number; onTimeRate: number | null }[]
        >(`/api/monitoring/tiles?from=2020-01-01&to=${day}`);
        const market = answer.body.find?.((t) => t.department === 'huangpu-market');
        return market && market.closed >= 1 ? market : undefined;
      });
      expect(tiles.red).toBeGreaterThanOrEqual(1);
      expect(tiles.onTimeRate).toBeLessThan(1);
      // A clerk is no watcher.
      expect((await d.clerk.get('/api/monitoring/tiles?from=2020-01-01&to=2020-01-02')).status).toBe(403);
    });

    const context: MonitoringContext = { docket: () => docket, desks: () => d };
    hearingAcrossHolidays(context);
    deemedOutcomes(context);

    it('answers every monitoring route as its OpenAPI schema says, field for field', async () => {
      const get = got;

      // A case left to overrun, so that its cards are up while the dashboards are read.
      const { caseNo } = await submit(d.clerk);
      expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
      await reviewOpened(d.officer, caseNo);
      const started = await until('the clock of the case', async () => {
        const answer = await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`);
        return answer.body?.clock?.status === 'running' ? answer.body : undefined;
      });
      conforms('running clock', CaseClockSchema, started);
      await advanceTimePast(d.admin, started.clock.promised.redAt);
      await until('the red card', async () => {
        const { items } = (await get(d.monitor, '/api/monitoring/warnings')) as { items: Warning[] };
        return items.some((w) => w.caseNo === caseNo && w.level === 'red') ? true : undefined;
      });
      const { caseNo: waiting } = await submit(d.clerk);

      conforms('warnings', OpenWarningPageSchema, await get(d.monitor, '/api/monitoring/warnings'));
      conforms(
        'warnings of a department',
        OpenWarningPageSchema,
        await get(d.head, '/api/monitoring/warnings?department=huangpu-market&offset=0&limit=5'),
      );
      const day = ((await get(d.admin, '/api/dev/time')) as { now: string }).now.slice(0, 10);
      const period = `from=2020-01-01&to=${day}`;
      conforms('tiles', DepartmentTilesSchema, await get(d.monitor, `/api/monitoring/tiles?${period}`));
      conforms(
        'tiles of an empty day',
        DepartmentTilesSchema,
        await get(d.auditor, '/api/monitoring/tiles?from=2020-01-01&to=2020-01-01'),
      );
      const items = await get(d.monitor, `/api/monitoring/items?${period}`);
      conforms('items', ItemFiguresListSchema, items);
      expect((items as unknown[]).length).toBeGreaterThan(0);
      conforms(
        'items of a department',
        ItemFiguresListSchema,
        await get(d.head, `/api/monitoring/items?${period}&department=huangpu-market`),
      );
      const feed = (await get(d.monitor, '/api/monitoring/feed')) as { caseNo: string; kind: string }[];
      conforms('feed', FeedSchema, feed);
      conforms('feed after 1', FeedSchema, await get(d.monitor, '/api/monitoring/feed?after=1'));
      conforms('feed (head)', FeedSchema, await get(d.head, '/api/monitoring/feed'));
      const kinds = new Set(feed.map((f) => f.kind));
      expect([...kinds]).toEqual(expect.arrayContaining(['reminder', 'yellow_card', 'red_card']));
      // Clocks overrun, stopped, and not started (a case not accepted yet).
      conforms('overrun clock', CaseClockSchema, await get(d.monitor, `/api/monitoring/clocks/${caseNo}`));
      for (const done of new Set(feed.filter((f) => f.kind === 'case_completed').map((f) => f.caseNo)))
        conforms(
          `stopped clock ${done}`,
          CaseClockSchema,
          await get(d.auditor, `/api/monitoring/clocks/${done}`),
        );
      conforms('no clock yet', CaseClockSchema, await get(d.monitor, `/api/monitoring/clocks/${waiting}`));
    });
  });
}
