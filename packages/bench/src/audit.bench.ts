/**
 * Audit benchmark (npm run bench): over a BENCH_AUDIT_EVENTS-event (1,000,000) SQLite ledger,
 * (a) verify throughput (hash chain, positions, revisions, head), (b) the rebuild of every read model of
 * the four services from position 0 (`docket rebuild`'s code: @docket/cli rebuildReadModels into fresh
 * SQLite files), (c) as-of reconstruction latency (caseStateAsOf) for a case with ~200 events.
 * Baselines in the same run, on the same file: a bare readAll pass (pages of 1,000, every event decoded)
 * for (a) and (b); for (c) reading the same events (readCorrelated up to the same position, no fold).
 *
 * The ledger: real cases, made by the real deciders through service-kit's command runner (the audit
 * tests' desk, @docket/case-fixtures): the long food-licence case (correction, returned
 * step, reminder and cards, complaint, hearing, decision, delivery, rating) with a second case beside it,
 * and one case whose review is returned ~30 times (the ~200-event case of (c)). Their events are then
 * copied, with fresh case numbers, complaint ids and event ids, stream by stream in the original global
 * order, until the ledger holds BENCH_AUDIT_EVENTS events: every event is one the projections process.
 * Seeded with 64 appends in flight (group commit, durability normal). Figures are medians of
 * BENCH_AUDIT_RUNS runs (3); the as-of latencies are over BENCH_AUDIT_ASOF_SAMPLES (500) reconstructions
 * per run at random positions and instants within the case. BENCH_AUDIT_EVENTS=50000 is a quick run.
 * BENCH_AUDIT_PROFILE=<dir> writes a CPU profile of each rebuild pass there: rebuild-<run>.cpuprofile for
 * (b), and one per worker thread under workers-<run>/ for (b').
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { caseStateAsOf } from '@docket/audit';
import { buildLongCase, company, foodLicence, people } from '@docket/case-fixtures';
import {
  READ_MODEL_SERVICES,
  type RebuildTarget,
  rebuildInWorkers,
  rebuildReadModels,
  serviceProjections,
} from '@docket/cli';
import {
  type NewEvent,
  openSqliteLedger,
  type RecordedEvent,
  type SqliteEventStore,
} from '@docket/event-store';
import { openSqliteReadModelStore } from '@docket/projections';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs, percentile } from './stats';

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 3);
const ASOF_SAMPLES = Number(process.env.BENCH_AUDIT_ASOF_SAMPLES ?? 500);
const LONG_CASE_EVENTS = Number(process.env.BENCH_AUDIT_CASE_EVENTS ?? 200);
const PROFILE_DIR = process.env.BENCH_AUDIT_PROFILE;
const IN_FLIGHT = 64;
const TARGET_VERIFY = 300_000;
const TARGET_REBUILD = 50_000;
const TARGET_ASOF_P99_MS = 20;

/** Template cases on a scratch ledger: the audit tests' long case and a case with ~200 events. */
async function buildTemplates(path: string): Promise<{ events: RecordedEvent[]; longCaseNo: string }> {
  const built = await buildLongCase(path, { durability: 'normal' });
  const { ledger } = built;
  // A case whose review goes back and forth: each round a pass and a return, with the clock following.
  const { desk } = built;
  const food = await desk.defineItem({ ...foodLicence, code: '310101-FOOD-B2' });
  const caseNo = await desk.submit(food, company);
  desk.advance(30);
  await desk.accept(caseNo, food);
  for (let round = 0; (await ledger.readCorrelated(caseNo)).length < LONG_CASE_EVENTS; round++) {
    desk.advance(60);
    await desk.review(
      caseNo,
      'CompleteStep',
      { stepIndex: 0, outcome: 'pass', opinion: `第${round + 1}次承办` },
      people.officer,
    );
    desk.advance(60);
    await desk.review(
      caseNo,
      'CompleteStep',
      { stepIndex: 1, outcome: 'return', returnToStep: 0, opinion: `第${round + 1}次退回：材料需再核实` },
      people.reviewer,
    );
  }
  const events: RecordedEvent[] = [];
  for (let after: bigint | undefined; ; ) {
    const page = await ledger.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1_000 });
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1]!.position;
  }
  await ledger.close();
  return { events, longCaseNo: caseNo };
}

/** Runs of consecutive events of one stream: one append each. */
function appendsOf(events: readonly RecordedEvent[]): { stream: string; events: RecordedEvent[] }[] {
  const runs: { stream: string; events: RecordedEvent[] }[] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last?.stream === event.stream) last.events.push(event);
    else runs.push({ stream: event.stream, events: [event] });
  }
  return runs;
}

const asNew = (e: RecordedEvent, rename: (s: string) => string): NewEvent => ({
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: JSON.parse(rename(JSON.stringify(e.data))),
  occurredAt: e.occurredAt,
  actor: e.actor,
  ...(e.channel === undefined ? {} : { channel: e.channel }),
  ...(e.reason === undefined ? {} : { reason: e.reason }),
  ...(e.correlationId === undefined ? {} : { correlationId: rename(e.correlationId) }),
  ...(e.causationId === undefined ? {} : { causationId: e.causationId }),
});

