import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import type { NewEvent } from '../src';
import { openSqliteLedger, type SqliteEventStore, type SqliteLedgerOptions } from '../src/sqlite';

export const packageDir = join(__dirname, '..');
export const writerScript = join(__dirname, 'fixtures', 'ledger-writer.cjs');

/** A ledger file in a fresh temp dir; `done()` closes every store opened on it and removes the dir. */
export function tempLedger(options: Omit<SqliteLedgerOptions, 'path'> = {}) {
  const dir = tempDir('docket-ledger-');
  const path = join(dir.path, 'ledger.db');
  const opened: SqliteEventStore[] = [];
  const open = (more: Omit<SqliteLedgerOptions, 'path'> = {}) => {
    const store = openSqliteLedger({ path, pollIntervalMs: 20, ...options, ...more });
    opened.push(store);
    return store;
  };
  return {
    dir: dir.path,
    path,
    open,
    async done() {
      for (const store of opened) await store.close();
      dir.cleanup();
    },
  };
}

export function event(type = 'Noted', data: unknown = {}, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    type,
    data,
    occurredAt: '2026-03-02T09:30:00+08:00',
    actor: { id: 'u-1', name: '李四', roles: ['reviewer'] },
    ...extra,
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Child processes load the BUILT adapter (dist). turbo's test task depends on build, so under
 * `npm test` it is fresh; when a test is run by hand, build here if dist is missing or older than src.
 */
export function ensureBuilt(): void {
  const built = join(packageDir, 'dist', 'sqlite', 'index.js');
  const fresh = () => existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(packageDir, 'src'));
  if (fresh()) return;
  const tsc = join(packageDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'pipe' });
  } catch (error) {
    // tsc still emits on type errors elsewhere in the package; what matters is a fresh adapter.
    if (!existsSync(built)) throw error;
  }
}
