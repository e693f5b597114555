import { join } from 'node:path';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import {
  createProjectionRunner,
  openSqliteReadModelStore,
  type ProjectionRunner,
  type ReadModelStore,
} from '@docket/projections';
import { tempDir } from '@docket/testkit';
import { expect } from 'vitest';
import { CASES, caseViewProjections, INBOX, PUBLIC_STATUS } from '../src';

/** A real SQLite ledger, a real SQLite read-model store (another file), and one runner per case view. */
export async function openViews() {
  const dir = tempDir('docket-case-views-');
  const ledger: EventStore = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  const store: ReadModelStore = openSqliteReadModelStore({ path: join(dir.path, 'read-models.db') });
  const runners: ProjectionRunner[] = caseViewProjections.map((projection) =>
    createProjectionRunner({ ledger, store, projection }),
  );
  for (const runner of runners) await runner.start();
  return {
    ledger,
    store,
    runners,
    /** Read your own writes: every view has reached the ledger's head. */
    async catchUp() {
      for (const runner of runners) await runner.catchUp();
    },
    async close() {
      for (const runner of runners) await runner.stop();
      await store.close();
      await ledger.close();
      dir.cleanup();
    },
  };
}

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
};

/** Every document of the collections, by id, as canonical JSON (keys sorted). */
export async function dump(store: ReadModelStore, collections: string[]): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const name of collections) all[name] = await store.find(name, { orderBy: [{ field: 'id' }] });
  return JSON.stringify(canonical(all));
}

export type Views = Awaited<ReturnType<typeof openViews>>;

/** Rebuilds all three views from position 0 and checks every document is what the live run built. */
export async function expectRebuildEqualsLive(views: Views): Promise<void> {
  await views.catchUp();
  const collections = [CASES, INBOX, PUBLIC_STATUS];
  const live = await dump(views.store, collections);
  expect(JSON.parse(live)[CASES].length).toBeGreaterThan(0);
  for (const runner of views.runners) await runner.rebuild();
  await views.catchUp();
  expect(await dump(views.store, collections)).toBe(live);
}