/** The bench ledger: every template event once, then copies of the long case's pair until EVENTS. */
async function seed(path: string, templates: RecordedEvent[], longCaseNo: string): Promise<SqliteEventStore> {
  const ledger = openSqliteLedger({ path, durability: 'normal' });
  const started = nowMs();
  let inFlight: Promise<unknown>[] = [];
  const push = async (stream: string, events: NewEvent[]) => {
    inFlight.push(ledger.appendToStream(stream, events, { expectedRevision: 'any' }));
    if (inFlight.length >= IN_FLIGHT) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  };
  for (const run of appendsOf(templates))
    await push(
      run.stream,
      run.events.map((e) => asNew(e, (s) => s)),
    );
  // The copies: the long case and the case beside it (not the catalogue, not the 200-event case).
  const copied = templates.filter(
    (e) => !e.stream.startsWith('catalogue-') && e.correlationId !== longCaseNo,
  );
  const caseNos = [
    ...new Set(copied.map((e) => e.correlationId).filter((c): c is string => c !== undefined)),
  ];
  const complaintIds = [
    ...new Set(copied.filter((e) => e.stream.startsWith('complaint-')).map((e) => e.stream.slice(10))),
  ];
  const runs = appendsOf(copied);
  let count = templates.length;
  for (let copy = 1; count < EVENTS; copy++) {
    const tag = String(copy).padStart(6, '0');
    const names = [...caseNos, ...complaintIds].map((from, k) => [from, `B${tag}-${k}`] as const);
    const rename = (s: string) => names.reduce((text, [from, to]) => text.replaceAll(from, to), s);
    for (const run of runs) {
      if (count >= EVENTS) break;
      const events = run.events.slice(0, EVENTS - count).map((e) => asNew(e, rename));
      await push(rename(run.stream), events);
      count += events.length;
    }
    if (copy % 2_000 === 0) progress(`seeded ${fmt(count)} events`);
  }
  await Promise.all(inFlight);
  progress(`seeded ${fmt(count)} events in ${fmt((nowMs() - started) / 1000, 1)} s`);
  return ledger;
}

async function readAllPass(ledger: SqliteEventStore): Promise<number> {
  const t0 = nowMs();
  let n = 0;
  for (let after: bigint | undefined; ; ) {
    const page = await ledger.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1_000 });
    if (page.length === 0) break;
    n += page.length;
    after = page[page.length - 1]!.position;
  }
  return n / ((nowMs() - t0) / 1000);
}

async function verifyPass(ledger: SqliteEventStore): Promise<number> {
  const t0 = nowMs();
  const result = await ledger.verify();
  if (!result.ok) throw new Error(`verify failed on an untouched ledger: ${result.reason}`);
  return result.count / ((nowMs() - t0) / 1000);
}

async function rebuildPass(ledger: SqliteEventStore, dir: string, run: number): Promise<number> {
  const targets: RebuildTarget[] = [];
  for (const service of READ_MODEL_SERVICES)
    targets.push({
      name: service,
      store: openSqliteReadModelStore({ path: join(dir, `${service}-${run}.read.db`) }),
      projections: await serviceProjections(service, 'Asia/Shanghai'),
    });
  const result = await profiled(`rebuild-${run}`, () => rebuildReadModels({ ledger, targets }));
  for (const t of targets) await t.store.close();
  return result.events / (result.elapsedMs / 1000);
}

/**
 * With BENCH_AUDIT_PROFILE=<dir>, a CPU profile of the phase alone (the seeding and the other passes
 * would otherwise drown it), written to <dir>/<label>.cpuprofile for Chrome DevTools.
 */
