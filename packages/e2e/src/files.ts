import { spawnSync } from 'node:child_process';

/**
 * The files under `dir` (recursively, the SQLite -wal and -shm files included) holding each value as UTF-8,
 * read by another process: a process that opens and closes a file SQLite has open drops SQLite's locks on
 * it (POSIX advisory locks are per process), so the docket of this test must not read its own files.
 */
export function filesHolding(dir: string, values: readonly string[]): Record<string, string[]> {
  const script = `
    const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
    const { join } = require('node:path');
    const [dir, ...values] = process.argv.slice(1);
    const files = (d) => !existsSync(d) ? [] : readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
    const all = files(dir).map((p) => [p, readFileSync(p)]);
    const found = Object.fromEntries(values.map((v) => [v, all.filter(([, b]) => b.includes(Buffer.from(v, 'utf8'))).map(([p]) => p)]));
    process.stdout.write(JSON.stringify(found));
  `;
  const run = spawnSync(process.execPath, ['-e', script, dir, ...values], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, string[]>;
}
