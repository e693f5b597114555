/**
 * Wall benchmark (npm run bench): the 电子监察 wall in headless Chromium (Debian's) at 1920×1080, open on
 * the full-screen mode over BENCH_WALL_DEPARTMENTS (200) departments while BENCH_WALL_RATE (100) clock
 * events a second are appended to the ledger (reminders for random departments: each goes through the
 * monitoring projections and the live feed, and makes the wall re-read, as a busy centre's would).
 * (a) From an event appended to the lamp's colour in the browser's DOM: a red card raised for one
 *     department (until its tile's lamp says red), then withdrawn (until it no longer does); p50 / p99.
 *     The path: ledger → monitoring projections → feed (the gateway polls it every second) → SSE → the
 *     wall's coalesced re-read of the tiles → React.
 * (b) The page's JS heap (CDP Runtime.getHeapUsage, no forced GC) sampled every BENCH_WALL_HEAP_EVERY_S
 *     (10) seconds for BENCH_WALL_MINUTES (30): the peak after the first sixth of the run (5 of 30 min)
 *     against the peak of that first part (target: at most 10% above).
 * The events are appended straight to the ledger, to clock streams of cases that start as the real one
 * did (its ClockStarted, under a new case number and a random department), a few events each as a
 * centre's cases have: the load is many cases moving, not one case with thousands of events (a case's
 * clock document holds its warnings, so one stream taking all the load measures that document's size).
 * Each sample is a new case of a watched department, started with a red card up; then the card goes.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { clockStreamName } from '@docket/domain';
import {
  browserUnavailable,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  reviewOpened,
  signedInContext,
  submit,
  until,
  VIEWPORTS,
} from '@docket/e2e';
import { startEmbedded } from '@docket/embedded';
import { createDepartmentTree, type Directory, demoDepartments, demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs, percentile } from './stats';

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const DEPARTMENTS = Number(process.env.BENCH_WALL_DEPARTMENTS ?? 200);
const RATE = Number(process.env.BENCH_WALL_RATE ?? 100);
const MINUTES = Number(process.env.BENCH_WALL_MINUTES ?? 30);
const HEAP_EVERY_S = Number(process.env.BENCH_WALL_HEAP_EVERY_S ?? 10);
const TARGET_P99_MS = 1000;
const TARGET_HEAP_GROWTH = 0.1;

/** The demo centre with functional departments added under the district, up to `count` in all. */
function directoryOf(count: number): Directory {
  const extra = Array.from({ length: Math.max(0, count - demoDepartments.length) }, (_, n) => ({
    id: `huangpu-bench-${String(n + 1).padStart(3, '0')}`,
    name: `黄浦区测试局${String(n + 1).padStart(3, '0')}`,
    parent: 'huangpu',
    kind: 'functional' as const,
  }));
  const tree = createDepartmentTree([...demoDepartments, ...extra]);
  const users = Object.values(demoUsers);
  const byId = new Map(users.map((user) => [user.id, user]));
  return { tree, users, findUser: (id) => byId.get(id) };
}

const system = { id: 'system:monitoring', name: 'monitoring', roles: ['system'] };
const by = { id: 'system:monitoring', name: 'monitoring' };

