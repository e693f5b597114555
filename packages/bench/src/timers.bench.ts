/**
 * Timer evaluation benchmark (npm run bench): the monitoring service with 100,000 open clocks, domain
 * time moved forward one day, and the time until every warning that became due is in the ledger (fired)
 * and on the dashboards (the warnings, feed and stats read models caught up). Every clock's reminder
 * (提醒) falls due in that day, all at once: the worst case.
 *
 * The service runs as it does in production: the clocks read model says which clocks are due, the
 * scheduler looks every second (the default interval), evaluates them 256 at a time through the clock's
 * decider and appends each warning to the durable SQLite ledger (fsync per group commit); its relay and
 * four projections run in the same process. Baselines in the same run, on the same ledger file:
 * - conditional appends of one event per stream by 32 writers (the ledger's part of firing a warning);
 * - the StartClock commands that opened the clocks, run the same way as an evaluation (load the stream,
 *   decide, append), 32 at a time: an evaluation without the finding.
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
import { adjustableClock, type ServiceDeps, silentLogger } from '@docket/service-kit';
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

interface RunFigures {
  rawAppendsPerSecond: number;
  startsPerSecond: number;
  catchUpSeconds: number;
  firedMs: number;
  projectedMs: number;
}

async function run(): Promise<RunFigures> {
  const dir = tempDir('docket-bench-timers-');
  try {
    // Baseline 1: the bare ledger, one conditional append per stream, 32 writers.
    const raw = openSqliteLedger({ path: join(dir.path, 'raw.db') });
    const rawSeconds = await inParallel(CASES, WRITERS, (i) =>
      raw.appendToStream(
        `clock-R-${i}`,
        [{ type: 'ReminderIssued', data: { n: i, at: MONDAY }, occurredAt: MONDAY, actor: sampleActor }],
        { expectedRevision: 'no_stream' },
      ),
    );
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
    // Baseline 2 (and the seed): the clocks opened by the commands monitoring runs on ReviewOpened.
    const clocks = new ClockCommands(deps);
    const startsSeconds = await inParallel(CASES, WRITERS, (i) => {
      const data = startData(i, calendar, clock.now());
      return clocks.run(data.caseNo, 'StartClock', data);
    });

    progress(`clocks started: ${fmt(startsSeconds, 1)} s`);
    const started = nowMs();
    const monitoring = await startMonitoring(deps);
    const projections = ['monitoring-clocks', 'monitoring-warnings', 'monitoring-stats', 'monitoring-feed'];
    await until(caughtUp(readModels, ledger, projections), 600_000, 'the read models');
    const catchUpSeconds = (nowMs() - started) / 1000;
    progress(`read models caught up: ${fmt(catchUpSeconds, 1)} s`);

    const before = (await ledger.head()).position ?? 0n;
    clock.advance(ONE_DAY_MS + 60_000);
    const firedMs = await until(
      async () => ((await ledger.head()).position ?? 0n) - before >= BigInt(CASES),
      600_000,
      'the warnings',
    );
    const projectedMs =
      firedMs + (await until(caughtUp(readModels, ledger, projections), 600_000, 'the dashboards'));
    await monitoring.close();

    // What fired: one reminder per clock, nothing else, none twice.
    const fired = await ledger.readAll({ after: before });
    const streams = new Set(fired.map((e) => e.stream));
    if (fired.length !== CASES || streams.size !== CASES || fired.some((e) => e.type !== 'ReminderIssued'))
      throw new Error(
        `expected ${CASES} reminders on ${CASES} clocks, got ${fired.length} events on ${streams.size}`,
      );
    await bus.close();
    await relayPlaces.close();
    await readModels.close();
    await ledger.close();
    return {
      rawAppendsPerSecond: CASES / rawSeconds,
      startsPerSecond: CASES / startsSeconds,
      catchUpSeconds,
      firedMs,
      projectedMs,
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
      `run ${i + 1}: fired ${fmt(figures.firedMs)} ms, on the dashboards ${fmt(figures.projectedMs)} ms; ` +
        `raw appends ${fmt(figures.rawAppendsPerSecond)}/s, StartClock ${fmt(figures.startsPerSecond)}/s`,
    );
  }
  const m = (key: keyof RunFigures) => median(runs.map((r) => r[key]));
  const firedPerSecond = CASES / (m('firedMs') / 1000);
  print();
  print('| measure                                                        |        value |');
  print('| -------------------------------------------------------------- | -----------: |');
  print(
    `| baseline: conditional appends, 32 writers                      | ${fmt(m('rawAppendsPerSecond')).padStart(9)} /s |`,
  );
  print(
    `| baseline: StartClock commands (load, decide, append), 32 at once | ${fmt(m('startsPerSecond')).padStart(9)} /s |`,
  );
  print(
    `| read models caught up on ${fmt(CASES)} clocks at start              | ${fmt(m('catchUpSeconds'), 1).padStart(10)} s |`,
  );
  print(
    `| advance → every due warning in the ledger (target ≤ ${TARGET_MS} ms)  | ${fmt(m('firedMs')).padStart(9)} ms |`,
  );
  print(
    `| advance → every warning on the dashboards                      | ${fmt(m('projectedMs')).padStart(9)} ms |`,
  );
  print(
    `| warnings fired per second                                      | ${fmt(firedPerSecond).padStart(9)} /s |`,
  );
  print(
    `| vs StartClock baseline                                         | ${fmt(firedPerSecond / m('startsPerSecond'), 2).padStart(11)}× |`,
  );
  print(
    `| vs raw appends baseline                                        | ${fmt(firedPerSecond / m('rawAppendsPerSecond'), 2).padStart(11)}× |`,
  );
  print();
  print(
    m('firedMs') <= TARGET_MS ? 'target met' : `target NOT met: ${fmt(m('firedMs'))} ms > ${TARGET_MS} ms`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
