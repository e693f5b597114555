#!/usr/bin/env node
// The `docket` command as installed (the bin of the root package and of @docket/cli). It is committed,
// not built, so it exists right after `npm ci`: npx links a local package's bins once, into its cache
// (~/.npm/_npx), and never again, so a bin pointing into dist/ before the first build stayed missing for
// good. On first use (no dist/ yet) this builds the CLI and what it needs through turbo, then runs it.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'main.js');

if (!existsSync(main)) {
  const root = join(__dirname, '..', '..', '..');
  let turbo;
  try {
    turbo = require.resolve('turbo/bin/turbo', { paths: [root] });
  } catch {
    process.stderr.write('docket: the CLI is not built and turbo is missing; run `npm ci` first\n');
    process.exit(1);
  }
  process.stderr.write('docket: building the CLI once (a few minutes on a fresh clone)…\n');
  // Captured, not shown: stdout is the command's (`--json`, `export` to stdout), and a build that works
  // has nothing to say. The log is printed only when it fails.
  const build = spawnSync(
    process.execPath,
    [turbo, 'run', 'build', '--filter=@docket/cli...', '--output-logs=errors-only'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (build.status !== 0 || !existsSync(main)) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    process.stderr.write(`docket: building the CLI failed${build.error ? `: ${build.error.message}` : ''}\n`);
    process.exit(1);
  }
}

require(main);