async function profiled<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const dir = PROFILE_DIR;
  if (!dir) return phase();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** (b') `docket rebuild`'s default on several cores: the services side by side in worker threads. */
async function rebuildWorkersPass(ledger: SqliteEventStore, dir: string, run: number): Promise<number> {
  const result = await rebuildInWorkers({
    ledgerPath: join(dir, 'ledger.db'),
    services: READ_MODEL_SERVICES.map((service) => ({
      service,
      path: join(dir, `${service}-workers-${run}.read.db`),
    })),
    upTo: (await ledger.head()).position ?? null,
    timeZone: 'Asia/Shanghai',
    ...(PROFILE_DIR
      ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, `workers-${run}`)}`] }
      : {}),
  });
  return result.events / (result.elapsedMs / 1000);
}

async function asOfPass(ledger: SqliteEventStore, caseNo: string, events: RecordedEvent[]) {
  // Random moments within the case: positions of its events, and instants (domain time) of them.
  const samples = Array.from(
    { length: ASOF_SAMPLES },
    () => events[Math.floor(Math.random() * events.length)]!,
  );
  const timed = async (f: (e: RecordedEvent, k: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let k = 0; k < samples.length; k++) {
      const t0 = nowMs();
      await f(samples[k]!, k);
      ms.push(nowMs() - t0);
    }
    return ms.sort((a, b) => a - b);
  };
  const baseline = await timed((e) => ledger.readCorrelated(caseNo, { upTo: e.position }));
  const asOf = await timed((e, k) =>
    caseStateAsOf(ledger, caseNo, k % 2 === 0 ? { position: e.position } : { instant: e.occurredAt }),
  );
  const full = await timed(() =>
    caseStateAsOf(ledger, caseNo, { position: events[events.length - 1]!.position }),
  );
  return {
    baselineP50: percentile(baseline, 50),
    baselineP99: percentile(baseline, 99),
    p50: percentile(asOf, 50),
    p99: percentile(asOf, 99),
    fullP50: percentile(full, 50),
    fullP99: percentile(full, 99),
  };
}

async function main() {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const dir = tempDir('docket-bench-audit-');
  try {
    const { events: templates, longCaseNo } = await buildTemplates(join(dir.path, 'templates.db'));
    progress(`templates: ${templates.length} events`);
    const ledger = await seed(join(dir.path, 'ledger.db'), templates, longCaseNo);
    const caseEvents = await ledger.readCorrelated(longCaseNo);
    const reads: number[] = [];
    const verifies: number[] = [];
    const rebuilds: number[] = [];
    const workerRebuilds: number[] = [];
    const asOfs: Awaited<ReturnType<typeof asOfPass>>[] = [];
    for (let run = 0; run < RUNS; run++) {
      reads.push(await readAllPass(ledger));
      verifies.push(await verifyPass(ledger));
      rebuilds.push(await rebuildPass(ledger, dir.path, run));
      workerRebuilds.push(await rebuildWorkersPass(ledger, dir.path, run));
      asOfs.push(await asOfPass(ledger, longCaseNo, caseEvents));
      progress(
        `run ${run + 1}: readAll ${fmt(reads[run]!)}/s, verify ${fmt(verifies[run]!)}/s, rebuild ${fmt(rebuilds[run]!)}/s, in workers ${fmt(workerRebuilds[run]!)}/s, ` +
          `as-of p99 ${fmt(asOfs[run]!.p99, 2)} ms`,
      );
    }
    const head = (await ledger.head()).position ?? 0n;
    await ledger.close();
    const m = (values: number[]) => median(values);
    const a = (key: keyof (typeof asOfs)[number]) => m(asOfs.map((r) => r[key]));
    const verdict = (met: boolean) => (met ? 'target met' : 'target NOT met');
    print(`## Audit: verify, rebuild and as-of over ${fmt(Number(head))} events`);
    print();
    print(`${new Date().toISOString()} · ${machine} · median of ${RUNS} runs`);
    print();
    print('| measure | value | baseline (same run) | vs baseline | target | |');
    print('|---|---:|---:|---:|---:|---|');
    print(
      `| (a) verify: chain, positions, revisions, head | ${fmt(m(verifies))} events/s | readAll pass ${fmt(m(reads))} events/s | ${fmt(m(verifies) / m(reads), 2)}× | ≥ ${fmt(TARGET_VERIFY)}/s | ${verdict(m(verifies) >= TARGET_VERIFY)} |`,
    );
    print(
      `| (b) rebuild all read models (4 services, 12 projections), SQLite files | ${fmt(m(rebuilds))} events/s | readAll pass ${fmt(m(reads))} events/s | ${fmt(m(rebuilds) / m(reads), 2)}× | ≥ ${fmt(TARGET_REBUILD)}/s | ${verdict(m(rebuilds) >= TARGET_REBUILD)} |`,
    );
    const workers = Math.min(availableParallelism(), READ_MODEL_SERVICES.length);
    print(
      `| (b') the same in ${workers} worker threads (docket rebuild on ≥ 2 cores) | ${fmt(m(workerRebuilds))} events/s | one thread ${fmt(m(rebuilds))} events/s | ${fmt(m(workerRebuilds) / m(rebuilds), 2)}× | ≥ ${fmt(TARGET_REBUILD)}/s | ${verdict(m(workerRebuilds) >= TARGET_REBUILD)} |`,
    );
    print(
      `| (c) as-of, case of ${caseEvents.length} events, random position/instant: p50 / p99 | ${fmt(a('p50'), 2)} / ${fmt(a('p99'), 2)} ms | readCorrelated up to it ${fmt(a('baselineP50'), 2)} / ${fmt(a('baselineP99'), 2)} ms | ${fmt(a('p99') / a('baselineP99'), 2)}× (p99) | p99 ≤ ${TARGET_ASOF_P99_MS} ms | ${verdict(a('p99') <= TARGET_ASOF_P99_MS)} |`,
    );
    print(
      `| (c') as-of at the case's last event (all ${caseEvents.length} folded): p50 / p99 | ${fmt(a('fullP50'), 2)} / ${fmt(a('fullP99'), 2)} ms | | | p99 ≤ ${TARGET_ASOF_P99_MS} ms | ${verdict(a('fullP99') <= TARGET_ASOF_P99_MS)} |`,
    );
    print();
    print(
      `Ledger: ${fmt(templates.length)} template events from the real deciders, copied to ${fmt(Number(head))}; ` +
        `verify on ${cpus().length} cores (the ledger's worker threads: min(4, cores) above 200,000 events).`,
    );
  } finally {
    dir.cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
