import { type Command, type Decider, DomainError, domainError } from '@docket/domain';
import {
  IdempotencyKeyReused,
  openSqliteLedger,
  type SqliteEventStore,
  WrongExpectedRevision,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../src/commands/command-handler';

// A small decider: a queue number dispenser that hands out at most `capacity` numbers a day.
type Take = Command<'TakeNumber', { capacity: number; note?: string }>;
type Taken = { type: 'NumberTaken'; data: { number: number; reason?: string } };
const QueueFull = domainError('QueueFull', 'rule_broken', (capacity: number) => ({
  message: `all ${capacity} numbers are taken`,
}));
const dispenser: Decider<Take, { taken: number }, Taken> = {
  initialState: () => ({ taken: 0 }),
  evolve: (s) => ({ taken: s.taken + 1 }),
  decide: (c, s) => {
    if (s.taken >= c.data.capacity) throw new QueueFull(c.data.capacity);
    return [
      { type: 'NumberTaken', data: { number: s.taken + 1, ...(c.data.note ? { reason: c.data.note } : {}) } },
    ];
  },
};
const clerk = { id: 'u-clerk', name: '李娜', roles: ['clerk' as const], department: 'D-WINDOW' };
const take = (capacity: number, note?: string): Take => ({
  type: 'TakeNumber',
  data: { capacity, ...(note ? { note } : {}) },
  metadata: { now: '2026-03-02T09:15:00+08:00', actor: clerk },
});

let dir: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
beforeEach(() => {
  dir = tempDir();
  store = openSqliteLedger({ path: `${dir.path}/ledger.db` });
});
afterEach(async () => {
  await store.close();
  dir.cleanup();
});

describe('command handler', () => {
  it('stores the decided events with the command as envelope: domain time, actor, reason, correlation', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    const handled = await handler.handle('queue-2026-03-02', take(10, 'walk-in'), {
      correlationId: 'Q-1',
      causationId: 'req-1',
      channel: 'window',
    });
    expect(handled.revision).toBe(0n);
    expect(handled.state).toEqual({ taken: 1 });
    const [event] = await store.readStream('queue-2026-03-02');
    expect(handled.events).toEqual([
      { id: event!.id, type: 'NumberTaken', revision: 0n, position: event!.position },
    ]);
    expect(event).toMatchObject({
      type: 'NumberTaken',
      data: { number: 1, reason: 'walk-in' },
      occurredAt: '2026-03-02T09:15:00+08:00',
      actor: clerk,
      reason: 'walk-in',
      correlationId: 'Q-1',
      causationId: 'req-1',
      channel: 'window',
    });
  });

  it('takes the correlation from the state it decides on when the command names none, and a named one wins', async () => {
    // The third number onwards belongs to the afternoon queue: the state says so, not the caller.
    const handler = createCommandHandler({
      store,
      decider: dispenser,
      correlationOf: (state) => (state.taken >= 2 ? 'Q-PM' : undefined),
    });
    for (let n = 0; n < 3; n++) await handler.handle('queue-c', take(10));
    await handler.handle('queue-c', take(10), { correlationId: 'Q-NAMED' });
    const correlations = (await store.readStream('queue-c')).map((e) => e.correlationId ?? null);
    expect(correlations).toEqual([null, null, 'Q-PM', 'Q-NAMED']);
  });

  it('decides again after losing a race, so concurrent commands that still hold all land', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    const results = await Promise.all(Array.from({ length: 8 }, () => handler.handle('queue-a', take(100))));
    const numbers = (await store.readStream('queue-a')).map((e) => (e.data as { number: number }).number);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(results.map((r) => r.revision))).toEqual(new Set([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]));
  });

  it('surfaces the conflict when a command keeps losing the race past maxAttempts', async () => {
    const handler = createCommandHandler({ store, decider: dispenser, maxAttempts: 2 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => handler.handle('queue-g', take(100))),
    );
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await store.streamRevision('queue-g')).toBe(BigInt(4 - refused.length - 1));
  });

  it('answers with the rule when, decided again, the command no longer holds', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => handler.handle('queue-b', take(3))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(QueueFull);
    expect(await store.streamRevision('queue-b')).toBe(2n);
  });

  it('leaves a conflict to the client that named the revision it saw (If-Match)', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    await handler.handle('queue-c', take(10));
    await handler.handle('queue-c', take(10));
    await expect(handler.handle('queue-c', take(10), { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedRevision,
    );
    expect(await store.streamRevision('queue-c')).toBe(1n);
  });

  it('writes nothing when the decider refuses', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    await expect(handler.handle('queue-d', take(0))).rejects.toBeInstanceOf(DomainError);
    expect(await store.streamRevision('queue-d')).toBeUndefined();
  });

  it('returns the first result for a retried request with the same idempotency key', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    const first = await handler.handle('queue-e', take(10), {
      idempotency: { key: 'k-1', fingerprint: 'body-1' },
    });
    await handler.handle('queue-e', take(10));
    // The retry is decided on the newer state, but the ledger recognises the key and stores nothing.
    const retry = await handler.handle('queue-e', take(10), {
      idempotency: { key: 'k-1', fingerprint: 'body-1' },
    });
    expect(retry.replayed).toBe(true);
    expect(retry.position).toBe(first.position);
    expect(await store.streamRevision('queue-e')).toBe(1n);
  });

  it('answers a retry that the rules would now refuse with the first result, without deciding again', async () => {
    const handler = createCommandHandler({ store, decider: dispenser });
    const first = await handler.handle('queue-h', take(1), {
      idempotency: { key: 'k-h', fingerprint: 'body-h' },
    });
    // The queue is now full: deciding the retry again would throw QueueFull.
    const retry = await handler.handle('queue-h', take(1), {
      idempotency: { key: 'k-h', fingerprint: 'body-h' },
    });
    expect(retry).toMatchObject({ replayed: true, position: first.position, revision: 0n });
    await expect(
      handler.handle('queue-h', take(1), { idempotency: { key: 'k-h', fingerprint: 'another body' } }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
    await expect(
      handler.handle('queue-other', take(1), { idempotency: { key: 'k-h', fingerprint: 'body-h' } }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.streamRevision('queue-h')).toBe(0n);
  });

  it('folds old schema versions through upcasters and writes new events at the current version', async () => {
    // Version 1 of NumberTaken called the field `ticket`.
    await store.appendToStream('queue-f', [
      {
        type: 'NumberTaken',
        schemaVersion: 1,
        data: { ticket: 1 },
        occurredAt: '2026-03-01T09:00:00+08:00',
        actor: clerk,
      },
    ]);
    const seen: unknown[] = [];
    const recording: typeof dispenser = {
      ...dispenser,
      evolve: (s, e) => {
        seen.push(e.data);
        return dispenser.evolve(s, e);
      },
    };
    const handler = createCommandHandler({
      store,
      decider: recording,
      upcasters: { NumberTaken: [(data) => ({ number: (data as { ticket: number }).ticket })] },
    });
    const handled = await handler.handle('queue-f', take(10));
    expect(seen[0]).toEqual({ number: 1 });
    expect(handled.events).toHaveLength(1);
    const [, stored] = await store.readStream('queue-f');
    expect(stored!.schemaVersion).toBe(2);
  });
});

describe('command handler: the states it keeps between commands', () => {
  it('decides again on the ledger when another writer moved the stream since its last command', async () => {
    const ours = createCommandHandler({ store, decider: dispenser });
    const theirs = createCommandHandler({ store, decider: dispenser });
    await ours.handle('queue-k', take(10));
    await theirs.handle('queue-k', take(10));
    // `ours` still keeps the state at revision 0; the append it tries on it is refused and decided again.
    const handled = await ours.handle('queue-k', take(10));
    expect(handled).toMatchObject({ revision: 2n, state: { taken: 3 } });
    const numbers = (await store.readStream('queue-k')).map((e) => (e.data as { number: number }).number);
    expect(numbers).toEqual([1, 2, 3]);
  });

  it('does not refuse on a kept state alone: a refusal is decided again on the ledger state', async () => {
    // A gate that refuses while closed: `ours` is refused and keeps "closed", then another writer opens it.
    type Gate = Command<'Pass', { open: boolean }>;
    type GateEvent = { type: 'GateSet'; data: { open: boolean } } | { type: 'Passed'; data: object };
    const gate: Decider<Gate, { open: boolean }, GateEvent> = {
      initialState: () => ({ open: false }),
      evolve: (s, e) => (e.type === 'GateSet' ? { open: e.data.open } : s),
      decide: (c, s) => {
        if (c.data.open) return [{ type: 'GateSet', data: { open: true } }];
        if (!s.open) throw new QueueFull(0);
        return [{ type: 'Passed', data: {} }];
      },
    };
    const pass = (open: boolean): Gate => ({ type: 'Pass', data: { open }, metadata: take(1).metadata });
    const ours = createCommandHandler({ store, decider: gate });
    const theirs = createCommandHandler({ store, decider: gate });
    await expect(ours.handle('gate-1', pass(false))).rejects.toBeInstanceOf(QueueFull);
    await theirs.handle('gate-1', pass(true));
    // `ours` kept "closed" from its read; the ledger says open, and that is what is decided on.
    const handled = await ours.handle('gate-1', pass(false));
    expect(handled.revision).toBe(1n);
    expect((await store.readStream('gate-1')).map((e) => e.type)).toEqual(['GateSet', 'Passed']);
  });

  it('answers load() from the kept state only while the ledger says the stream has not moved', async () => {
    const ours = createCommandHandler({ store, decider: dispenser });
    await ours.handle('queue-l', take(10));
    expect(await ours.load('queue-l')).toEqual({ state: { taken: 1 }, revision: 0n });
    await store.appendToStream('queue-l', [
      { type: 'NumberTaken', data: { number: 2 }, occurredAt: '2026-03-02T10:00:00+08:00', actor: clerk },
    ]);
    expect(await ours.load('queue-l')).toEqual({ state: { taken: 2 }, revision: 1n });
  });

  it('keeps no state when told to keep none, and answers the same', async () => {
    const handler = createCommandHandler({ store, decider: dispenser, keptStates: 0 });
    await handler.handle('queue-m', take(2));
    await handler.handle('queue-m', take(2));
    await expect(handler.handle('queue-m', take(2))).rejects.toBeInstanceOf(QueueFull);
    expect(await store.streamRevision('queue-m')).toBe(1n);
  });
});
