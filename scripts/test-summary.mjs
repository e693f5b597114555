#!/usr/bin/env node
// Sums the Vitest JSON reports every package writes (.vitest/report.json) into one closing line,
// "N passed, N failed, N skipped", so that the whole run reads as one result. `--clean` removes old
// reports first, so a package whose run died cannot contribute a stale count.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = ['packages', 'services']
  .filter((dir) => existsSync(join(root, dir)))
  .flatMap((dir) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, dir, entry.name, '.vitest', 'report.json')),
  );

if (process.argv.includes('--clean')) {
  for (const report of reports) rmSync(report, { force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of reports.filter((r) => existsSync(r))) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (!r.success && r.numFailedTests === 0) failed += 1; // a suite that failed to load counts as a failure
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
