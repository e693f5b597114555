import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../src';
import { ensureBuilt, event, tempLedger, writerScript } from './support';

interface Ack {
  stream: string;
  revision: bigint;
  id: string;
  position: bigint;
}

/** Runs the writer script; `acks` holds every acknowledged event printed so far (complete lines only). */
function startWriter(path: string, prefix: string, writers: number, appendsPerWriter: number) {
  const child = spawn(
    process.execPath,
    [writerScript, path, prefix, String(writers), String(appendsPerWriter)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acks: Ack[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const [tag, stream, revision, id, position] = line.split(' ');
      if (tag === 'ack')
        acks.push({ stream: stream!, revision: BigInt(revision!), id: id!, position: BigInt(position!) });
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, acks, exited, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function readEverything(store: {
  readAll(o: { after?: bigint; maxCount: number }): Promise<RecordedEvent[]>;
}) {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all[all.length - 1]?.position, maxCount: 1000 });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

const children: ChildProcess[] = [];
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

describe('SQLite ledger across processes', { timeout: 120_000 }, () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('keeps every acknowledged append after the writing process is killed (SIGKILL)', async () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    const writer = startWriter(ledger.path, 'application-crash', 8, 0);
    children.push(writer.child);
    await until(() => writer.acks.length >= 400 || writer.child.exitCode !== null, '400 acknowledged events');
    writer.child.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal, writer.stderr()).toBe('SIGKILL');
    const acked = [...writer.acks];
    expect(acked.length).toBeGreaterThanOrEqual(400);

    const store = ledger.open();
    const all = await readEverything(store);
    const byId = new Map<string, RecordedEvent[]>();
    for (const e of all) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    for (const ack of acked) {
      const stored = byId.get(ack.id);
      expect(stored?.length, `acknowledged event ${ack.id} stored exactly once`).toBe(1);
      expect(stored![0]!.stream).toBe(ack.stream);
      expect(stored![0]!.revision).toBe(ack.revision);
      expect(stored![0]!.position).toBe(ack.position);
    }
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const verified = await store.verify();
    expect(verified).toMatchObject({ ok: true, count: all.length });
    // The ledger is usable after the crash: it continues the chain.
    const last = acked[acked.length - 1]!;
    const revision = await store.streamRevision(last.stream);
    await store.appendToStream(last.stream, [event('AfterCrash')], { expectedRevision: revision! });
    expect((await store.verify()).ok).toBe(true);
  });

  it('two processes and two handles append to one file: positions gap-free, chain intact, subscriptions see all', async () => {
    const ledger = tempLedger();
    ledgers.push(ledger);
    const mine = ledger.open();
    const other = ledger.open();
    const subscription = mine.subscribeToAll({ filter: { streamPrefixes: ['review-child'] } });
    const seen: RecordedEvent[] = [];
    const collecting = (async () => {
      for await (const e of subscription) seen.push(e);
    })();

    // The child appends 4 x 40 appends (1-3 events each) while this process appends on two handles.
    const writer = startWriter(ledger.path, 'review-child', 4, 40);
    children.push(writer.child);
    let local = 0;
    const appendLocally = async (store: typeof mine, prefix: string) => {
      for (let i = 0; i < 40; i++) {
        await Promise.all(
          [0, 1, 2].map((w) =>
            store.appendToStream(`${prefix}-${w}`, [event('Local', { i })]).then(() => local++),
          ),
        );
      }
    };
    await Promise.all([appendLocally(mine, 'clock-a'), appendLocally(other, 'clock-b')]);
    const { code } = await writer.exited;
    expect(code, writer.stderr()).toBe(0);
    const childEvents = writer.acks.length;
    expect(childEvents).toBe(4 * (14 * 1 + 13 * 2 + 13 * 3));

    await until(
      () => seen.length >= childEvents,
      'the subscription to see every event of the other process',
      30_000,
    );
    await subscription.stop();
    await collecting;
    const inPositionOrder = [...writer.acks].sort((a, b) => (a.position < b.position ? -1 : 1));
    expect(seen.map((e) => e.id)).toEqual(inPositionOrder.map((a) => a.id));

    const all = await readEverything(other);
    expect(all.length).toBe(childEvents + local);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    expect(await mine.verify()).toMatchObject({ ok: true, count: all.length });
    expect((await other.head()).position).toBe(BigInt(all.length));
  });
});
