import { join } from 'node:path';
import type { RecordedEvent } from '@docket/event-store';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEEMED_LOG, type DeemedDocument, deemedProjection } from '../src/views/deemed.projection';

const projection = deemedProjection('Asia/Shanghai');
const by = { id: 'system:monitoring', name: 'monitoring' };

/**
 * 超时默认 for the monthly score: a case whose clock stopped `deemed_approved` is logged once against the
 * clock's department (the one that let the deadline pass), in the local month; other stops are not.
 */
describe('the deemed approvals a monthly score deducts for', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: ReadModelStore;
  let position = 0n;

  const stopped = (
    caseNo: string,
    outcome: string,
    at: string,
    department = 'huangpu-market',
  ): RecordedEvent => {
    position += 1n;
    return {
      id: `e${position}`,
      type: 'ClockStopped',
      schemaVersion: 1,
      stream: `clock-${caseNo}`,
      revision: 5n,
      position,
      occurredAt: at,
      recordedAt: at,
      actor: { id: by.id, name: by.name, roles: ['system'] },
      data: {
        outcome,
        department,
        itemCode: '310101-FOOD-TZ',
        usedWorkingDays: 6,
        availableWorkingDays: 3,
        onTime: false,
        causationEventId: 'r1',
        nextDueAt: null,
        at,
        by,
      },
      hash: '',
    };
  };
  const apply = (...events: RecordedEvent[]) =>
    store.applyBatch(projection.name, position, async (tx) => {
      for (const recorded of events) await projection.apply(recorded, tx);
    });
  const logged = (department: string, month: string) =>
    store.find<DeemedDocument>(DEEMED_LOG, {
      where: { department, month },
      orderBy: [{ field: 'caseNo', direction: 'asc' }],
    });

  beforeEach(async () => {
    dir = tempDir('docket-monitoring-deemed-');
    store = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    await store.ensureCollections(projection.collections);
  });

  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('logs each case deemed approved once, by the clock’s department and the local month', async () => {
    await apply(
      stopped('20261207-DEEMD1', 'deemed_approved', '2026-12-14T02:00:00.000Z'),
      stopped('20261207-DECID1', 'decided', '2026-12-14T03:00:00.000Z'),
      stopped('20261207-FIRE01', 'deemed_approved', '2026-12-15T02:00:00.000Z', 'huangpu-fire'),
      // 1 January 00:30 in Shanghai is still 31 December in UTC: the local month counts.
      stopped('20261207-DEEMD2', 'deemed_approved', '2026-12-31T16:30:00.000Z'),
    );
    expect((await logged('huangpu-market', '2026-12')).map((d) => d.caseNo)).toEqual(['20261207-DEEMD1']);
    expect((await logged('huangpu-market', '2027-01')).map((d) => d.caseNo)).toEqual(['20261207-DEEMD2']);
    expect((await logged('huangpu-fire', '2026-12')).map((d) => d.caseNo)).toEqual(['20261207-FIRE01']);
    expect(await store.count(DEEMED_LOG, {})).toBe(3);
  });
});
