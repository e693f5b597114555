/**
 * End-to-end benchmark (npm run bench): complete case lifecycles per second through the HTTP API —
 * submit → accept → 承办 → 审核 → 批准 (the decision) → delivery, six commands, with the two reactions in
 * between (the review opening on acceptance; the decision recorded at the window) — in the embedded
 * mode (one process) and the networked mode (a process per service over a real nats-server), with
 * per-command p50/p99 at half the target rate. Baselines measured in the same run: NATS request/reply
 * (a trivial echo through the same nats-server) and a bare NestJS + Fastify POST handler (what HTTP
 * costs here). Every guarantee stays on: durable ledger (fsync per group commit), authorisation,
 * validation, idempotency checks, the hash chain, read models.
 * Knobs: BENCH_REPEATS (3), BENCH_LIFECYCLE_SECONDS (10), BENCH_LIFECYCLE_CONCURRENCY (32),
 * BENCH_PACED_SECONDS (10), BENCH_MODES (embedded,networked).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type Answer,
  DocketClient,
  desks,
  type SendOptions,
  seedDemoCatalogue,
  startNetworked,
  straightThrough,
  users,
} from '@docket/e2e';
import { connectNatsBus } from '@docket/messaging';
import { natsServerUnavailable, startNatsServer } from '@docket/testkit/nats-server';
import { tempDir } from '@docket/testkit/temp-dir';
import { closedLoop, Latencies, pacedLoop } from './http-load';
import { fmt, median, nowMs } from './stats';
import { pooledTransport } from './undici-transport';

const print = (text = '') => process.stdout.write(`${text}\n`);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_LIFECYCLE_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_LIFECYCLE_CONCURRENCY ?? 32);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const MODES = (process.env.BENCH_MODES ?? 'embedded,networked').split(',');
const TARGETS: Record<string, number> = { embedded: 500, networked: 200 };

/** The operation a request is, for per-command latency (polls for the reactions are counted apart). */
function operationOf(method: string, path: string): string {
  if (method === 'GET') return 'poll (wait for a reaction)';
  if (path === '/api/applications') return 'submit';
  if (path.endsWith('/acceptance')) return 'accept';
  if (path.endsWith('/step-completions')) return 'complete step';
  if (path.endsWith('/decision')) return 'decide';
  if (path.endsWith('/delivery')) return 'deliver';
  return 'other';
}

/** The e2e client, timing every request by operation. */
class TimedClient extends DocketClient {
  latencies = new Latencies();

  override async send<T = unknown>(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    options?: SendOptions,
  ): Promise<Answer<T>> {
    const started = nowMs();
    const answer = await super.send<T>(method, path, token, body, options);
    this.latencies.record(operationOf(method, path), nowMs() - started);
    return answer;
  }
}

interface Subject {
  url: string;
  /**
   * CPU time (user + system, ms) the server process has used so far, where it is one process: a measure
   * of the work a lifecycle costs that a noisy 2-core machine disturbs far less than lifecycles/s.
   */
  cpuMs?(): number;
  close(): Promise<void>;
}

/** A process's CPU time so far (Linux: utime + stime from /proc, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${seen}`)));
  });
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function startEmbeddedProcess(): Promise<Subject> {
  const dir = tempDir('docket-bench-embedded-');
  const main = join(dirname(require.resolve('@docket/embedded/package.json')), 'dist', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DOCKET_DATA_DIR: dir.path, DOCKET_HTTP_PORT: '0', OTEL_TRACES_EXPORTER: 'none' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await waitForLine(child, /(http:\/\/[0-9.:]+)\/api\/docs/, 'docket embedded');
  const pid = child.pid;
  return {
    url,
    ...(pid === undefined || process.platform !== 'linux' ? {} : { cpuMs: () => cpuMsOf(pid) }),
    close: async () => {
      await stopChild(child);
      dir.cleanup();
    },
  };
}

async function startNetworkedProcesses(natsUrl: string): Promise<Subject> {
  const dir = tempDir('docket-bench-networked-');
  const docket = await startNetworked({ natsUrl, dataDir: dir.path });
  await seedDemoCatalogue(new DocketClient(docket.url).as(users.admin));
  return {
    url: docket.url,
    close: async () => {
      await docket.close();
      dir.cleanup();
    },
  };
}

interface ModeResult {
  lifecycles: number[];
  /** The server's CPU ms per lifecycle in each closed-loop run, where it can be read. */
  cpuPerLifecycle: number[];
  failed: number;
  pacedRate: number;
  paced: { op: string; count: number; p50: number; p99: number }[][];
  pacedFailed: number;
}

