/**
 * Ledger benchmark (npm run bench): durable conditional appends with 1 and 50 concurrent writers,
 * replay (readAll) and verify throughput. Subjects: docket's SQLite ledger; the same append workload
 * through @event-driven-io/emmett-sqlite (a peer event store); raw better-sqlite3 inserts, one durable
 * transaction per append (the floor: no checks, no hashing) and group-committed (the ceiling of the
 * technique docket uses). Every figure is the median of REPEATS runs in this one process, so ratios
 * are fair on a noisy 2-core machine. Replay is reported beside a raw row scan of the same file in the
 * same run (better-sqlite3, no decoding: the floor), and live subscribers beside the same appends without
 * them. Knobs: BENCH_REPEATS, BENCH_SUBJECTS=docket,emmett,..., BENCH_SINGLE_APPENDS, BENCH_MANY_APPENDS,
 * BENCH_REPLAY_EVENTS (0 skips replay and verify; verify runs on a SHA-256 and an SM3 (国密) ledger of the
 * same events), BENCH_SUBSCRIBER_EVENTS (0 skips the subscribers),
 * BENCH_PARTS=appends,paced,replay,subscribers (default: all).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  type EventFilter,
  type HashAlgorithm,
  openSqliteLedger,
  type SqliteEventStore,
} from '@docket/event-store';
import Database from 'better-sqlite3';
import { emmettAppender, rawAppender, rawGroupAppender } from './peers';
import { fmt, median, medianOfRuns, nowMs, type RunResult } from './stats';
import { runAppendWorkload, runPacedWorkload, sampleActor, samplePayload } from './workload';

// emmett-sqlite 0.38.5 console.logs every failed transaction; failures are counted in the tables instead.
const print = (text: string) => process.stdout.write(`${text}\n`);
console.log = () => undefined;

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const SINGLE_WRITER_APPENDS = Number(process.env.BENCH_SINGLE_APPENDS ?? 2_000);
const MANY_WRITER_APPENDS = Number(process.env.BENCH_MANY_APPENDS ?? 20_000);
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 300_000);
const WRITERS = 50;
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 5_000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const SUBSCRIBER_EVENTS = Number(process.env.BENCH_SUBSCRIBER_EVENTS ?? 20_000);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'appends,paced,replay,subscribers').split(','));

const root = join(tmpdir(), `docket-bench-${process.pid}`);
let fileNo = 0;
const freshFile = (name: string) => join(root, `${name}-${fileNo++}.db`);

interface Appender {
  append(stream: string, count: number): Promise<void>;
  close(): Promise<void> | void;
}

function docketAppender(durability: 'full' | 'normal'): Appender {
  const store = openSqliteLedger({ path: freshFile(`docket-${durability}`), durability });
  return {
    async append(stream, count) {
      await store.appendToStream(
        stream,
        [
          {
            type: 'ApplicationAccepted',
            data: samplePayload(count),
            occurredAt: new Date().toISOString(),
            actor: sampleActor,
            correlationId: stream,
          },
        ],
        { expectedRevision: count === 0 ? 'no_stream' : BigInt(count - 1) },
      );
    },
    close: () => store.close(),
  };
}

interface Subject {
  key: string;
  name: string;
  /** A slow peer gets a share of the appends so the run stays short; throughput is a rate either way. */
  appendShare?: number;
  open(): Appender;
}

const FLOOR = 'raw';
const allSubjects: Subject[] = [
  { key: 'docket', name: 'docket SQLite ledger (durable, default)', open: () => docketAppender('full') },
  {
    key: 'docket-normal',
    name: 'docket SQLite ledger (durability: normal, opt-in)',
    open: () => docketAppender('normal'),
  },
  {
    key: 'emmett',
    name: 'emmett-sqlite 0.38.5 (peer; calls serialised)',
    appendShare: 0.1,
    open: () => emmettAppender(freshFile('emmett')),
  },
  {
    key: FLOOR,
    name: 'raw better-sqlite3: 1 durable txn per append (floor)',
    open: () => rawAppender(freshFile('raw')),
  },
  {
    key: 'raw-group',
    name: 'raw better-sqlite3: group commit, no checks or hashing',
    open: () => rawGroupAppender(freshFile('raw-group')),
  },
];
// BENCH_SUBJECTS=docket,emmett runs a subset; the floor is always measured, since every ratio needs it.
const wanted = process.env.BENCH_SUBJECTS?.split(',');
const subjects = allSubjects.filter((s) => !wanted || s.key === FLOOR || wanted.includes(s.key));

