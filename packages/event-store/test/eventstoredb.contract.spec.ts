import { randomUUID } from 'node:crypto';
import { containerRuntimeAvailable } from '@docket/testkit';
import { EventStoreDBClient } from '@eventstore/db-client';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventStoreContract } from '../src/contract/event-store.contract';
import { newEvent } from '../src/contract/fixtures';
import {
  type EventStoreDbLedger,
  type GlobalChainFollower,
  openEventStoreDbLedger,
} from '../src/eventstoredb';

/**
 * One EventStoreDB container for the whole file (starting one takes seconds to minutes); every test
 * gets a fresh, empty ledger in it through its own namespace (`<namespace>/<stream>`), so tests never
 * see each other's events and need no restart.
 */
const IMAGE = process.env.DOCKET_EVENTSTORE_IMAGE ?? 'eventstore/eventstore:24.10.4-jammy';

let container: StartedTestContainer | undefined;
let server: { connectionString: string } | string = 'EventStoreDB was not started';

beforeAll(async () => {
  const runtime = await containerRuntimeAvailable();
  if (!runtime.available) {
    server = runtime.reason;
    return;
  }
  container = await new GenericContainer(IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      // readCorrelated reads the $by_correlation_id system projection ($bc-<correlationId>).
      EVENTSTORE_RUN_PROJECTIONS: 'System',
      EVENTSTORE_START_STANDARD_PROJECTIONS: 'true',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
      // A whole append may hold several events near the 1 MiB per-event limit.
      EVENTSTORE_MAX_APPEND_SIZE: String(16 * 1024 * 1024),
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forAll([
        Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300),
        Wait.forLogMessage(/IS LEADER/),
      ]),
    )
    .withStartupTimeout(180_000)
    .start();
  const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  // Server-wide, before the first append: the projection then links every test's events.
  const configuring = await openEventStoreDbLedger({ connectionString });
  await configuring.configureCorrelationIndex();
  await configuring.close();
  server = { connectionString };
}, 600_000);

afterAll(async () => {
  await container?.stop();
});

async function freshLedger(): Promise<EventStoreDbLedger | string> {
  if (typeof server === 'string') return server;
  return openEventStoreDbLedger({
    connectionString: server.connectionString,
    namespace: `t-${randomUUID()}`,
  });
}

eventStoreContract('eventstoredb', async () => {
  const store = await freshLedger();
  if (typeof store === 'string') return store;
  return { store, cleanup: () => store.close() };
});

describe('EventStoreDB global chain follower and verify', { timeout: 60_000 }, () => {
  let ledger: EventStoreDbLedger | undefined;
  let raw: EventStoreDBClient | undefined;
  const followers: GlobalChainFollower[] = [];

  beforeEach(async (context) => {
    const made = await freshLedger();
    if (typeof made === 'string') context.skip(made);
    else {
      ledger = made;
      raw = EventStoreDBClient.connectionString((server as { connectionString: string }).connectionString);
    }
    return async () => {
      await Promise.all(followers.splice(0).map((f) => f.stop()));
      await ledger?.close();
      await raw?.dispose();
      ledger = undefined;
      raw = undefined;
    };
  });

  const the = () => ledger!;
  const storedName = (stream: string) => `${the().namespace}/${stream}`;

  it('chains every ledger event in $all order and checkpoints the same head verify recomputes', async () => {
    const follower = await the().startChainFollower({ checkpointEvery: 3, idleCheckpointMs: 50 });
    followers.push(follower);
    let last = 0n;
    for (let i = 0; i < 4; i++) {
      const result = await the().appendToStream(`application-${i % 2}`, [
        newEvent('Submitted', { i }),
        newEvent('Noted'),
      ]);
      last = result.lastPosition;
    }
    const checkpoint = await follower.syncTo(last);
    expect(checkpoint?.count).toBe(8);
    expect(checkpoint?.commitPosition).toBe(last);
    const global = await the().globalChainHead();
    expect(global).toEqual({ count: 8, position: last, hash: checkpoint?.hash });
    const verified = await the().verify();
    expect(verified).toMatchObject({ ok: true, count: 8, headPosition: last });
  });

  it('a second follower resumes from the chain stream and agrees with it', async () => {
    const first = await the().startChainFollower({ checkpointEvery: 1000, idleCheckpointMs: 50 });
    followers.push(first);
    const a = await the().appendToStream('review-1', [newEvent('TaskOpened'), newEvent('OpinionGiven')]);
    const firstCheckpoint = await first.syncTo(a.lastPosition);
    await first.stop();
    followers.splice(0);
    const second = await the().startChainFollower({ checkpointEvery: 1000, idleCheckpointMs: 50 });
    followers.push(second);
    expect(second.head.hash).toBe(firstCheckpoint?.hash);
    const b = await the().appendToStream('review-1', [newEvent('Decided')]);
    const secondCheckpoint = await second.syncTo(b.lastPosition);
    expect(secondCheckpoint?.count).toBe(3);
    expect(await the().verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('names the event whose content no longer matches its stream chain', async () => {
    await the().appendToStream('order-1', [newEvent('Opened', { amount: 100 })]);
    const [genuine] = await the().readStream('order-1');
    // Written around the adapter: the stored metadata of a genuine event, with other data.
    const read = raw!.readStream(storedName('order-1'), { maxCount: 1 });
    let metadata: unknown;
    for await (const resolved of read) metadata = resolved.event?.metadata;
    const docket = (metadata as { $docket: Record<string, unknown> }).$docket;
    await raw!.appendToStream(
      storedName('order-1'),
      [
        {
          id: randomUUID(),
          contentType: 'application/json',
          type: 'Opened',
          data: { amount: 1 },
          metadata: { ...(metadata as object), $docket: { ...docket, prevStreamHash: genuine!.hash } },
        },
      ],
      { expectedRevision: 0n },
    );
    let forgedPosition: bigint | undefined;
    for await (const resolved of raw!.readStream(storedName('order-1'), { fromRevision: 1n })) {
      forgedPosition = resolved.event?.position?.commit;
    }
    const result = await the().verify();
    expect(result).toMatchObject({ ok: false, count: 1, position: forgedPosition });
    if (!result.ok) expect(result.reason).toContain('order-1@1');
  });

  it('detects a follower checkpoint that does not match the log', async () => {
    const appended = await the().appendToStream('order-2', [newEvent('Opened'), newEvent('Paid')]);
    const [first] = await the().readAll();
    await raw!.appendToStream(
      storedName('docket/chain'),
      [
        {
          id: randomUUID(),
          contentType: 'application/json',
          type: 'GlobalChainCheckpoint',
          data: {
            count: 1,
            commitPosition: String(first!.position),
            preparePosition: String(first!.position),
            hash: 'f'.repeat(64),
          },
          metadata: undefined,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const result = await the().verify();
    expect(result).toMatchObject({ ok: false, position: first!.position });
    expect(appended.firstPosition).toBe(first!.position);
  });
});
