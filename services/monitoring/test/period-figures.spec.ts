import { join } from 'node:path';
import type { RecordedEvent } from '@docket/event-store';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodFigures } from '../src/views/period-figures';
import { DAILY, type DailyFigures, statsProjection } from '../src/views/stats.projection';

const ZONE = 'Asia/Shanghai';
const DEPARTMENTS = ['huangpu-market', 'huangpu-fire'];
const COUNTERS = ['accepted', 'closed', 'closedOnTime', 'usedWorkingDays', 'yellow'] as const;

/** Clock events over 2025–2026 at Shanghai office hours, some at 23:30 (the next UTC day's local date). */
function events(): RecordedEvent[] {
  const made: RecordedEvent[] = [];
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.parse('2025-01-01T01:00:00Z');
  for (let i = 0; i < 3000; i++) {
    const at = new Date(start + Math.floor(next() * 730 * 24) * 3_600_000).toISOString();
    const department = DEPARTMENTS[i % 2]!;
    const kind = next();
    const [type, data] =
      kind < 0.4
        ? ['ClockStarted', { department, itemCode: 'ITEM-A' }]
        : kind < 0.8
          ? [
              'ClockStopped',
              {
                department,
                itemCode: 'ITEM-A',
                outcome: 'decided',
                onTime: next() < 0.7,
                usedWorkingDays: Math.floor(next() * 10),
                availableWorkingDays: 10,
              },
            ]
          : ['YellowCardRaised', { answerableDepartment: department }];
    made.push({
      id: `e-${i}`,
      type,
      schemaVersion: 1,
      stream: `clock-C-${i}`,
      revision: 0n,
      position: BigInt(i + 1),
      occurredAt: at,
      recordedAt: at,
      actor: { id: 'system:monitoring', name: 'monitoring', roles: [] },
      data,
      hash: '',
    } as RecordedEvent);
  }
  return made;
}

const sums = (figures: DailyFigures[], department: string) =>
  Object.fromEntries(
    COUNTERS.map((c) => [
      c,
      figures.filter((f) => f.department === department).reduce((s, f) => s + (f[c] as number), 0),
    ]),
  );

describe('the figures of a period, from monthly counters and the days around them', () => {
  const dir = tempDir('docket-monitoring-period-');
  let store: ReadModelStore;
  let everyDay: DailyFigures[];

  beforeAll(async () => {
    store = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    const projection = statsProjection(ZONE);
    await store.ensureCollections(projection.collections);
    const all = events();
    await store.applyBatch(projection.name, BigInt(all.length), async (tx) => {
      for (const event of all) {
        tx.at(event.position);
        await projection.apply(event, tx);
      }
    });
    everyDay = await store.find<DailyFigures>(DAILY);
  });

  afterAll(async () => {
    await store.close();
    dir.cleanup();
  });

  it('equal the sum of every day of the period, for 200 random periods and both departments', async () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const start = Date.parse('2024-12-15');
    for (let i = 0; i < 200; i++) {
      const from = day(start + Math.floor(next() * 760) * 86_400_000);
      const to = day(Date.parse(from) + Math.floor(next() * 400) * 86_400_000);
      const inPeriod = everyDay.filter((f) => f.day! >= from && f.day! <= to);
      const figures = await periodFigures(store, DEPARTMENTS, from, to);
      for (const department of DEPARTMENTS)
        expect(sums(figures, department), `${department} ${from}..${to}`).toEqual(sums(inPeriod, department));
    }
  });

  it('read whole months from the monthly counters: a year is a few documents, not every day', async () => {
    const figures = await periodFigures(store, ['huangpu-market'], '2025-01-01', '2025-12-31');
    expect(figures.every((f) => f.month !== undefined && f.day === undefined)).toBe(true);
    expect(figures.length).toBeLessThanOrEqual(12 * 2);
    expect(sums(figures, 'huangpu-market').accepted).toBeGreaterThan(0);
  });
});