async function measureAppends(writers: number, total: number): Promise<Map<string, RunResult>> {
  const runs = new Map<string, RunResult[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    // Rotate the order each repeat so drift on a noisy machine does not favour one subject.
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(k + r) % subjects.length]!;
      const appender = subject.open();
      const count = Math.max(writers, Math.round(total * (subject.appendShare ?? 1)));
      runs
        .get(subject.name)!
        .push(await runAppendWorkload(appender.append, writers, count, `w${writers}r${r}`));
      await appender.close();
    }
  }
  return new Map([...runs].map(([name, rs]) => [name, medianOfRuns(rs)]));
}

/** Latency at the target rate: only the subjects that can sustain it (not the serialised peer). */
async function measurePaced(): Promise<Map<string, RunResult>> {
  const paced = subjects.filter((s) => s.key === 'docket' || s.key === 'docket-normal');
  const runs = new Map<string, RunResult[]>(paced.map((s) => [s.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const subject of paced) {
      const appender = subject.open();
      runs
        .get(subject.name)!
        .push(await runPacedWorkload(appender.append, WRITERS, PACED_RATE, PACED_SECONDS, `r${r}`));
      await appender.close();
    }
  }
  return new Map([...runs].map(([name, rs]) => [name, medianOfRuns(rs)]));
}

/**
 * The floor under replay: the same pages of the same rows (all columns, `.raw()`, pages of 1,000), read
 * straight from better-sqlite3 without decoding, on a read-only connection with the ledger's read pragmas.
 */
function rawRowScan(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    db.pragma('cache_size = -32000');
    db.pragma('mmap_size = 268435456');
    const page = db
      .prepare(
        'SELECT position, stream, revision, id, type, schema_version, occurred_at, recorded_at, metadata, data, hash FROM events WHERE position > ? ORDER BY position LIMIT 1000',
      )
      .raw(true)
      .safeIntegers(true);
    const t0 = nowMs();
    let after = 0n;
    let n = 0;
    for (;;) {
      const rows = page.all(after) as [bigint, ...unknown[]][];
      if (rows.length === 0) break;
      n += rows.length;
      after = rows[rows.length - 1]![0];
    }
    return n / ((nowMs() - t0) / 1000);
  } finally {
    db.close();
  }
}

/** The replay ledger: REPLAY_EVENTS events, chained with SHA-256 (standard) or SM3 (国密, DOCKET_CRYPTO=gm). */
async function replayLedger(
  hashAlgorithm: HashAlgorithm,
): Promise<{ path: string; store: SqliteEventStore }> {
  const path = freshFile(`replay-${hashAlgorithm}`);
  const store = openSqliteLedger({ path, durability: 'normal', hashAlgorithm });
  const batch = 500;
  for (let i = 0; i < REPLAY_EVENTS; i += batch) {
    const events = Array.from({ length: batch }, (_, j) => ({
      type: 'StepCompleted',
      data: samplePayload(i + j),
      occurredAt: '2026-03-02T10:00:00+08:00',
      actor: sampleActor,
      correlationId: `case-${(i + j) % 10_000}`,
    }));
    await store.appendToStream(`review-${i / batch}`, events, { expectedRevision: 'no_stream' });
  }
  return { path, store };
}

async function timedVerify(store: SqliteEventStore): Promise<number> {
  const t0 = nowMs();
  const result = await store.verify();
  if (!result.ok) throw new Error(`verify failed on an untouched ledger: ${result.reason}`);
  return result.count / ((nowMs() - t0) / 1000);
}

async function measureReplayAndVerify(): Promise<{
  raw: number;
  replay: number;
  verify: number;
  verifySm3: number;
}> {
  const { path, store } = await replayLedger('sha256');
  // The same events chained with SM3: verify in both suites, alternated in one process.
  const gm = await replayLedger('sm3');
  const raws: number[] = [];
  const replays: number[] = [];
  const verifies: number[] = [];
  const verifiesSm3: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    // Alternated in each repeat, so that drift on a noisy machine hits all three alike.
    raws.push(rawRowScan(path));
    const t0 = nowMs();
    let after: bigint | undefined;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) break;
      n += page.length;
      after = page[page.length - 1]!.position;
    }
    replays.push(n / ((nowMs() - t0) / 1000));
    // Which suite goes first alternates too.
    if (r % 2 === 0) {
      verifies.push(await timedVerify(store));
      verifiesSm3.push(await timedVerify(gm.store));
    } else {
      verifiesSm3.push(await timedVerify(gm.store));
      verifies.push(await timedVerify(store));
    }
  }
  await store.close();
  await gm.store.close();
  return {
    raw: median(raws),
    replay: median(replays),
    verify: median(verifies),
    verifySm3: median(verifiesSm3),
  };
}

