/**
 * Ledger benchmark (npm run bench): durable conditional appends with 1 and 50 concurrent writers,
 * replay (readAll) and verify throughput. Subjects: docket's SQLite ledger; the same append workload
 * through @event-driven-io/emmett-sqlite (a peer event store); raw better-sqlite3 inserts, one durable
 * transaction per append (the floor: no checks, no hashing) and group-committed (the ceiling of the
 * technique docket uses). Every figure is the median of REPEATS runs in this one process, so ratios
 * are fair on a noisy 2-core machine. Knobs: BENCH_REPEATS, BENCH_SUBJECTS=docket,emmett,...,
 * BENCH_SINGLE_APPENDS, BENCH_MANY_APPENDS, BENCH_REPLAY_EVENTS (0 skips replay and verify).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
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

async function measureReplayAndVerify(): Promise<{ replay: number; verify: number }> {
  const store = openSqliteLedger({ path: freshFile('replay'), durability: 'normal' });
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
  const replays: number[] = [];
  const verifies: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    let t0 = nowMs();
    let after: bigint | undefined;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) break;
      n += page.length;
      after = page[page.length - 1]!.position;
    }
    replays.push(n / ((nowMs() - t0) / 1000));
    t0 = nowMs();
    const result = await store.verify();
    if (!result.ok) throw new Error(`verify failed on an untouched ledger: ${result.reason}`);
    verifies.push(result.count / ((nowMs() - t0) / 1000));
  }
  await store.close();
  return { replay: median(replays), verify: median(verifies) };
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
    const paced = await measurePaced();
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
    if (REPLAY_EVENTS === 0) return;
    const { replay, verify } = await measureReplayAndVerify();
    print(
      [
        `### Replay and verify, ${fmt(REPLAY_EVENTS)} events (~${Buffer.byteLength(JSON.stringify(samplePayload(0)))}-byte payloads)`,
        '',
        '| operation | events/s |',
        '|---|---:|',
        `| readAll replay, pages of 1,000, every event decoded | ${fmt(replay)} |`,
        `| verify: hash chain, position gaps, stream revisions, head record | ${fmt(verify)} |`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
