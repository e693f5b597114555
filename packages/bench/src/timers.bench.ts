/**
 * Timer evaluation benchmark (npm run bench): the monitoring service with 100,000 open clocks, domain
 * time moved forward one day, and the time until every warning that became due is in the ledger (fired)
 * and on the dashboards (the warnings, feed and stats read models caught up). Every clock's reminder
 * (提醒) falls due in that day, all at once: the worst case.
 *
 * The service runs as it does in production: the clocks read model says which clocks are due, the
 * scheduler looks every second (the default interval), evaluates them through the clock's decider and
 * appends each warning to the durable SQLite ledger (fsync per group commit); its relay and four
 * projections run in the same process. Two moves of time, one after the other:
 * - the first just after the service started on clocks it has never held (as after a restart, its relay's
 *   place kept): each clock's state is read from the ledger once (one reminder per clock);
 * - the second a day later, on the clocks the service evaluated itself and so holds in memory (one
 *   promised deadline passed per clock): the steady state of a running service.
 * Baselines in the same run, on the same ledger file:
 * - conditional appends of one event per stream by 32 writers (the ledger's part of firing a warning);
 * - the StartClock commands that opened the clocks, run the same way as an evaluation (load the stream,
 *   decide, append), 32 at a time: an evaluation without the finding.
 * Besides wall time, the CPU time the process used (user + system, all threads) from each move of time
 * until it was fired: a figure the other work on a shared machine disturbs far less.
 * Knobs: BENCH_TIMER_CASES (100000), BENCH_TIMER_RUNS (3).
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  type ClockCommandOf,
  createWorkingCalendar,
  nationalHolidaySchedules,
  type WorkingCalendar,
} from '@docket/domain';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoDirectory } from '@docket/identity';
import { createInProcessBus } from '@docket/messaging';
import { ClockCommands, startMonitoring } from '@docket/monitoring';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { type AdjustableClock, adjustableClock, type ServiceDeps, silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs } from './stats';
import { sampleActor } from './workload';

const print = (text = '') => process.stdout.write(`${text}\n`);
/** Progress, on stderr: a run takes minutes. */
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const CASES = Number(process.env.BENCH_TIMER_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_TIMER_RUNS ?? 3);
const WRITERS = 32;
const TARGET_MS = 5000;
const TIME_ZONE = 'Asia/Shanghai';
/**
 * Domain time at the start: a Monday evening in Shanghai (after office hours), in an ordinary week. A
 * clock started then counts from Tuesday, so 1 working day runs to Wednesday's close and its reminder
 * (one working day before) is Tuesday 17:30: due within the day the benchmark moves time by.
 */
const MONDAY = '2026-12-07T18:00:00+08:00';
const ONE_DAY_MS = 86_400_000;

/** Runs `task(i)` for i in [0, n) with `writers` at a time; answers the seconds it took. */
async function inParallel(
  n: number,
  writers: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < n; i = next++) await task(i);
    }),
  );
  return (nowMs() - started) / 1000;
}

