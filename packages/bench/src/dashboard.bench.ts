/**
 * Dashboard query benchmark (npm run bench): the monitoring read models holding a year of 1,000,000
 * cases, and the latency of the queries the 电子监察 screens make, answered by the monitoring service's
 * own query code (`MonitoringQueries`, as its NATS handlers call it) on a real SQLite read-model file.
 *
 * The read models are built the way the service builds them: clock events pass through the real
 * monitoring projections (`apply` inside `applyBatch`, as the runner does). The events come from the
 * real clock decider: for every start day of the year and every kind of case (closed early, closed on
 * time after a reminder, closed late with a yellow card, with a red card, still open) one case is
 * decided through its life, and each of the 1,000,000 cases is a copy of one of them under its own case
 * number, department and item. About 90% are closed, as in a year of a centre's work.
 *
 * Baseline in the same run, on the same file: a point read of one case's clock document by id.
 * Knobs: BENCH_DASHBOARD_CASES (1000000), BENCH_DASHBOARD_SAMPLES (200 per query).
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  type ClockCommand,
  type ClockState,
  createClockDecider,
  createWorkingCalendar,
  nationalHolidaySchedules,
  type StartedClockState,
  systemActor,
} from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import { openSqliteLedger } from '@docket/event-store';
import { demoDirectory, demoUsers } from '@docket/identity';
import { ACTOR_HEADER, actorHeader, createInProcessBus } from '@docket/messaging';
import { ClockCommands, MonitoringQueries, monitoringProjections } from '@docket/monitoring';
import { openSqliteReadModelStore } from '@docket/projections';
import { adjustableClock, type ServiceDeps, silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs, percentile } from './stats';

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 200);
const TARGET_P99_MS = 50;
const TIME_ZONE = 'Asia/Shanghai';
/** Domain "now": the evening of the year's last working day the calendar data covers. */
const NOW = '2026-11-30T18:00:00+08:00';
const CHUNK = 20_000;

const calendar = createWorkingCalendar(nationalHolidaySchedules, { timeZone: TIME_ZONE });
const decider = createClockDecider({ calendar });
const monitoring = systemActor('monitoring');
/** Where the case's number, department and item go in a template's JSON. */
const CASE = '@@CASE@@';
const DEPT = '@@DEPT@@';
const ITEM = '@@ITEM@@';
const DEPARTMENTS = [
  'huangpu-market',
  'huangpu-planning',
  'huangpu-fire',
  'huangpu-nanjingdong',
  'huangpu-waitan',
];
const ITEMS = ['310101-FOOD-BL', '310101-FOOD-TZ', '310101-PLAN-01', '310101-FIRE-01', '310101-STREET-01'];

type Kind = 'early' | 'on_time' | 'yellow' | 'red' | 'open';
/** Out of 100 cases: how many of each kind (about 90% closed). */
const MIX: [Kind, number][] = [
  ['early', 25],
  ['on_time', 50],
  ['yellow', 10],
  ['red', 5],
  ['open', 10],
];

interface TemplateEvent {
  type: string;
  occurredAt: string;
  data: unknown;
}

const later = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * 60_000).toISOString();

/** One case of `kind` started at `start`, decided through its life: its clock's events. */
function template(kind: Kind, start: string): string {
  let state: ClockState = decider.initialState();
  const events: TemplateEvent[] = [];
  const run = (type: ClockCommand['type'], data: unknown, now: string) => {
    const decided = decider.decide(
      { type, data, metadata: { now, actor: monitoring } } as ClockCommand,
      state,
    );
    for (const event of decided) {
      state = decider.evolve(state, event);
      events.push({ type: event.type, occurredAt: now, data: event.data });
    }
  };
  run(
    'StartClock',
    {
      caseNo: CASE,
      itemCode: ITEM,
      itemName: '许可事项',
      department: DEPT,
      acceptingUnit: 'huangpu-window',
      category: 'promised',
      startedAt: start,
      promisedDeadline: calendar.deadline(start, { value: 5, unit: 'working_days' }),
      statutoryDeadline: calendar.deadline(start, { value: 20, unit: 'working_days' }),
      deemedApprovalOnTimeout: false,
      deemedApprovalDeadline: 'statutory',
      coHandlers: [],
      // The step's limit is the statutory one: its warnings stay out of the case's way.
      steps: [{ index: 0, name: '承办', limit: { value: 20, unit: 'working_days' } }],
      causationEventId: 'bench-review-opened',
    },
    start,
  );
  const clock = () => state as StartedClockState;
  const evaluateAfter = (instant: string | null) => {
    if (instant !== null && Date.parse(instant) < Date.parse(NOW))
      run('EvaluateTimers', {}, later(instant, 1));
  };
  const stopAt = (now: string) =>
    run('StopClock', { outcome: 'decided', causationEventId: 'bench-decided' }, now);
  const { promised } = clock();
  switch (kind) {
    case 'early':
      return finish(stopAt(later(start, 60 * 24)));
    case 'on_time':
      evaluateAfter(promised.reminderAt);
      return finish(stopAt(later(promised.reminderAt ?? start, 60)));
    case 'yellow':
      evaluateAfter(promised.reminderAt);
      evaluateAfter(promised.deadline);
      evaluateAfter(promised.yellowAt);
      return finish(stopAt(later(promised.yellowAt, 60)));
    case 'red':
      evaluateAfter(promised.reminderAt);
      evaluateAfter(promised.deadline);
      evaluateAfter(promised.yellowAt);
      evaluateAfter(promised.redAt);
      return finish(stopAt(later(promised.redAt, 60)));
    case 'open':
      // Still open "now": every warning due by then raised, as the scheduler would have.
      run('EvaluateTimers', {}, NOW);
      return finish(undefined);
  }
  function finish(_: unknown): string {
    return JSON.stringify(events);
  }
}

