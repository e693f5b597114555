import type { RecordedEvent } from '@docket/event-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadModelStore } from '../src/read-model-store';
import { createProjectionRunner, type ProjectionRunner } from '../src/runner';
import {
  append,
  applySample,
  type CaseByStatus,
  caseLife,
  dump,
  files,
  type StreamCounter,
  sampleProjection,
} from './support';

describe('projection runner on a real SQLite ledger', { timeout: 30_000 }, () => {
  let env: ReturnType<typeof files>;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    env = files();
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await env.cleanup();
  });

  function runner(
    store: ReadModelStore,
    overrides: Parameters<typeof sampleProjection>[0] = {},
    batchSize = 3,
  ) {
    const made = createProjectionRunner({
      ledger: env.ledger,
      store,
      projection: sampleProjection(overrides),
      batchSize,
    });
    runners.push(made);
    return made;
  }

  it('builds live what a rebuild from position 0 builds, byte for byte', async () => {
    const store = env.newStore();
    for (let n = 1; n <= 5; n++) await caseLife(env.ledger, n);
    const live = runner(store);
    await live.start();
    // Events arriving while it follows the ledger live, some between catch-ups.
    for (let n = 6; n <= 12; n++) {
      await caseLife(env.ledger, n);
      if (n % 3 === 0) await live.catchUp();
    }
    await live.catchUp();
    const built = await dump(store);
    expect((await store.get<CaseByStatus>('casesByStatus', '2026-0005'))?.status).toBe('decided');
    expect(await store.get('casesByStatus', '2026-0004')).toBeUndefined();
    expect(await store.count('casesByStatus', { status: 'decided' })).toBe(9);

    await live.rebuild();
    expect(await dump(store)).toBe(built);
    expect(await store.checkpoint('sample')).toBe((await env.ledger.head()).position);
    // A rebuild of a running projection leaves it following the ledger.
    expect(live.running).toBe(true);
    await caseLife(env.ledger, 13);
    await live.catchUp();
    expect((await store.get<CaseByStatus>('casesByStatus', '2026-0013'))?.status).toBe('decided');
    const withThirteen = await dump(store);
    await live.rebuild();
    expect(await dump(store)).toBe(withThirteen);

    // And a store that never saw the live run, built in one go with another batch size.
    const fresh = env.newStore();
    await runner(fresh, {}, 500).catchUp();
    expect(await dump(fresh)).toBe(withThirteen);
  });

  it('a projection renamed (its documents changed shape) replays into emptied collections', async () => {
    const store = env.newStore();
    for (let n = 1; n <= 4; n++) await caseLife(env.ledger, n);
    await runner(store).catchUp();
    // What the old shape left behind, and a document the new shape would never write.
    await store.applyBatch('sample', (await store.checkpoint('sample'))!, (tx) =>
      tx.put('casesByStatus', { id: 'left-over', status: 'old-shape', department: 'market' }),
    );
    await runner(store, { name: 'sample.v2' }).catchUp();
    expect(await store.get('casesByStatus', 'left-over')).toBeUndefined();
    const fresh = env.newStore();
    await runner(fresh, { name: 'sample.v2' }).catchUp();
    expect(await dump(store)).toBe(await dump(fresh));
    expect(await store.checkpoint('sample.v2')).toBe((await env.ledger.head()).position);
  });

  it('concurrent start() and catchUp() calls subscribe once: every event applied once', async () => {
    for (let n = 1; n <= 3; n++) await caseLife(env.ledger, n);
    const applied = new Map<string, number>();
    const store = env.newStore();
    const both = runner(store, {
      apply: async (event, tx) => {
        applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
        await applySample(event, tx);
      },
    });
    await Promise.all([both.start(), both.start(), both.catchUp(), both.catchUp()]);
    await both.catchUp();
    expect(both.running).toBe(true);
    expect(applied.size).toBe(12);
    expect([...applied.values()].every((times) => times === 1)).toBe(true);
  });

  it('stopped in the middle, resumes from its checkpoint and applies no event twice', async () => {
    for (let n = 1; n <= 10; n++) await caseLife(env.ledger, n);
    const applied = new Map<string, number>();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reachedTenth: () => void = () => {};
    const tenth = new Promise<void>((resolve) => {
      reachedTenth = resolve;
    });
    const counting = async (event: RecordedEvent, tx: Parameters<typeof applySample>[1]) => {
      applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
      if (applied.size === 10) {
        reachedTenth();
        await gate;
      }
      await applySample(event, tx);
    };
    const store = env.newStore();
    const first = runner(store, { apply: counting }, 4);
    await first.start();
    await tenth;
    const stopping = first.stop();
    release();
    await stopping;
    // Batches of 4: the batch holding the 10th event (9..12) is committed whole, then it stops.
    const checkpoint = await store.checkpoint('sample');
    expect(checkpoint).toBe(12n);
    expect(applied.size).toBe(12);

    const second = runner(store, { apply: counting }, 4);
    await second.start();
    await second.catchUp();
    expect(applied.size).toBe(40);
    expect([...applied.values()].every((times) => times === 1)).toBe(true);
    const counters = await store.find<StreamCounter>('streamCounters');
    expect(counters.reduce((sum, counter) => sum + counter.events, 0)).toBe(40);
    expect(await second.lag()).toBe(0n);
  });

  it('a batch that throws mid-way leaves the previous checkpoint and its documents; a restart heals', async () => {
    for (let n = 1; n <= 6; n++) await caseLife(env.ledger, n);
    let failOnce = true;
    const faulty = async (event: RecordedEvent, tx: Parameters<typeof applySample>[1]) => {
      await applySample(event, tx);
      // The 14th event is in the middle of the 5th batch (13..15).
      if (event.position === 14n && failOnce) {
        failOnce = false;
        throw new Error('projection bug at 14');
      }
    };
    const store = env.newStore();
    const errors: unknown[] = [];
    const made = createProjectionRunner({
      ledger: env.ledger,
      store,
      projection: sampleProjection({ apply: faulty }),
      batchSize: 3,
      onError: (error) => errors.push(error),
    });
    runners.push(made);
    await made.start();
    await expect(made.catchUp()).rejects.toThrow('projection bug at 14');
    expect(made.running).toBe(false);
    expect((made.failure as Error).message).toBe('projection bug at 14');
    expect(errors).toHaveLength(1);
    // The failed batch (the one with 14: 13..15 when batches are full, or a shorter one when the runner
    // committed what it had in hand early) left nothing; the batches before it stand. A batch holds at
    // most 3 events, so the failed one starts no earlier than 12 and everything up to 11 is committed.
    const checkpoint = (await store.checkpoint('sample'))!;
    expect(checkpoint).toBeGreaterThanOrEqual(11n);
    expect(checkpoint).toBeLessThan(14n);

    // The documents are exactly those of the events up to the checkpoint, applied in one clean pass.
    const reference = env.newStore();
    await reference.ensureCollections(sampleProjection().collections);
    const upToCheckpoint = await env.ledger.readAll({ upTo: checkpoint });
    await reference.applyBatch('sample', checkpoint, async (tx) => {
      for (const event of upToCheckpoint) {
        tx.at(event.position);
        await applySample(event, tx);
      }
    });
    expect(await dump(store)).toBe(await dump(reference));

    await made.start();
    await made.catchUp();
    const healed = await dump(store);
    const fresh = env.newStore();
    await runner(fresh).catchUp();
    expect(healed).toBe(await dump(fresh));
  });

  it('a filter advances the checkpoint past the events it skips', async () => {
    await caseLife(env.ledger, 1);
    // The tail of the ledger is events the projection does not read.
    for (let i = 0; i < 5; i++) await append(env.ledger, 'audit-9', 'NoteAdded', { text: String(i) });
    const head = (await env.ledger.head()).position!;
    const seen: string[] = [];
    const store = env.newStore();
    const filtered = runner(store, {
      filter: { streamPrefixes: ['application-'] },
      apply: async (event, tx) => {
        seen.push(event.type);
        await applySample(event, tx);
      },
    });
    expect(await filtered.lag()).toBe(head);
    await filtered.start();
    await filtered.catchUp();
    expect(await store.checkpoint('sample')).toBe(head);
    expect(await filtered.lag()).toBe(0n);
    expect(seen).toEqual(['CaseSubmitted', 'CaseAccepted', 'CaseDecided']);
    expect(await store.get('streamCounters', 'audit-9')).toBeUndefined();

    // Live, too: skipped events arriving later still move the checkpoint.
    await append(env.ledger, 'audit-9', 'NoteAdded', { text: 'later' });
    await filtered.catchUp();
    expect(await store.checkpoint('sample')).toBe(head + 1n);
    expect(seen).toHaveLength(3);
  });

  it('catchUp on a stopped runner brings it to the head and leaves it stopped', async () => {
    await caseLife(env.ledger, 1);
    const store = env.newStore();
    const stopped = runner(store);
    await stopped.catchUp();
    expect(stopped.running).toBe(false);
    expect(await stopped.lag()).toBe(0n);
    await caseLife(env.ledger, 2);
    expect(await stopped.lag()).toBe(4n);
    expect(await store.count('casesByStatus')).toBe(1);
    await stopped.catchUp();
    expect(await store.count('casesByStatus')).toBe(2);
  });
});
