import { randomUUID } from 'node:crypto';
import { containerRuntimeAvailable } from '@docket/testkit';
import { MongoClient } from 'mongodb';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelStoreContract } from '../src/contract/read-model-store.contract';
import { openMongoReadModelStore } from '../src/mongodb';
import type { ReadModelDocument } from '../src/read-model-store';

/**
 * One MongoDB container for the file (standalone, no replica set: the distributed mode's shape, and
 * the reason batches are idempotent rather than transactional); every test gets its own database.
 */
const IMAGE = process.env.DOCKET_MONGO_IMAGE ?? 'mongo:7';

let container: StartedTestContainer | undefined;
let server: { url: string } | string = 'MongoDB was not started';

beforeAll(async () => {
  const runtime = await containerRuntimeAvailable();
  if (!runtime.available) {
    server = runtime.reason;
    return;
  }
  container = await new GenericContainer(IMAGE)
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .withStartupTimeout(180_000)
    .start();
  server = {
    url: `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/?directConnection=true`,
  };
}, 600_000);

afterAll(async () => {
  await container?.stop();
});

async function freshStore(database = `t_${randomUUID().replaceAll('-', '')}`) {
  if (typeof server === 'string') return server;
  const store = await openMongoReadModelStore({ url: server.url, database });
  return { store, database };
}

readModelStoreContract('mongodb', async () => {
  const made = await freshStore();
  if (typeof made === 'string') return made;
  return { store: made.store, cleanup: () => made.store.close() };
});

interface Counter extends ReadModelDocument {
  events: number;
}

describe('MongoDB: a crash between the documents and the checkpoint', { timeout: 60_000 }, () => {
  it('replaying the batch leaves every document as one uninterrupted run would', async (context) => {
    const made = await freshStore();
    if (typeof made === 'string') return context.skip(made);
    const { store, database } = made;
    const raw = await new MongoClient((server as { url: string }).url).connect();
    try {
      await store.ensureCollections([{ name: 'counters' }]);
      // A read-modify-write projection: the kind a blind replay would double-count.
      const batch = async (
        positions: bigint[],
        tx: Parameters<Parameters<typeof store.applyBatch>[2]>[0],
      ) => {
        for (const position of positions) {
          tx.at(position);
          const stream = position % 2n === 0n ? 'even' : 'odd';
          const current = await tx.get<Counter>('counters', stream);
          tx.put('counters', { id: stream, events: (current?.events ?? 0) + 1 });
        }
      };
      await store.applyBatch('counter', 2n, (tx) => batch([1n, 2n], tx));
      await store.applyBatch('counter', 5n, (tx) => batch([3n, 4n, 5n], tx));
      // The crash: documents of the second batch written, its checkpoint not.
      await raw
        .db(database)
        .collection('checkpoints')
        .updateOne({ _id: 'counter' as never }, { $set: { position: 2n } });
      expect(await store.checkpoint('counter')).toBe(2n);
      // The runner resumes from 2 and may cut batches differently.
      await store.applyBatch('counter', 4n, (tx) => batch([3n, 4n], tx));
      await store.applyBatch('counter', 6n, (tx) => batch([5n, 6n], tx));
      expect(await store.get('counters', 'odd')).toEqual({ id: 'odd', events: 3 });
      expect(await store.get('counters', 'even')).toEqual({ id: 'even', events: 3 });
      expect(await store.checkpoint('counter')).toBe(6n);
    } finally {
      await raw.close();
      await store.close();
    }
  });
});
