import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyOptions, VerifyResult } from '../src';
import { ensureBuilt, event, tempLedger } from './support';

/**
 * verify() splits a long log over worker threads and stitches the ranges. Workers run only from the
 * built adapter, so this runs verify in a child process with workers forced on, and requires the
 * exact result of the single-threaded walk (run here, from source) on intact and tampered ledgers.
 */
const script = join(__dirname, 'fixtures', 'verify-in-workers.cjs');
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function verifyInWorkers(path: string, options: VerifyOptions = {}): VerifyResult {
  const args = [script, path, options.from?.toString() ?? '', options.to?.toString() ?? ''];
  const parsed = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Record<
    string,
    unknown
  >;
  for (const key of ['position', 'headPosition'] as const) {
    if (typeof parsed[key] === 'string') parsed[key] = BigInt(parsed[key] as string);
  }
  return parsed as unknown as VerifyResult;
}

/** 300 events over 7 streams, so that every range of three starts mid-stream. */
async function ledgerWith300Events() {
  const ledger = tempLedger();
  ledgers.push(ledger);
  const store = ledger.open();
  for (let i = 0; i < 100; i++) {
    await Promise.all(
      [0, 1, 2].map((k) => store.appendToStream(`review-2026-${(i * 3 + k) % 7}`, [event('Step', { i, k })])),
    );
  }
  await store.close();
  return ledger;
}

async function expectSameVerdict(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const ledger = ledgers[ledgers.length - 1]!;
  const store = ledger.open();
  const single = await store.verify(options);
  await store.close();
  expect(verifyInWorkers(path, options)).toEqual(single);
  return single;
}

function tamper(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

describe('verify in worker threads gives the single-threaded verdict', { timeout: 60_000 }, () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('on an intact ledger, whole and in part', async () => {
    const { path } = await ledgerWith300Events();
    expect(await expectSameVerdict(path)).toMatchObject({ ok: true, count: 300, headPosition: 300n });
    expect(await expectSameVerdict(path, { from: 50n, to: 250n })).toMatchObject({ ok: true, count: 201 });
  });

  it('on a changed event in the last range', async () => {
    const { path } = await ledgerWith300Events();
    tamper(path, `UPDATE events SET data = '{"i":0}' WHERE position = 250`);
    expect(await expectSameVerdict(path)).toMatchObject({
      ok: false,
      position: 250n,
      reason: 'hash mismatch',
    });
  });

  it('on a deleted event at the boundary of two ranges', async () => {
    const { path } = await ledgerWith300Events();
    tamper(path, 'DELETE FROM events WHERE position = 100');
    expect(await expectSameVerdict(path)).toMatchObject({ ok: false, position: 100n });
  });

  it('on a revision gap only visible across ranges', async () => {
    const { path } = await ledgerWith300Events();
    // The first event of review-2026-0 in the second range jumps its revision (hash left stale too).
    const db = new Database(path);
    const position = db
      .prepare(`SELECT min(position) FROM events WHERE stream = 'review-2026-0' AND position > 100`)
      .pluck()
      .get() as number;
    db.prepare('UPDATE events SET revision = revision + 1000 WHERE position = ?').run(position);
    db.close();
    const verdict = await expectSameVerdict(path);
    expect(verdict).toMatchObject({ ok: false, position: BigInt(position) });
    expect(verdict.ok === false && verdict.reason).toMatch(/^revision gap in stream review-2026-0/);
  });

  it('on two tampered ranges: the earlier position wins', async () => {
    const { path } = await ledgerWith300Events();
    tamper(path, `UPDATE events SET data = '1' WHERE position IN (70, 280)`);
    expect(await expectSameVerdict(path)).toMatchObject({ ok: false, position: 70n });
  });

  it('on a deleted tail', async () => {
    const { path } = await ledgerWith300Events();
    tamper(path, 'DELETE FROM events WHERE position > 290');
    expect(await expectSameVerdict(path)).toMatchObject({ ok: false, position: 291n });
  });
});
