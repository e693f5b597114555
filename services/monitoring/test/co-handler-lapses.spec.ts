import { join } from 'node:path';
import type { RecordedEvent } from '@docket/event-store';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CARDS,
  CARDS_UP,
  type CardDocument,
  type CardsUpDocument,
  warningsProjection,
} from '../src/views/warnings.projection';

const projection = warningsProjection('Asia/Shanghai');
const by = { id: 'system:monitoring', name: 'monitoring' };

/**
 * 协办超期 as an open warning: a joint building permit (lead: planning) whose co-handlers 消防 and 市场监管
 * let their five working days pass. The warning is the co-handler's until it answers or the case stops;
 * it is counted apart from the cards (a lapse is no card: the lamp's yellow and red stay the cards').
 */
describe('the open warnings: a co-handler past its limit', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: ReadModelStore;
  let position = 0n;

  const event = (type: string, data: Record<string, unknown>): RecordedEvent => {
    position += 1n;
    return {
      id: `e${position}`,
      type,
      schemaVersion: 1,
      stream: 'clock-20261207-JOINT1',
      revision: position,
      position,
      occurredAt: data.at as string,
      recordedAt: data.at as string,
      actor: { id: by.id, name: by.name, roles: ['system'] },
      data: { ...data, by },
      hash: '',
    };
  };
  const apply = (...events: RecordedEvent[]) =>
    store.applyBatch(projection.name, position, async (tx) => {
      for (const recorded of events) await projection.apply(recorded, tx);
    });
  const lapsed = (department: string, at: string) =>
    event('CoHandlerLimitPassed', {
      department,
      consentDeemedDue: false,
      deadline: '2026-12-07T09:30:00.000Z',
      dueAt: at,
      answerableDepartment: department,
      nextDueAt: null,
      at,
    });
  const open = () => store.find<CardDocument>(CARDS, { where: { up: true } });
  const counted = async (department: string) =>
    (await store.get<CardsUpDocument>(CARDS_UP, department))?.lapses ?? 0;

  beforeEach(async () => {
    dir = tempDir('docket-monitoring-lapses-');
    store = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    await store.ensureCollections(projection.collections);
  });

  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('opens a warning naming the co-handler, with no card level, counted for its department', async () => {
    await apply(lapsed('huangpu-fire', '2026-12-07T10:00:00.000Z'));
    expect(await open()).toEqual([
      expect.objectContaining({
        caseNo: '20261207-JOINT1',
        department: 'huangpu-fire',
        scope: 'co_handler',
        coHandler: 'huangpu-fire',
        level: null,
        deadline: '2026-12-07T09:30:00.000Z',
      }),
    ]);
    expect(await counted('huangpu-fire')).toBe(1);
    const up = await store.get<CardsUpDocument>(CARDS_UP, 'huangpu-fire');
    expect([up?.yellow, up?.red]).toEqual([0, 0]);
  });

  it('closes it when the co-handler answers, and the other stays open', async () => {
    await apply(
      lapsed('huangpu-fire', '2026-12-07T10:00:00.000Z'),
      lapsed('huangpu-market', '2026-12-07T10:00:00.000Z'),
    );
    await apply(
      event('CoHandlerAnswered', {
        department: 'huangpu-fire',
        nextDueAt: null,
        at: '2026-12-08T02:00:00.000Z',
      }),
    );
    expect((await open()).map((w) => w.coHandler)).toEqual(['huangpu-market']);
    expect([await counted('huangpu-fire'), await counted('huangpu-market')]).toEqual([0, 1]);
  });

  it('closes every open lapse when the case stops, and counts a limit passed again once', async () => {
    await apply(
      lapsed('huangpu-fire', '2026-12-07T10:00:00.000Z'),
      lapsed('huangpu-fire', '2026-12-09T10:00:00.000Z'),
    );
    expect(await counted('huangpu-fire')).toBe(1);
    await apply(lapsed('huangpu-market', '2026-12-07T10:00:00.000Z'));
    await apply(
      event('ClockStopped', {
        outcome: 'decided',
        department: 'huangpu-planning',
        itemCode: 'BUILDING',
        usedWorkingDays: 12,
        availableWorkingDays: 20,
        onTime: true,
        early: true,
        nextDueAt: null,
        at: '2026-12-10T02:00:00.000Z',
      }),
    );
    expect(await open()).toEqual([]);
    expect([await counted('huangpu-fire'), await counted('huangpu-market')]).toEqual([0, 0]);
    const closed = await store.get<CardDocument>(CARDS, '20261207-JOINT1:co_handler:huangpu-fire');
    expect(closed?.withdrawnAt).toBe('2026-12-10T02:00:00.000Z');
  });
});