/**
 * The embedded server's shape: 18 catch-up subscriptions on one store (projections, relays, reactions,
 * filtered by stream category or event type, a few unfiltered), fed by 50 writers appending one event at
 * a time. Measured: the process's CPU time until every subscriber has its events, against the same
 * appends without subscribers; and how often each event was SELECTed and decoded.
 */
const SUBSCRIBER_FILTERS: (EventFilter | undefined)[] = [
  undefined,
  undefined,
  undefined,
  { streamPrefixes: ['application-'] },
  { streamPrefixes: ['application-'] },
  { streamPrefixes: ['application-', 'review-'] },
  { streamPrefixes: ['review-'] },
  { streamPrefixes: ['review-'] },
  { streamPrefixes: ['clock-'] },
  { streamPrefixes: ['clock-'] },
  { streamPrefixes: ['complaint-', 'order-'] },
  { streamPrefixes: ['calendar-'] },
  { eventTypes: ['ApplicationAccepted'] },
  { eventTypes: ['ReviewStepPassed', 'ReviewDecided'] },
  { eventTypes: ['ClockStarted'] },
  { streamPrefixes: ['application-', 'review-', 'clock-'] },
  { streamPrefixes: ['review-'], eventTypes: ['ReviewDecided'] },
  { streamPrefixes: ['rating-'] },
];
const STREAM_KINDS: [string, string][] = [
  ['application-', 'ApplicationAccepted'],
  ['review-', 'ReviewStepPassed'],
  ['review-', 'ReviewDecided'],
  ['clock-', 'ClockStarted'],
];

interface SubscriberRun {
  cpuMs: number;
  perSecond: number;
  decodesPerEvent: number;
  selectsPerEvent: number;
}

async function runSubscribers(withSubscribers: boolean): Promise<SubscriberRun> {
  const store: SqliteEventStore = openSqliteLedger({ path: freshFile('subscribers'), durability: 'normal' });
  const subscriptions = withSubscribers
    ? SUBSCRIBER_FILTERS.map((filter) => store.subscribeToAll(filter ? { filter } : {}))
    : [];
  const consuming = subscriptions.map(async (subscription) => {
    for await (const _ of subscription);
  });
  const cpu0 = process.cpuUsage();
  const t0 = nowMs();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < SUBSCRIBER_EVENTS) {
        const i = next++;
        const [prefix, type] = STREAM_KINDS[i % STREAM_KINDS.length]!;
        await store.appendToStream(`${prefix}${i % 2_000}`, [
          { type, data: samplePayload(i), occurredAt: new Date().toISOString(), actor: sampleActor },
        ]);
      }
    }),
  );
  const head = (await store.head()).position!;
  while (subscriptions.some((s) => s.checkpoint !== head)) await new Promise((r) => setTimeout(r, 1));
  const elapsedMs = nowMs() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stats = store.subscriptionStats();
  for (const subscription of subscriptions) await subscription.stop();
  await Promise.all(consuming);
  await store.close();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    perSecond: SUBSCRIBER_EVENTS / (elapsedMs / 1000),
    decodesPerEvent: (stats.sharedDecodes + stats.ownDecodes) / SUBSCRIBER_EVENTS,
    selectsPerEvent: (stats.sharedReads + stats.ownReads) / SUBSCRIBER_EVENTS,
  };
}

async function measureSubscribers(): Promise<{ alone: SubscriberRun; fanOut: SubscriberRun }> {
  const alone: SubscriberRun[] = [];
  const fanOut: SubscriberRun[] = [];
  for (let r = 0; r < REPEATS; r++) {
    alone.push(await runSubscribers(false));
    fanOut.push(await runSubscribers(true));
  }
  const medianRun = (runs: SubscriberRun[]): SubscriberRun => ({
    cpuMs: median(runs.map((x) => x.cpuMs)),
    perSecond: median(runs.map((x) => x.perSecond)),
    decodesPerEvent: median(runs.map((x) => x.decodesPerEvent)),
    selectsPerEvent: median(runs.map((x) => x.selectsPerEvent)),
  });
  return { alone: medianRun(alone), fanOut: medianRun(fanOut) };
}

