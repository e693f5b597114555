import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER_BINARY = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export interface NatsServerProcess {
  url: string;
  /** The monitoring endpoint (http_port), e.g. for /jsz. */
  monitorUrl: string;
  /** What the server wrote to stderr so far (its log). */
  log(): string;
  stop(): Promise<void>;
}

export interface NatsServerOptions {
  /**
   * The server's arguments, given two free ports and a fresh temporary directory (removed at stop).
   * Default: JetStream on 127.0.0.1:`client` with its store in the directory. A test of a deployment's
   * configuration writes that file into the directory and answers `['-c', file]`.
   */
  args?: (ports: { client: number; http: number }, dir: string) => string[];
}

/** Why the NATS tests cannot run here, or undefined when they can. */
export function natsServerUnavailable(): string | undefined {
  return existsSync(NATS_SERVER_BINARY)
    ? undefined
    : `${NATS_SERVER_BINARY} is not installed (apt install nats-server)`;
}

/**
 * Starts a private nats-server (by default with JetStream) on a free port and a temporary store
 * directory (never the machine's own server on 4222), and waits until it accepts connections.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerProcess> {
  const ports = { client: await freePort(), http: await freePort() };
  const dir = mkdtempSync(join(tmpdir(), 'docket-nats-'));
  const args = options.args?.(ports, dir) ?? [
    '-js',
    '-sd',
    dir,
    '-a',
    '127.0.0.1',
    '-p',
    String(ports.client),
    '-m',
    String(ports.http),
  ];
  const child = spawn(NATS_SERVER_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(ports.client, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${ports.client}`,
    monitorUrl: `http://127.0.0.1:${ports.http}`,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited early:\n${log()}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nats-server did not accept connections on ${port}:\n${log()}`);
}