/** The office-hours start instants of working days in [from, to]: when windows accept cases. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to); at += 86_400_000) {
    const start = new Date(at).toISOString();
    if (calendar.isWorkingDay(calendar.localDate(start))) days.push(start);
  }
  return days;
}

/** A small deterministic generator, so every run seeds the same year. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  print(
    `# Dashboard queries: ${fmt(CASES)} cases in the monitoring read models (${fmt(SAMPLES)} samples each)`,
  );
  print(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const dir = tempDir('docket-bench-dashboard-');
  try {
    // The year's templates: closed cases started Jan–mid Nov, open ones in the last fortnight.
    const closedDays = workingDays('2026-01-05T02:00:00Z', '2026-11-13T02:00:00Z');
    const openDays = workingDays('2026-11-16T02:00:00Z', '2026-11-30T02:00:00Z');
    const templates = new Map<Kind, string[]>();
    for (const [kind] of MIX)
      templates.set(
        kind,
        (kind === 'open' ? openDays : closedDays).map((day) => template(kind, day)),
      );
    const kinds = MIX.flatMap(([kind, n]) => Array.from({ length: n }, () => kind));

    const readModels = openSqliteReadModelStore({ path: join(dir.path, 'monitoring.read.db') });
    const projections = monitoringProjections(TIME_ZONE);
    await readModels.ensureCollections(projections.flatMap((p) => p.collections));
    const next = random(42);
    let position = 0n;
    let events: RecordedEvent[] = [];
    const seeded = nowMs();
    const flush = async () => {
      for (const projection of projections) {
        if (position === 0n) break;
        await readModels.applyBatch(projection.name, position, async (tx) => {
          for (const event of events) {
            tx.at(event.position);
            await projection.apply(event, tx);
          }
        });
      }
      events = [];
    };
    const caseNos: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const caseNo = `310101-2026-${String(i).padStart(7, '0')}`;
      if (i % 997 === 0) caseNos.push(caseNo);
      const kind = kinds[Math.floor(next() * kinds.length)]!;
      const choices = templates.get(kind)!;
      const json = choices[Math.floor(next() * choices.length)]!.replaceAll(CASE, caseNo)
        .replaceAll(DEPT, DEPARTMENTS[Math.floor(next() * DEPARTMENTS.length)]!)
        .replaceAll(ITEM, ITEMS[Math.floor(next() * ITEMS.length)]!);
      (JSON.parse(json) as TemplateEvent[]).forEach((event, revision) => {
        position += 1n;
        events.push({
          id: `bench-${position}`,
          type: event.type,
          schemaVersion: 1,
          stream: `clock-${caseNo}`,
          revision: BigInt(revision),
          position,
          occurredAt: event.occurredAt,
          recordedAt: event.occurredAt,
          actor: { id: monitoring.id, roles: monitoring.roles },
          data: event.data,
          hash: '',
        } as RecordedEvent);
      });
      if (events.length >= CHUNK) await flush();
      if (i > 0 && i % 100_000 === 0) progress(`${fmt(i)} cases, ${fmt(Number(position))} events`);
    }
    await flush();
    const seedSeconds = (nowMs() - seeded) / 1000;
    progress(`seeded: ${fmt(Number(position))} events in ${fmt(seedSeconds, 1)} s`);

    // The queries as the monitoring service's handlers run them, for the district's monitor.
    const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const deps: ServiceDeps = {
      ledger,
      bus: createInProcessBus(),
      readModels,
      relayCheckpoints: readModels,
      // Domain time stands at NOW (the overdue counts compare with it).
      clock: adjustableClock(TIME_ZONE, Date.parse(NOW) - Date.now()),
      directory: demoDirectory(),
      calendar,
      logger: silentLogger,
    };
    const queries = new MonitoringQueries(deps, new ClockCommands(deps));
    const asMonitor = { [ACTOR_HEADER]: actorHeader(demoUsers.monitor) };
    const asHead = { [ACTOR_HEADER]: actorHeader(demoUsers.head) };
    const lastSeq = Number(position);
    const pick = random(7);
    const cases: [string, () => Promise<unknown>][] = [
      [
        'baseline: one clock document by id',
        () => readModels.get('clocks', caseNos[Math.floor(pick() * caseNos.length)]!),
      ],
      [
        'tiles, the district, one month',
        () =>
          queries.tiles({ from: '2026-11-01', to: '2026-11-30' }, { headers: asMonitor, subject: 'tiles' }),
      ],
      [
        'tiles, the district, the year',
        () =>
          queries.tiles({ from: '2026-01-01', to: '2026-12-31' }, { headers: asMonitor, subject: 'tiles' }),
      ],
      [
        'tiles, one department (its head), one month',
        () => queries.tiles({ from: '2026-11-01', to: '2026-11-30' }, { headers: asHead, subject: 'tiles' }),
      ],
      [
        'figures per item, the district, the year',
        () =>
          queries.items({ from: '2026-01-01', to: '2026-12-31' }, { headers: asMonitor, subject: 'items' }),
      ],
      [
        'open warnings, first page of 50',
        () =>
          queries.warnings({ page: { offset: 0, limit: 50 } }, { headers: asMonitor, subject: 'warnings' }),
      ],
      [
        'open warnings of one department, page 3',
        () =>
          queries.warnings(
            { department: 'huangpu-market', page: { offset: 100, limit: 50 } },
            { headers: asMonitor, subject: 'warnings' },
          ),
      ],
      [
        'live feed, the latest 100 (SSE resumption)',
        () =>
          queries.feed({ after: String(lastSeq - 400), limit: 100 }, { headers: asMonitor, subject: 'feed' }),
      ],
    ];
    const rows: { name: string; p50: number; p99: number }[] = [];
    for (const [name, query] of cases) {
      for (let i = 0; i < 10; i++) await query(); // warm the page cache and the statements
      const latencies: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const started = nowMs();
        await query();
        latencies.push(nowMs() - started);
      }
      latencies.sort((a, b) => a - b);
      rows.push({ name, p50: median(latencies), p99: percentile(latencies, 99) });
      progress(`${name}: p50 ${fmt(median(latencies), 2)} ms`);
    }
    const sample = (await queries.tiles(
      { from: '2026-01-01', to: '2026-12-31' },
      { headers: asMonitor, subject: 'tiles' },
    )) as {
      department: string;
      accepted: number;
      closed: number;
      inProgress: number;
      overdue: number;
    }[];
    const total = sample.reduce((sum, tile) => sum + tile.accepted, 0);
    if (total !== CASES) throw new Error(`the tiles count ${total} cases accepted, not ${CASES}`);
    await ledger.close();
    await readModels.close();

    const baseline = rows[0]!;
    print();
    print(
      `read models seeded through the projections: ${fmt(Number(position))} clock events in ${fmt(seedSeconds)} s`,
    );
    print(
      `year's tiles: ${sample
        .map(
          (t) =>
            `${t.department} ${fmt(t.closed)} closed, ${fmt(t.inProgress)} open, ${fmt(t.overdue)} overdue`,
        )
        .filter((_, i) => sample[i]!.accepted > 0)
        .join('; ')}`,
    );
    print();
    print('| query                                          | p50 ms | p99 ms | p50 vs baseline |');
    print('| ---------------------------------------------- | -----: | -----: | --------------: |');
    for (const row of rows)
      print(
        `| ${row.name.padEnd(46)} | ${fmt(row.p50, 2).padStart(6)} | ${fmt(row.p99, 2).padStart(6)} | ${`${fmt(row.p50 / baseline.p50, 0)}×`.padStart(15)} |`,
      );
    const worst = Math.max(...rows.map((r) => r.p99));
    print();
    print(
      worst <= TARGET_P99_MS
        ? `target met: every query's p99 ≤ ${TARGET_P99_MS} ms (worst ${fmt(worst, 1)} ms)`
        : `target NOT met: worst p99 ${fmt(worst, 1)} ms > ${TARGET_P99_MS} ms`,
    );
  } finally {
    dir.cleanup();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