function table(title: string, results: Map<string, RunResult>): string {
  const floor = results.get(allSubjects.find((s) => s.key === FLOOR)!.name)!.perSecond;
  const rows = [...results].map(
    ([name, r]) =>
      `| ${name} | ${fmt(r.perSecond)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${fmt(r.perSecond / floor, 2)}× | ${r.failed ?? 0} |`,
  );
  return [
    `### ${title}`,
    '',
    '| store | appends/s | p50 ms | p99 ms | vs floor | failed |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

async function main() {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  try {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, files in ${tmpdir()}`;
    print(`## Ledger\n\n${new Date().toISOString()} · ${machine} · median of ${REPEATS} runs\n`);
    if (PARTS.has('appends')) {
      print(
        table(
          `1 writer, ${fmt(SINGLE_WRITER_APPENDS)} conditional appends`,
          await measureAppends(1, SINGLE_WRITER_APPENDS),
        ),
      );
      print(
        table(
          `${WRITERS} concurrent writers, ${fmt(MANY_WRITER_APPENDS)} conditional appends`,
          await measureAppends(WRITERS, MANY_WRITER_APPENDS),
        ),
      );
    }
    const paced = PARTS.has('paced') ? await measurePaced() : new Map<string, RunResult>();
    if (paced.size > 0) {
      print(
        [
          `### ${WRITERS} writers paced at ${fmt(PACED_RATE)} appends/s for ${PACED_SECONDS} s (latency from when each append was due)`,
          '',
          '| store | achieved appends/s | p50 ms | p99 ms |',
          '|---|---:|---:|---:|',
          ...[...paced].map(
            ([name, r]) => `| ${name} | ${fmt(r.perSecond)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} |`,
          ),
          '',
        ].join('\n'),
      );
    }
    if (PARTS.has('replay') && REPLAY_EVENTS > 0) {
      const { raw, replay, verify, verifySm3 } = await measureReplayAndVerify();
      print(
        [
          `### Replay and verify, ${fmt(REPLAY_EVENTS)} events (~${Buffer.byteLength(JSON.stringify(samplePayload(0)))}-byte payloads)`,
          '',
          '| operation | events/s | vs raw row scan |',
          '|---|---:|---:|',
          `| raw row scan: the same pages through better-sqlite3, nothing decoded (floor) | ${fmt(raw)} | 1.00× |`,
          `| readAll replay, pages of 1,000, every event decoded | ${fmt(replay)} | ${fmt(replay / raw, 2)}× |`,
          `| verify: hash chain, position gaps, stream revisions, head record | ${fmt(verify)} | ${fmt(verify / raw, 2)}× |`,
          `| verify, the same events chained with SM3 (国密, DOCKET_CRYPTO=gm) | ${fmt(verifySm3)} | ${fmt(verifySm3 / raw, 2)}× |`,
          '',
          `SM3 / SHA-256 verify: ${fmt(verifySm3 / verify, 2)}× (medians of ${REPEATS}, alternated in one process)`,
          '',
        ].join('\n'),
      );
    }
    if (PARTS.has('subscribers') && SUBSCRIBER_EVENTS > 0) {
      const { alone, fanOut } = await measureSubscribers();
      const perThousand = (run: SubscriberRun) => (run.cpuMs * 1000) / SUBSCRIBER_EVENTS;
      print(
        [
          `### ${SUBSCRIBER_FILTERS.length} live subscribers on one store, ${fmt(SUBSCRIBER_EVENTS)} events appended by ${WRITERS} writers`,
          '',
          '| run | events/s | CPU ms per 1,000 events | decodes per event | SELECTs per event |',
          '|---|---:|---:|---:|---:|',
          `| appends alone (baseline) | ${fmt(alone.perSecond)} | ${fmt(perThousand(alone), 1)} | – | – |`,
          `| appends + ${SUBSCRIBER_FILTERS.length} subscribers, each until it has every event | ${fmt(fanOut.perSecond)} | ${fmt(perThousand(fanOut), 1)} | ${fmt(fanOut.decodesPerEvent, 2)} | ${fmt(fanOut.selectsPerEvent, 3)} |`,
          `| the subscribers' share | | ${fmt(perThousand(fanOut) - perThousand(alone), 1)} | | |`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