const startData = (
  i: number,
  calendar: WorkingCalendar,
  now: string,
): ClockCommandOf<'StartClock'>['data'] => ({
  caseNo: `B-${String(i).padStart(7, '0')}`,
  itemCode: '310101-FOOD-BL',
  itemName: '食品经营许可',
  department: 'huangpu-market',
  acceptingUnit: 'huangpu-window',
  category: 'promised',
  startedAt: now,
  // Promised in 1 working day (Wednesday's close): the reminder, a working day before, at Tuesday's.
  promisedDeadline: calendar.deadline(now, { value: 1, unit: 'working_days' }),
  statutoryDeadline: calendar.deadline(now, { value: 10, unit: 'working_days' }),
  deemedApprovalOnTimeout: false,
  deemedApprovalDeadline: 'statutory',
  coHandlers: [],
  steps: [{ index: 0, name: '承办', limit: { value: 5, unit: 'working_days' } }],
  causationEventId: `bench-opened-${i}`,
});

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = nowMs();
  while (!(await probe())) {
    if (nowMs() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return nowMs() - started;
}

const caughtUp = (store: ReadModelStore, ledger: EventStore, projections: string[]) => async () => {
  const head = (await ledger.head()).position ?? 0n;
  for (const name of projections) if (((await store.checkpoint(name)) ?? -1n) < head) return false;
  return true;
};

/** CPU time this process has used so far (user + system, every thread), in ms. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** One move of domain time: how long until its warnings were in the ledger, and on the dashboards. */
interface MoveFigures {
  firedMs: number;
  projectedMs: number;
  /** CPU time used from the move until every warning was in the ledger. */
  firedCpuMs: number;
}

interface RunFigures {
  rawAppendsPerSecond: number;
  startsPerSecond: number;
  /** CPU time per raw append and per StartClock command, µs. */
  rawAppendCpuUs: number;
  startCpuUs: number;
  catchUpSeconds: number;
  /** Clocks the service has not held before (as after a restart): one reminder each. */
  unheld: MoveFigures;
  /** The same clocks a day later, held by the service that evaluated them: one deadline passed each. */
  held: MoveFigures;
}

const PROJECTIONS = ['monitoring-clocks', 'monitoring-warnings.v2', 'monitoring-stats', 'monitoring-feed'];

/** Moves domain time a day on and waits for one `type` warning per clock in the ledger, then the dashboards. */
async function moveTime(
  ledger: EventStore,
  readModels: ReadModelStore,
  clock: AdjustableClock,
  type: string,
): Promise<MoveFigures> {
  const before = (await ledger.head()).position ?? 0n;
  const cpuBefore = cpuMs();
  clock.advance(ONE_DAY_MS + 60_000);
  const firedMs = await until(
    async () => ((await ledger.head()).position ?? 0n) - before >= BigInt(CASES),
    600_000,
    'the warnings',
  );
  const firedCpuMs = cpuMs() - cpuBefore;
  const projectedMs =
    firedMs + (await until(caughtUp(readModels, ledger, PROJECTIONS), 600_000, 'the dashboards'));
  // What fired: one warning per clock, nothing else, none twice.
  const fired = await ledger.readAll({ after: before });
  const streams = new Set(fired.map((e) => e.stream));
  if (fired.length !== CASES || streams.size !== CASES || fired.some((e) => e.type !== type))
    throw new Error(
      `expected ${CASES} ${type} on ${CASES} clocks, got ${fired.length} events on ${streams.size}`,
    );
  return { firedMs, projectedMs, firedCpuMs };
}

async function run(): Promise<RunFigures> {
  const dir = tempDir('docket-bench-timers-');
  try {
    // Baseline 1: the bare ledger, one conditional append per stream, 32 writers.
    const raw = openSqliteLedger({ path: join(dir.path, 'raw.db') });
    const rawCpu = cpuMs();
    const rawSeconds = await inParallel(CASES, WRITERS, (i) =>
      raw.appendToStream(
        `clock-R-${i}`,
        [{ type: 'ReminderIssued', data: { n: i, at: MONDAY }, occurredAt: MONDAY, actor: sampleActor }],
        { expectedRevision: 'no_stream' },
      ),
    );
    const rawAppendCpuUs = ((cpuMs() - rawCpu) * 1000) / CASES;
    await raw.close();
    progress(`raw appends: ${fmt(rawSeconds, 1)} s`);

    const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const readModels = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    const relayPlaces = openSqliteReadModelStore({ path: ':memory:' });
    const bus = createInProcessBus();
    const clock = adjustableClock(TIME_ZONE, Date.parse(MONDAY) - Date.now());
    const calendar = createWorkingCalendar(nationalHolidaySchedules, { timeZone: TIME_ZONE });
    const deps: ServiceDeps = {
      ledger,
      bus,
      readModels,
      relayCheckpoints: relayPlaces,
      clock,
      directory: demoDirectory(),
      calendar,
      logger: silentLogger,
    };
    // Baseline 2 (and the seed): the clocks opened by the commands monitoring runs on ReviewOpened, here
    // by a runner of their own: the service started below has held none of them.
    const clocks = new ClockCommands(deps);
    const startsCpu = cpuMs();
    const startsSeconds = await inParallel(CASES, WRITERS, (i) => {
      const data = startData(i, calendar, clock.now());
      return clocks.run(data.caseNo, 'StartClock', data);
    });
    const startCpuUs = ((cpuMs() - startsCpu) * 1000) / CASES;

    progress(`clocks started: ${fmt(startsSeconds, 1)} s`);
    // As after a restart: the service's relay published these events before (its place is kept), so
    // nothing tells the service of the clocks but the ledger, when it needs them.
    const head = (await ledger.head()).position;
    if (head !== undefined) await relayPlaces.applyBatch('monitoring-relay', head, () => undefined);
    const started = nowMs();
    const monitoring = await startMonitoring(deps);
    await until(caughtUp(readModels, ledger, PROJECTIONS), 600_000, 'the read models');
    const catchUpSeconds = (nowMs() - started) / 1000;
    progress(`read models caught up: ${fmt(catchUpSeconds, 1)} s`);

    const unheld = await moveTime(ledger, readModels, clock, 'ReminderIssued');
    progress(`clocks not held: fired in ${fmt(unheld.firedMs)} ms`);
    const held = await moveTime(ledger, readModels, clock, 'DeadlinePassed');
    progress(`clocks held: fired in ${fmt(held.firedMs)} ms`);
    await monitoring.close();
    await bus.close();
    await relayPlaces.close();
    await readModels.close();
    await ledger.close();
    return {
      rawAppendsPerSecond: CASES / rawSeconds,
      startsPerSecond: CASES / startsSeconds,
      rawAppendCpuUs,
      startCpuUs,
      catchUpSeconds,
      unheld,
      held,
    };
  } finally {
    dir.cleanup();
  }
}

async function main() {
  print(`# Timer evaluation: ${fmt(CASES)} open clocks, domain time moved one day (median of ${RUNS})`);
  print(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const figures = await run();
    runs.push(figures);
    print(
      `run ${i + 1}: fired ${fmt(figures.unheld.firedMs)} ms, on the dashboards ${fmt(figures.unheld.projectedMs)} ms; ` +
        `held: fired ${fmt(figures.held.firedMs)} ms, on the dashboards ${fmt(figures.held.projectedMs)} ms; ` +
        `raw appends ${fmt(figures.rawAppendsPerSecond)}/s, StartClock ${fmt(figures.startsPerSecond)}/s`,
    );
  }
  const m = (figure: (r: RunFigures) => number) => median(runs.map(figure));
  const row = (measure: string, value: string) => print(`| ${measure.padEnd(66)} | ${value.padStart(13)} |`);
  const perSecond = (move: (r: RunFigures) => MoveFigures) => CASES / (m((r) => move(r).firedMs) / 1000);
  const cpuPerWarning = (move: (r: RunFigures) => MoveFigures) =>
    m((r) => (move(r).firedCpuMs * 1000) / CASES);
  const unheld = (r: RunFigures) => r.unheld;
  const held = (r: RunFigures) => r.held;
  print();
  print(`| ${'measure'.padEnd(66)} | ${'value'.padStart(13)} |`);
  print(`| ${'-'.repeat(66)} | ${'-'.repeat(12)}: |`);
  row('baseline: conditional appends, 32 writers', `${fmt(m((r) => r.rawAppendsPerSecond))} /s`);
  row(
    'baseline: StartClock commands (load, decide, append), 32 at once',
    `${fmt(m((r) => r.startsPerSecond))} /s`,
  );
  row(
    `read models caught up on ${fmt(CASES)} clocks at start`,
    `${fmt(
      m((r) => r.catchUpSeconds),
      1,
    )} s`,
  );
  row(
    `advance → every due warning in the ledger (target ≤ ${TARGET_MS} ms)`,
    `${fmt(m((r) => r.unheld.firedMs))} ms`,
  );
  row('advance → every warning on the dashboards', `${fmt(m((r) => r.unheld.projectedMs))} ms`);
  row('warnings fired per second', `${fmt(perSecond(unheld))} /s`);
  row('vs StartClock baseline', `${fmt(perSecond(unheld) / m((r) => r.startsPerSecond), 2)}×`);
  row('vs raw appends baseline', `${fmt(perSecond(unheld) / m((r) => r.rawAppendsPerSecond), 2)}×`);
  row('a day later, clocks held: every due warning in the ledger', `${fmt(m((r) => r.held.firedMs))} ms`);
  row('a day later, clocks held: every warning on the dashboards', `${fmt(m((r) => r.held.projectedMs))} ms`);
  row(
    'a day later, clocks held: vs raw appends baseline',
    `${fmt(perSecond(held) / m((r) => r.rawAppendsPerSecond), 2)}×`,
  );
  row(
    'CPU per raw append / per StartClock command',
    `${fmt(m((r) => r.rawAppendCpuUs))} / ${fmt(m((r) => r.startCpuUs))} µs`,
  );
  row(
    'CPU per warning fired: clocks not held / held',
    `${fmt(cpuPerWarning(unheld))} / ${fmt(cpuPerWarning(held))} µs`,
  );
  print();
  print(
    m((r) => r.unheld.firedMs) <= TARGET_MS
      ? 'target met'
      : `target NOT met: ${fmt(m((r) => r.unheld.firedMs))} ms > ${TARGET_MS} ms`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
