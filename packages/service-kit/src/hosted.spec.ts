import { join } from 'node:path';
import { openSqliteLedger, StorageFull } from '@docket/event-store';
import { openSqliteReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { hostProjections } from './hosted';
import type { Logger } from './logger';

const happened = () => ({
  type: 'ThingHappened',
  data: {},
  occurredAt: '2026-12-07T09:00:00+08:00',
  actor: { id: 'u-test', name: '测试', roles: ['admin'] },
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A ledger with one event, a store, and a projection that fails while `failing` says so. */
async function setUp() {
  const dir = tempDir('docket-hosted-');
  const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  const store = openSqliteReadModelStore({ path: join(dir.path, 'read.db') });
  cleanups.push(
    dir.cleanup,
    () => ledger.close(),
    () => store.close(),
  );
  await ledger.appendToStream('thing-1', [happened()]);
  const state = { failing: true as boolean };
  const logged: string[] = [];
  const logger: Logger = {
    info() {},
    warn() {},
    error: (message) => logged.push(message),
  };
  const hosted = hostProjections({
    ledger,
    store,
    logger,
    restartDelayMs: 5,
    projections: [
      {
        name: 'things',
        collections: [],
        apply: () => {
          if (state.failing) throw new StorageFull();
        },
      },
    ],
  });
  cleanups.push(() => hosted.close());
  return { ledger, hosted, state, logged };
}

const delays = (logged: string[]) =>
  logged.flatMap((line) => /restarting in ([0-9]+) ms/.exec(line)?.[1] ?? []).map(Number);

const until = async (what: string, done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error(`never: ${what}`);
};

describe('read models kept running', () => {
  it('backs off while a projection keeps failing in place, and says the disk is full', async () => {
    const { hosted, logged } = await setUp();
    await hosted.start();
    await until('five restarts', () => delays(logged).length >= 5);
    expect(delays(logged).slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(logged[0]).toMatch(/projection things stopped \(the disk is full\)/);
    expect(hosted.stopped()).toEqual(['disk full: read model things cannot be written']);
  });

  it('is healthy again once the projection moves, and starts over from the first delay', async () => {
    const { ledger, hosted, state, logged } = await setUp();
    await hosted.start();
    await until('three restarts', () => delays(logged).length >= 3);
    state.failing = false;
    await until('caught up', () => hosted.stopped().length === 0);
    state.failing = true;
    const before = delays(logged).length;
    await ledger.appendToStream('thing-2', [happened()]);
    await until('failed again', () => delays(logged).length > before);
    expect(delays(logged)[before]).toBe(5);
  });
});