async function timedDesks(url: string, transport: ReturnType<typeof pooledTransport>['transport']) {
  const client = new TimedClient(url, transport);
  // Tokens first, so that no run pays for them.
  await Promise.all(Object.values(users).map((id) => client.token(id)));
  return { client, d: desks(client) };
}

/**
 * The closed loop first (how many lifecycles/s the mode sustains), then per-command latency paced at
 * half the target rate; when the closed loop did not reach that, at half of what it reached instead
 * (pacing past capacity measures only the queue).
 */
async function measureMode(subject: Subject, target: number): Promise<ModeResult> {
  const pool = pooledTransport(subject.url, CONCURRENCY * 2);
  const result: ModeResult = {
    lifecycles: [],
    cpuPerLifecycle: [],
    failed: 0,
    pacedRate: target / 2,
    paced: [],
    pacedFailed: 0,
  };
  for (let run = 0; run < REPEATS; run++) {
    const { d } = await timedDesks(subject.url, pool.transport);
    const cpuBefore = subject.cpuMs?.();
    const closed = await closedLoop(CONCURRENCY, SECONDS, async () => void (await straightThrough(d)));
    const cpuAfter = subject.cpuMs?.();
    if (cpuBefore !== undefined && cpuAfter !== undefined && closed.completed > 0)
      result.cpuPerLifecycle.push((cpuAfter - cpuBefore) / closed.completed);
    result.lifecycles.push(closed.perSecond);
    result.failed += closed.failed;
    if (closed.firstError)
      print(`  (closed loop: ${closed.failed} failed, first: ${String(closed.firstError)})`);
  }
  const reached = median(result.lifecycles);
  result.pacedRate = reached >= target / 2 ? target / 2 : Math.max(1, Math.floor(reached / 2));
  for (let run = 0; run < REPEATS; run++) {
    const { client, d } = await timedDesks(subject.url, pool.transport);
    const open = await pacedLoop(
      result.pacedRate,
      PACED_SECONDS,
      async () => void (await straightThrough(d)),
    );
    result.paced.push(client.latencies.summary());
    result.pacedFailed += open.failed;
    if (open.firstError) print(`  (paced: ${open.failed} failed, first: ${String(open.firstError)})`);
  }
  await pool.close();
  return result;
}

