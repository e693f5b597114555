import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built CLI, run as a user runs it: a child process, its exit code, stdout and stderr. */
export const MAIN = resolve(__dirname, '../dist/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Variables a developer's shell may set that would point the CLI elsewhere than the test means. */
const CLEARED = [
  'DOCKET_DATA_DIR',
  'DOCKET_CHECKPOINT_KEY_DIR',
  'DOCKET_LEDGER_ID',
  'DOCKET_CHECKPOINT_DIR',
  'DOCKET_CHECKPOINT_WITNESS',
  'DOCKET_URL',
  'DOCKET_TOKEN',
];

/**
 * `docket <args> --data-dir <dataDir>` in a child process. The default key directory (under
 * `$XDG_CONFIG_HOME`) is `<dataDir>.config/docket/keys`, beside the data directory in the test's temp
 * dir: a test never touches the home directory of whoever runs it, and data directories do not share keys.
 */
export function docket(
  dataDir: string | undefined,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): Run {
  const env = envFor(dataDir, options.env);
  const result = spawnSync(process.execPath, [MAIN, ...args, ...(dataDir ? ['--data-dir', dataDir] : [])], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking the test's event loop: for a test that serves something the CLI calls (an
 * HTTP witness in the test process could not answer while spawnSync waits).
 */
export function docketAsync(
  dataDir: string | undefined,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const child = spawn(process.execPath, [MAIN, ...args, ...(dataDir ? ['--data-dir', dataDir] : [])], {
    env: envFor(dataDir, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

function envFor(dataDir: string | undefined, extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete env[name];
  if (dataDir !== undefined) env.XDG_CONFIG_HOME = `${resolve(dataDir)}.config`;
  return Object.assign(env, extra);
}
