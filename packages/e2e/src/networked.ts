import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

export const SERVICE_NAMES = ['intake', 'review', 'monitoring', 'supervision', 'audit', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface NetworkedOptions {
  natsUrl: string;
  /** The shared SQLite ledger and each service's read models live here. */
  dataDir: string;
  /** Extra environment for every service. */
  env?: Record<string, string>;
}

/** The networked mode as a test or benchmark runs it: each service its own process, over real NATS. */
export interface Networked {
  readonly url: string;
  /** Each service's process (after a restart, the new one). */
  process(name: ServiceName): ChildProcess;
  /** What a service has written to stderr so far (its log). */
  log(name: ServiceName): string;
  /** Kills a service (SIGKILL by default) and waits until it is gone. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again and waits until it is ready. */
  restart(name: ServiceName): Promise<void>;
  /** Stops every service with SIGTERM (a clean stop), SIGKILL after 10 s. */
  close(): Promise<void>;
}

/** The package of each service (`@docket/audit` is the audit library; its service is `@docket/audit-service`). */
const packageOf = (name: ServiceName): string =>
  name === 'audit' ? '@docket/audit-service' : `@docket/${name}`;

const mainOf = (name: ServiceName): string =>
  join(dirname(require.resolve(`${packageOf(name)}/package.json`)), 'dist', 'main.js');

interface Started {
  child: ChildProcess;
  log: string[];
}

/** Starts one service process and waits for its readiness line (`ready`, or the gateway's `listening on`). */
function startService(name: ServiceName, env: NodeJS.ProcessEnv): Promise<Started & { url?: string }> {
  const child = spawn(process.execPath, [mainOf(name)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not become ready:\n${log.join('')}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (url !== undefined || /\] ready/.test(text)) {
        clearTimeout(timer);
        resolve({ child, log, ...(url === undefined ? {} : { url }) });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${log.join('')}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * Starts intake, review, monitoring, supervision and audit (in that order: a reaction may need intake), then
 * the gateway on a free port with development tokens, all on one NATS server and one SQLite ledger.
 */
export async function startNetworked(options: NetworkedOptions): Promise<Networked> {
  const env = (name: ServiceName): NodeJS.ProcessEnv => ({
    ...process.env,
    NATS_URL: options.natsUrl,
    DOCKET_DATA_DIR: options.dataDir,
    DOCKET_PROFILE: 'development',
    DOCKET_HTTP_PORT: '0',
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_SERVICE_NAME: `docket-${name}`,
    ...options.env,
  });
  const running = new Map<ServiceName, Started>();
  let url = '';
  try {
    for (const name of SERVICE_NAMES) {
      const started = await startService(name, env(name));
      running.set(name, started);
      if (started.url !== undefined) url = started.url;
    }
  } catch (error) {
    for (const { child } of running.values()) child.kill('SIGKILL');
    await Promise.all([...running.values()].map(({ child }) => exited(child)));
    throw error;
  }
  const get = (name: ServiceName): Started => {
    const started = running.get(name);
    if (started === undefined) throw new Error(`${name} is not running`);
    return started;
  };
  return {
    url,
    process: (name) => get(name).child,
    log: (name) => get(name).log.join(''),
    async kill(name, signal = 'SIGKILL') {
      const { child } = get(name);
      child.kill(signal);
      await exited(child);
    },
    async restart(name) {
      if (name === 'gateway') throw new Error('the gateway is restarted on a new port; not supported here');
      const before = get(name);
      const started = await startService(name, env(name));
      running.set(name, {
        child: started.child,
        log: [...before.log, '--- restarted ---\n', ...started.log],
      });
    },
    async close() {
      const children = [...running.values()].map(({ child }) => child).reverse();
      for (const child of children) {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.kill('SIGTERM');
        await exited(child);
        clearTimeout(timer);
      }
    },
  };
}