/** NATS request/reply through the same kind of server: a trivial echo served in this process. */
async function natsBaseline(natsUrl: string): Promise<{ perSecond: number; p50: number; p99: number }> {
  const server = await connectNatsBus({ servers: natsUrl, name: 'bench-echo-server' });
  const client = await connectNatsBus({ servers: natsUrl, name: 'bench-echo-client' });
  server.serve('bench.qry.echo', async (payload) => payload, { queue: 'bench' });
  const runs: { perSecond: number; p50: number; p99: number }[] = [];
  for (let run = 0; run < REPEATS; run++) {
    const latencies = new Latencies();
    const loop = await closedLoop(CONCURRENCY, Math.min(SECONDS, 5), async () => {
      const started = nowMs();
      await client.request('bench.qry.echo', { caseNo: '20261201-ABCDEF', data: { stepIndex: 0 } });
      latencies.record('echo', nowMs() - started);
    });
    const [s] = latencies.summary();
    runs.push({ perSecond: loop.perSecond, p50: s!.p50, p99: s!.p99 });
  }
  await client.close();
  await server.close();
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

/** A bare NestJS + Fastify POST handler in its own process, loaded with the same HTTP client. */
async function httpBaseline(): Promise<{ perSecond: number; p50: number; p99: number }> {
  const child = spawn(process.execPath, [join(__dirname, 'baseline-http-server.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await waitForLine(child, /listening on (http:\/\/\S+)/, 'the NestJS baseline');
  const runs: { perSecond: number; p50: number; p99: number }[] = [];
  const pool = pooledTransport(url, CONCURRENCY * 2);
  const client = new DocketClient(url, pool.transport);
  for (let run = 0; run < REPEATS; run++) {
    const latencies = new Latencies();
    const loop = await closedLoop(CONCURRENCY, Math.min(SECONDS, 5), async () => {
      const started = nowMs();
      await client.send('POST', '/echo', undefined, { stepIndex: 0, outcome: 'pass', opinion: '同意' });
      latencies.record('echo', nowMs() - started);
    });
    const [s] = latencies.summary();
    runs.push({ perSecond: loop.perSecond, p50: s!.p50, p99: s!.p99 });
  }
  await stopChild(child);
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

function pacedTable(runs: ModeResult['paced']): string[] {
  const ops = [...new Set(runs.flatMap((r) => r.map((s) => s.op)))];
  return ops.map((op) => {
    const per = runs.map((r) => r.find((s) => s.op === op)).filter((s) => s !== undefined);
    return `| ${op} | ${fmt(median(per.map((s) => s.count)))} | ${fmt(median(per.map((s) => s.p50)), 2)} | ${fmt(median(per.map((s) => s.p99)), 2)} |`;
  });
}

async function main() {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, files in ${tmpdir()}`;
  const unavailable = natsServerUnavailable();
  const nats = unavailable === undefined ? await startNatsServer() : undefined;
  print(
    `## Case lifecycles through the HTTP API\n\n${new Date().toISOString()} · ${machine} · median of ${REPEATS} runs`,
  );
  print(
    `closed loop: ${CONCURRENCY} concurrent lifecycles for ${SECONDS} s; paced: half the target rate for ${PACED_SECONDS} s\n`,
  );
  try {
    const baselines: string[] = [];
    if (nats) {
      const n = await natsBaseline(nats.url);
      baselines.push(
        `| NATS request/reply echo (nats-server, ${CONCURRENCY} in flight) | ${fmt(n.perSecond)} | ${fmt(n.p50, 2)} | ${fmt(n.p99, 2)} |`,
      );
    }
    const h = await httpBaseline();
    baselines.push(
      `| bare NestJS + Fastify POST, same HTTP client (undici pool) (${CONCURRENCY} in flight) | ${fmt(h.perSecond)} | ${fmt(h.p50, 2)} | ${fmt(h.p99, 2)} |`,
    );
    print('### Baselines\n\n| baseline | requests/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |');
    for (const line of baselines) print(line);
    print();
    for (const mode of MODES) {
      if (mode === 'networked' && !nats) {
        print(`### networked: skipped (${unavailable})\n`);
        continue;
      }
      const subject =
        mode === 'embedded' ? await startEmbeddedProcess() : await startNetworkedProcesses(nats!.url);
      try {
        const target = TARGETS[mode] ?? 100;
        const result = await measureMode(subject, target);
        const perSecond = median(result.lifecycles);
        print(`### ${mode}\n`);
        print(
          `lifecycles/s (closed loop): **${fmt(perSecond)}** (runs: ${result.lifecycles.map((r) => fmt(r)).join(', ')}; failed ${result.failed}) · target ≥ ${target} · ${fmt(perSecond * 6)} commands/s, ${fmt(((perSecond * 6) / h.perSecond) * 100, 1)}% of the bare HTTP baseline's requests/s`,
        );
        if (result.cpuPerLifecycle.length > 0)
          print(
            `CPU per lifecycle (the server process, user + system): **${fmt(median(result.cpuPerLifecycle), 1)} ms** (runs: ${result.cpuPerLifecycle.map((r) => fmt(r, 1)).join(', ')})`,
          );
        const pacedNote =
          result.pacedRate === target / 2
            ? 'half the target'
            : `half the closed-loop rate: half the target (${target / 2}/s) is past capacity`;
        print(
          `\npaced at ${result.pacedRate} lifecycles/s (${pacedNote}); failed ${result.pacedFailed}:\n\n| operation | count | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |`,
        );
        for (const line of pacedTable(result.paced)) print(line);
        print();
      } finally {
        await subject.close();
      }
    }
  } finally {
    await nats?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