async function main() {
  const unavailable = browserUnavailable();
  if (unavailable !== undefined) {
    print('## Wall: event to lamp, and the heap over time');
    print();
    print(`not measured: ${unavailable}`);
    return;
  }
  const directory = directoryOf(DEPARTMENTS);
  const departments = directory.tree.all.map((d) => d.id);
  const watched = departments.filter((id) => id.startsWith('huangpu-bench-'));
  const dir = tempDir('docket-bench-wall-');
  const docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, directory });
  const latencies = { red: [] as number[], green: [] as number[] };
  /** Baseline: the wall's one re-read (GET /api/monitoring/tiles for its 200 tiles) from Node, under the same load. */
  const reads: number[] = [];
  const heap: { at: number; used: number }[] = [];
  /** What stays after a forced collection, once the warm-up is over and at the end: a leak shows here. */
  const retained: number[] = [];
  let appended = 0;
  try {
    const client = new DocketClient(docket.url);
    const d = desks(client);
    const { caseNo } = await submit(d.clerk);
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.officer, caseNo);
    await until('the clock of the case', async () => {
      const answer = await d.monitor.get<{ clock: { status: string } }>(`/api/monitoring/clocks/${caseNo}`);
      return answer.body?.clock?.status === 'running' ? true : undefined;
    });
    const [started] = await docket.ledger.readStream(clockStreamName(caseNo), { maxCount: 1 });
    if (started?.type !== 'ClockStarted') throw new Error(`the clock of ${caseNo} did not start`);
    let cases = 0;
    /** A new case like the real one, of `department`: its number, for the events that follow. */
    const newCase = (department: string) => {
      cases += 1;
      const no = `20261207-B${cases.toString(36).toUpperCase().padStart(6, '0')}`;
      const data = { ...(started.data as Record<string, unknown>), caseNo: no, department };
      return { no, started: { type: 'ClockStarted', data } };
    };
    const append = async (no: string, events: { type: string; data: Record<string, unknown> }[]) => {
      const at = new Date().toISOString();
      await docket.ledger.appendToStream(
        clockStreamName(no),
        events.map(({ type, data }) => ({
          id: randomUUID(),
          type,
          data: type === 'ClockStarted' ? data : { ...data, nextDueAt: null, at, by },
          occurredAt: at,
          actor: system,
          channel: 'system',
          correlationId: no,
        })),
      );
      appended += events.length;
    };

    const token = await client.token(demoUsers.monitor.id);
    const browser = await launchChromium();
    try {
      const context = await signedInContext(browser, { actor: demoUsers.monitor, token }, VIEWPORTS.wall);
      const page = await context.newPage();
      await page.goto(`${docket.url}/wall/screen`);
      await page.locator('.wall[data-feed="live"]').waitFor({ timeout: 60_000 });
      await page
        .locator(`.wall-tile[data-department="${watched[0]}"]`)
        .waitFor({ state: 'attached', timeout: 60_000 });
      progress(`wall open on ${departments.length} departments`);
      const cdp = await context.newCDPSession(page);
      const started = nowMs();
      const end = started + MINUTES * 60_000;

      // The load: RATE events a second, in ten batches; each batch a case of a random department starting,
      // with reminders (ten events a case at the default rate).
      const perTick = Math.max(1, Math.round(RATE / 10));
      let loadRunning = true;
      const load = (async () => {
        let next = nowMs();
        while (loadRunning) {
          const department = departments[Math.floor(Math.random() * departments.length)]!;
          const { no, started: start } = newCase(department);
          const reminder = () => ({
            type: 'ReminderIssued',
            data: {
              scope: 'case',
              deadline: new Date(Date.now() + 86_400_000).toISOString(),
              dueAt: new Date().toISOString(),
              answerableDepartment: department,
            },
          });
          await append(no, [start, ...Array.from({ length: perTick - 1 }, reminder)]);
          next += 100;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - nowMs())));
        }
      })();
      const collected = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        retained.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
      };
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      const from = new Date(Date.parse(today) - 29 * 86_400_000).toISOString().slice(0, 10);
      const readTimer = setInterval(() => {
        const asked = nowMs();
        void fetch(`${docket.url}/api/monitoring/tiles?from=${from}&to=${today}`, {
          headers: { authorization: `Bearer ${token}` },
        }).then(
          async (answer) => {
            await answer.arrayBuffer();
            if (answer.ok) reads.push(nowMs() - asked);
          },
          () => {},
        );
      }, 2000);
      const heapTimer = setInterval(() => {
        void cdp.send('Runtime.getHeapUsage').then(
          ({ usedSize }) => heap.push({ at: nowMs() - started, used: usedSize }),
          () => {},
        );
      }, HEAP_EVERY_S * 1000);
      const warmTimer = setTimeout(() => void collected().catch(() => {}), (MINUTES * 60_000) / 6);

      // The samples: a red card up and down for one watched department after another.
      let n = 0;
      while (nowMs() < end) {
        const department = watched[n % watched.length]!;
        const lamp = page.locator(`.wall-tile[data-department="${department}"] [data-lamp="red"]`);
        const card = {
          scope: 'step',
          stepIndex: 0,
          level: 'red',
          deadline: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 60_000).toISOString(),
          answerableDepartment: department,
        };
        const sample = newCase(department);
        const raised = nowMs();
        await append(sample.no, [
          sample.started,
          {
            type: 'RedCardRaised',
            data: {
              ...card,
              level: undefined,
              dueAt: new Date().toISOString(),
              overdueWorkingDays: 2,
              supersedes: 'yellow',
            },
          },
        ]);
        await lamp.waitFor({ state: 'attached', timeout: 60_000 });
        latencies.red.push(nowMs() - raised);
        if (nowMs() - raised > TARGET_P99_MS)
          progress(`slow: red after ${fmt(nowMs() - raised)} ms at ${fmt((raised - started) / 1000, 1)} s`);
        const withdrawn = nowMs();
        await append(sample.no, [{ type: 'CardWithdrawn', data: { ...card, reason: 'case_completed' } }]);
        await lamp.waitFor({ state: 'detached', timeout: 60_000 });
        latencies.green.push(nowMs() - withdrawn);
        if (nowMs() - withdrawn > TARGET_P99_MS)
          progress(
            `slow: green after ${fmt(nowMs() - withdrawn)} ms at ${fmt((withdrawn - started) / 1000, 1)} s`,
          );
        n += 1;
        if (n % 20 === 0)
          progress(
            `${fmt((nowMs() - started) / 60_000, 1)} min: ${n} samples, red p50 ${fmt(median(latencies.red))} ms, heap ${fmt((heap.at(-1)?.used ?? 0) / 2 ** 20, 1)} MiB`,
          );
      }
      loadRunning = false;
      clearInterval(heapTimer);
      clearInterval(readTimer);
      clearTimeout(warmTimer);
      await load;
      await collected();
      await context.close();
    } finally {
      await browser.close();
    }
  } finally {
    await docket.close();
    dir.cleanup();
  }

  const all = [...latencies.red, ...latencies.green].sort((a, b) => a - b);
  const p50 = percentile(all, 50);
  const p99 = percentile(all, 99);
  const warmMs = (MINUTES * 60_000) / 6;
  const firstPeak = Math.max(0, ...heap.filter((h) => h.at <= warmMs).map((h) => h.used));
  const laterPeak = Math.max(0, ...heap.filter((h) => h.at > warmMs).map((h) => h.used));
  const growth = firstPeak === 0 ? Number.NaN : laterPeak / firstPeak - 1;
  const mib = (bytes: number) => fmt(bytes / 2 ** 20, 1);
  const full = DEPARTMENTS >= 200 && RATE >= 100 && MINUTES >= 30;
  print('## Wall: from an event appended to the lamp in the DOM, and the heap over time');
  print();
  print(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} · ${DEPARTMENTS} departments, ${RATE} events/s (${appended} appended), ${MINUTES} min${full ? '' : ' (reduced: the target is 200 departments, 100 events/s, 30 min)'}`,
  );
  print();
  print('| measure | value | target | |');
  print('|---|---:|---:|---|');
  print(
    `| (a) event appended → lamp in the DOM (${all.length} samples: red up and down) | p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms | p99 ≤ ${TARGET_P99_MS} ms | ${p99 <= TARGET_P99_MS ? 'target met' : 'target NOT met'} |`,
  );
  const read = percentile(
    [...reads].sort((a, b) => a - b),
    50,
  );
  print(
    `| baseline: one re-read of the tiles from Node under the same load (${reads.length} samples) | p50 ${fmt(read)} ms | | lamp p50 = ${fmt(p50 / read, 1)} × the re-read |`,
  );
  print(
    `| (b) JS heap: peak after the first ${fmt(warmMs / 60_000, 1)} min against the peak before | ${mib(laterPeak)} MiB vs ${mib(firstPeak)} MiB (${fmt(growth * 100, 1)}%) | ≤ +${TARGET_HEAP_GROWTH * 100}% | ${growth <= TARGET_HEAP_GROWTH ? 'target met' : 'target NOT met'} |`,
  );
  print();
  print(
    `Retained after a forced collection: ${retained.map(mib).join(' MiB → ')} MiB (after the first ${fmt(warmMs / 60_000, 1)} min, at the end); ${heap.length} heap samples every ${HEAP_EVERY_S} s.`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
