/**
 * Console benchmark (npm run bench): what a user of the web console waits for.
 * (a) The initial JavaScript and CSS the first screen loads (the entry script, its preloaded chunks and
 *     stylesheets as dist/index.html names them), gzipped as the gateway sends them, against the budget of
 *     350 KB; the largest lazily loaded screen beside it.
 * (b) Opening the console to an interactive department inbox in headless Chromium (Debian's), a fresh
 *     browser context each time (nothing cached), signed in as the officer: from navigation to the first
 *     inbox row on screen. Baseline in the same run: the same navigation to the gateway's health document
 *     (a JSON page: the browser's and the network's own cost). Median of BENCH_CONSOLE_RUNS (5).
 * Against an embedded docket on a temporary data directory, with BENCH_CONSOLE_CASES (20) accepted cases
 * in the officer's inbox.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assetsDir } from '@docket/console';
import { intake } from '@docket/contracts';
import {
  browserUnavailable,
  DocketClient,
  desks,
  expectStatus,
  launchChromium,
  reviewOpened,
  signedInContext,
  submit,
  VIEWPORTS,
} from '@docket/e2e';
import { startEmbedded } from '@docket/embedded';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit/temp-dir';
import { fmt, median, nowMs } from './stats';

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`  … ${text}\n`);
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);
const CASES = Number(process.env.BENCH_CONSOLE_CASES ?? 20);
const BUDGET_KB = 350;
const TARGET_INTERACTIVE_MS = 1000;

/** The files the first screen loads, as index.html names them, with their gzipped sizes. */
function initialLoad(): {
  files: { path: string; gzipped: number }[];
  lazyLargest: { path: string; gzipped: number };
} {
  const html = readFileSync(join(assetsDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gz = (path: string) => gzipSync(readFileSync(join(assetsDir, path)), { level: 9 }).length;
  const files = [...new Set(named)].map((path) => ({ path, gzipped: gz(path) }));
  const initial = new Set(files.map((f) => f.path));
  const others = listAssets().filter((p) => !initial.has(p) && p.endsWith('.js'));
  const lazy = others.map((path) => ({ path, gzipped: gz(path) })).sort((a, b) => b.gzipped - a.gzipped);
  return { files, lazyLargest: lazy[0] ?? { path: '—', gzipped: 0 } };
}

function listAssets(): string[] {
  return readdirSync(join(assetsDir, 'assets')).map((name) => `/assets/${name}`);
}

async function main() {
  const load = initialLoad();
  const initialKb = load.files.reduce((sum, f) => sum + f.gzipped, 0) / 1024;

  const unavailable = browserUnavailable();
  let interactive: number[] = [];
  let baseline: number[] = [];
  if (unavailable === undefined) {
    const dir = tempDir('docket-bench-console-');
    const docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
    try {
      const client = new DocketClient(docket.url);
      const d = desks(client);
      for (let i = 0; i < CASES; i++) {
        const { caseNo } = await submit(d.clerk);
        expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo }, body: {} }), 200);
        if (i === CASES - 1) await reviewOpened(d.officer, caseNo);
      }
      progress(`${CASES} accepted cases in the officer's inbox`);
      const token = await client.token(demoUsers.officer.id);
      const browser = await launchChromium();
      try {
        for (let run = 0; run < RUNS + 1; run++) {
          for (const kind of ['baseline', 'inbox'] as const) {
            const context = await signedInContext(
              browser,
              { actor: demoUsers.officer, token },
              VIEWPORTS.desk,
            );
            const page = await context.newPage();
            const started = nowMs();
            if (kind === 'baseline') {
              await page.goto(`${docket.url}/api/health`);
              await page.locator('body').waitFor();
            } else {
              await page.goto(`${docket.url}/inbox`);
              await page.locator('.ant-table-row').first().waitFor({ timeout: 60_000 });
            }
            const elapsed = nowMs() - started;
            // The first pair warms the gateway's gzip of each asset and the browser's binary.
            if (run > 0) (kind === 'inbox' ? interactive : baseline).push(elapsed);
            await context.close();
          }
          progress(
            `run ${run}: inbox ${fmt(interactive.at(-1) ?? Number.NaN)} ms, baseline ${fmt(baseline.at(-1) ?? Number.NaN)} ms`,
          );
        }
      } finally {
        await browser.close();
      }
    } finally {
      await docket.close();
      dir.cleanup();
    }
  } else {
    progress(`(b) skipped: ${unavailable}`);
    interactive = [Number.NaN];
    baseline = [Number.NaN];
  }

  const inboxMs = median(interactive);
  const baseMs = median(baseline);
  print('## Console: initial load and an interactive inbox');
  print();
  print(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} · median of ${RUNS}`,
  );
  print();
  print('| measure | value | baseline (same run) | vs baseline | target | |');
  print('|---|---:|---:|---:|---:|---|');
  print(
    `| (a) initial JS + CSS, gzipped (${load.files.length} files) | ${fmt(initialKb, 1)} KB | largest lazy screen ${fmt(load.lazyLargest.gzipped / 1024, 1)} KB | | ≤ ${BUDGET_KB} KB | ${initialKb <= BUDGET_KB ? 'target met' : 'target NOT met'} |`,
  );
  const verdict =
    unavailable !== undefined
      ? `not measured: ${unavailable}`
      : inboxMs <= TARGET_INTERACTIVE_MS
        ? 'target met'
        : 'target NOT met';
  print(
    `| (b) console opened to an interactive inbox (headless Chromium, cold context) | ${fmt(inboxMs)} ms | health JSON page ${fmt(baseMs)} ms | ${fmt(inboxMs / baseMs, 1)}× | ≤ ${TARGET_INTERACTIVE_MS} ms | ${verdict} |`,
  );
  print();
  print(`Initial files: ${load.files.map((f) => `${f.path} ${fmt(f.gzipped / 1024, 1)} KB`).join(', ')}.`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
