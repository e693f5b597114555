import { join } from 'node:path';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedCases, startOfLocalDay } from '../src/views/calendar-affected';
import { CLOCKS, type ClockDocument, clocksProjection } from '../src/views/clocks.projection';

const ZONE = 'Asia/Shanghai';

const clock = (
  caseNo: string,
  status: ClockDocument['status'],
  promisedDeadline: string,
  statutoryDeadline: string,
): ClockDocument => ({
  id: caseNo,
  caseNo,
  department: 'huangpu-market',
  itemCode: 'ITEM-A',
  itemName: '食品经营许可',
  status,
  startedAt: '2026-04-01T01:00:00.000Z',
  promisedDeadline,
  statutoryDeadline,
  nextDueAt: null,
  caseCard: 'none',
  overdue: false,
  outcome: status === 'stopped' ? 'decided' : null,
  stoppedAt: status === 'stopped' ? '2026-04-20T02:00:00.000Z' : null,
});

describe('the open cases a change of one calendar day may touch', () => {
  const dir = tempDir('docket-monitoring-affected-');
  let store: ReadModelStore;

  beforeAll(async () => {
    store = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    await store.ensureCollections(clocksProjection.collections);
    await store.applyBatch(clocksProjection.name, 1n, (tx) => {
      // 2026-05-06 begins at 2026-05-05T16:00Z in Shanghai.
      tx.put(CLOCKS, clock('C-BEFORE', 'running', '2026-04-28T09:30:00.000Z', '2026-05-05T09:30:00.000Z'));
      tx.put(CLOCKS, clock('C-SAME-DAY', 'running', '2026-05-06T01:00:00.000Z', '2026-05-06T01:00:00.000Z'));
      tx.put(CLOCKS, clock('C-STATUTORY', 'paused', '2026-05-04T09:30:00.000Z', '2026-05-20T09:30:00.000Z'));
      tx.put(CLOCKS, clock('C-LATER', 'running', '2026-05-12T09:30:00.000Z', '2026-05-28T09:30:00.000Z'));
      tx.put(CLOCKS, clock('C-CLOSED', 'stopped', '2026-05-12T09:30:00.000Z', '2026-05-28T09:30:00.000Z'));
    });
  });

  afterAll(async () => {
    await store.close();
    dir.cleanup();
  });

  it('starts the day at local midnight', () => {
    expect(startOfLocalDay('2026-05-06', ZONE)).toBe('2026-05-05T16:00:00.000Z');
    expect(startOfLocalDay('2026-05-06', 'UTC')).toBe('2026-05-06T00:00:00.000Z');
  });

  it('answers the running and paused cases with a deadline on or after the day, nearest promise first', async () => {
    const answer = await affectedCases(store, '2026-05-06', ZONE);
    expect(answer.total).toBe(3);
    expect(answer.cases.map((c) => c.caseNo)).toEqual(['C-STATUTORY', 'C-SAME-DAY', 'C-LATER']);
    expect(answer.cases[0]).toEqual({
      caseNo: 'C-STATUTORY',
      department: 'huangpu-market',
      itemName: '食品经营许可',
      status: 'paused',
      promisedDeadline: '2026-05-04T09:30:00.000Z',
      statutoryDeadline: '2026-05-20T09:30:00.000Z',
    });
  });

  it('lists at most the limit but counts them all', async () => {
    const answer = await affectedCases(store, '2026-05-06', ZONE, undefined, 1);
    expect(answer.total).toBe(3);
    expect(answer.cases).toHaveLength(1);
  });

  it("lists only the cases of the asker's reach (a street's administrator, not the district's market)", async () => {
    expect((await affectedCases(store, '2026-05-06', ZONE, ['huangpu-nanjingdong'])).total).toBe(0);
    expect((await affectedCases(store, '2026-05-06', ZONE, ['huangpu-market'])).total).toBe(3);
  });

  it('answers none after the last deadline', async () => {
    expect(await affectedCases(store, '2026-06-01', ZONE)).toEqual({
      date: '2026-06-01',
      total: 0,
      cases: [],
    });
  });
});
