import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { HashAlgorithm } from '../crypto-profile';
import { GENESIS_HASH } from '../encoding';
import { LedgerError } from '../errors';
import type { VerifyOptions, VerifyResult } from '../port';
import { chainLinkOf } from './chain-link';
import type { Statements } from './statements';
import {
  type NumberRow,
  VERIFY_PAGE_SIZE,
  VERIFY_PAGE_SQL,
  type WalkFailure,
  type WalkState,
  walkRows,
} from './verify-walk';
import type { RangeRequest, RangeResult } from './verify-worker';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface VerifyTuning {
  /** Worker threads for a long walk; 1 walks on the calling thread only. */
  workers: number;
  /** Below this many events a walk stays on the calling thread (starting workers costs ~50 ms). */
  minEventsForWorkers: number;
}

export const defaultVerifyTuning = (): VerifyTuning => ({
  workers: Math.min(4, availableParallelism()),
  minEventsForWorkers: 200_000,
});

// Workers load the compiled walker; when this module runs as TypeScript source (tests), there is none.
const WORKER_SCRIPT = join(__dirname, 'verify-worker.js');
const workersAvailable = __filename.endsWith('.js') && existsSync(WORKER_SCRIPT);

/**
 * Walks the global log in position order and re-derives the chain: positions gap-free from 1,
 * each stream's revisions contiguous from 0, each stored hash equal to chainHash(previous hash,
 * recordString(...), hashAlgorithm), the hash the ledger's head records; verifying to the end also checks that the head record in `meta` names the last
 * event, so a deleted tail is detected. Returns the first position that fails.
 *
 * Every link can be checked from stored hashes alone, so a long walk is split into ranges checked by
 * worker threads and stitched in order (a stream's first revision in a range must follow its last in
 * the ranges before). What was appended meanwhile is walked here, in pages, giving the event loop a
 * turn between pages.
 */
export async function verifyChain(
  db: Database.Database,
  st: Statements,
  path: string,
  tuning: VerifyTuning,
  hashAlgorithm: HashAlgorithm,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const last = (st.lastPosition.get() as bigint | null) ?? 0n;
  if (last > MAX_SAFE) {
    throw new LedgerError('VerifyLimit', 'verify() walks positions up to 2^53 - 1; this log is longer');
  }
  const from = Math.max(Number(clamp(options.from ?? 1n)), 1);
  const to = Number(clamp(options.to ?? MAX_SAFE));
  const revisionBeforeFrom = (stream: string) => {
    if (from === 1) return -1;
    const revision = st.streamRevisionBefore.get(stream, from) as bigint | undefined;
    return revision === undefined ? -1 : Number(revision);
  };
  const state: WalkState = {
    expected: from,
    previousHash: GENESIS_HASH,
    chainLink: chainLinkOf(hashAlgorithm),
    count: 0,
    lastRevision: new Map(),
    revisionBefore: revisionBeforeFrom,
  };
  const fail = (failure: WalkFailure): VerifyResult => ({
    ok: false,
    count: failure.position - from,
    position: BigInt(failure.position),
    reason: failure.reason,
  });

  if (from > 1) {
    const before = st.hashAt.get(from - 1) as string | undefined;
    if (before === undefined) {
      return {
        ok: false,
        count: 0,
        position: BigInt(from - 1),
        reason: `no event at position ${from - 1} to chain from`,
      };
    }
    state.previousHash = before;
  }

  const end = Math.min(Number(last), to);
  if (workersAvailable && tuning.workers > 1 && end - from + 1 >= tuning.minEventsForWorkers) {
    const range = { path, hashAlgorithm };
    const failure = await walkInWorkers(st, range, tuning.workers, end, state, revisionBeforeFrom);
    if (failure) return fail(failure);
  }

  const page = db.prepare(VERIFY_PAGE_SQL);
  page.raw(true);
  for (;;) {
    const rows = page.iterate(state.expected - 1, to, VERIFY_PAGE_SIZE) as IterableIterator<NumberRow>;
    const { read, failure } = walkRows(rows, state);
    if (failure) return fail(failure);
    if (read === VERIFY_PAGE_SIZE) {
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    if (state.expected - 1 >= to) break;
    // At the end: compare the head record with the log in one snapshot, unless events arrived meanwhile.
    const snapshot = db.transaction(() => ({
      next: st.nextPosition.get(state.expected - 1) as bigint | null,
      headPosition: st.headPosition.get() as bigint,
      headHash: st.headHash.get() as string,
    }))();
    if (snapshot.next !== null) {
      if (snapshot.next <= BigInt(to)) continue;
      return fail({
        position: state.expected,
        reason: `position gap: expected ${state.expected}, found ${snapshot.next}`,
      });
    }
    const logEnd = BigInt(state.expected - 1);
    if (snapshot.headPosition !== logEnd) {
      const position = (snapshot.headPosition < logEnd ? snapshot.headPosition : logEnd) + 1n;
      const reason = `head record says position ${snapshot.headPosition} but the log ends at ${logEnd}`;
      return fail({ position: Number(position), reason });
    }
    if (snapshot.headHash !== state.previousHash) {
      const reason = `head record hash ${snapshot.headHash} differs from the hash of the last event`;
      return { ok: false, count: state.count, position: logEnd, reason };
    }
    break;
  }
  const headPosition = state.expected - 1;
  return {
    ok: true,
    count: state.count,
    headPosition: headPosition === 0 ? undefined : BigInt(headPosition),
    headHash: state.previousHash,
  };
}

/** Verifies state.expected..end in parallel ranges; on success `state` stands at end + 1. */
async function walkInWorkers(
  st: Statements,
  ledger: Pick<RangeRequest, 'path' | 'hashAlgorithm'>,
  workers: number,
  end: number,
  state: WalkState,
  revisionBeforeFrom: (stream: string) => number,
): Promise<WalkFailure | undefined> {
  const start = state.expected;
  const size = Math.ceil((end - start + 1) / workers);
  const requests: RangeRequest[] = [];
  for (let s = start; s <= end; s += size) {
    const previousHash =
      s === start ? state.previousHash : ((st.hashAt.get(s - 1) as string | undefined) ?? '');
    requests.push({ ...ledger, start: s, end: Math.min(end, s + size - 1), previousHash });
  }
  const results = await Promise.all(requests.map(runWorker));
  for (const [i, result] of results.entries()) {
    const request = requests[i]!;
    // A stream's first row in this range continues where the ranges before left it.
    for (const seen of result.firstSeen) {
      const before = state.lastRevision.get(seen.stream) ?? revisionBeforeFrom(seen.stream);
      if (seen.revision !== before + 1) {
        const reason = `revision gap in stream ${seen.stream}: expected revision ${before + 1}, found ${seen.revision}`;
        // firstSeen is in position order and precedes any failure the worker met (revision before hash).
        return { position: seen.position, reason };
      }
    }
    if (result.failure) return result.failure;
    if (result.expected !== request.end + 1) {
      const found = st.nextPosition.get(result.expected - 1) as bigint | null;
      return {
        position: result.expected,
        reason: `position gap: expected ${result.expected}, found ${found ?? 'nothing'}`,
      };
    }
    for (const [stream, revision] of result.lastRevision) state.lastRevision.set(stream, revision);
    state.count += result.count;
    state.previousHash = result.lastHash;
    state.expected = result.expected;
  }
  return undefined;
}

function runWorker(request: RangeRequest): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: request });
    worker.once('message', (result: RangeResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`verify worker exited with code ${code}`));
    });
  });
}

function clamp(value: bigint): bigint {
  return value > MAX_SAFE ? MAX_SAFE : value < 0n ? 0n : value;
}
