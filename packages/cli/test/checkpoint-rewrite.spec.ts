import { join } from 'node:path';
import { deleteAndRenumber, forge } from '@docket/event-store/forgery';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateDataDir } from './data-dir';
import { docket } from './run-docket';

/**
 * Issue 14, defect 4: one event deleted from the middle of a signed ledger, the later events renumbered
 * and every hash recomputed. The chain verifies, the ledger is one event shorter than the checkpoint, and
 * `docket checkpoint verify` must name the first rewritten position, not the end of the log.
 */
const dir = tempDir('docket-cli-rewrite-');
const dataDir = join(dir.path, 'data');
let head: bigint;

beforeAll(async () => {
  head = (await populateDataDir(dataDir)).headPosition;
  expect(docket(dataDir, ['checkpoint', 'key']).code).toBe(0);
  expect(docket(dataDir, ['checkpoint', 'sign', '--ledger-id', '黄浦区政务服务中心']).code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('docket checkpoint verify after a deletion in the middle', () => {
  it('names the first rewritten position, not the end of the log', () => {
    const deleted = 17; // of 38: the probe deleted 47 of 107
    expect(head).toBeGreaterThan(BigInt(deleted + 10));
    forge(join(dataDir, 'ledger.db'), (db) => deleteAndRenumber(db, deleted));
    // The forgery is careful: the ledger's own chain verifies, one event shorter.
    const chain = JSON.parse(docket(dataDir, ['verify', '--json']).stdout);
    expect(chain).toMatchObject({ ok: true, headPosition: String(head - 1n) });

    const run = docket(dataDir, ['checkpoint', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED against checkpoint ${head}: rewritten at position ${deleted}: `);
    expect(run.stdout).toContain(`the ledger ends at position ${head - 1n}`);
    const json = JSON.parse(docket(dataDir, ['checkpoint', 'verify', '--json']).stdout);
    expect(json).toMatchObject({ ok: false, problem: 'rewritten', position: String(deleted) });
    // The same against the one checkpoint file.
    const file = join(dataDir, 'checkpoints', `${head}.json`);
    expect(docket(dataDir, ['checkpoint', 'verify', file]).stdout).toContain(
      `rewritten at position ${deleted}`,
    );
  });
});
