import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { HashAlgorithm } from '../crypto-profile';
import { chainLinkOf } from './chain-link';
import { type NumberRow, VERIFY_PAGE_SIZE, VERIFY_PAGE_SQL, type WalkState, walkRows } from './verify-walk';

/** What the main thread asks: verify positions start..end, chaining from the stored hash of start - 1. */
export interface RangeRequest {
  path: string;
  start: number;
  end: number;
  previousHash: string;
  /** The ledger's hash, as its head records it (the main thread read it when it opened the file). */
  hashAlgorithm: HashAlgorithm;
}

/** A stream's first row in the range: its revision is checked by the main thread when stitching. */
export interface FirstSeen {
  stream: string;
  revision: number;
  position: number;
}

export interface RangeResult {
  count: number;
  /** The position after the last verified row (end + 1 when the whole range verified). */
  expected: number;
  lastHash: string;
  failure: { position: number; reason: string } | undefined;
  firstSeen: FirstSeen[];
  lastRevision: Map<string, number>;
}

/** Worker-thread entry: every link of a chain can be checked from stored hashes alone, in any order. */
function verifyRange(request: RangeRequest): RangeResult {
  const db = new Database(request.path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('cache_size = -32000');
    db.pragma('mmap_size = 268435456');
    const page = db.prepare(VERIFY_PAGE_SQL);
    page.raw(true);
    const firstSeen: FirstSeen[] = [];
    const state: WalkState = {
      expected: request.start,
      previousHash: request.previousHash,
      chainLink: chainLinkOf(request.hashAlgorithm),
      count: 0,
      lastRevision: new Map(),
      revisionBefore(stream, revision, position) {
        firstSeen.push({ stream, revision, position });
        return revision - 1;
      },
    };
    for (;;) {
      const rows = page.iterate(
        state.expected - 1,
        request.end,
        VERIFY_PAGE_SIZE,
      ) as IterableIterator<NumberRow>;
      const { read, failure } = walkRows(rows, state);
      if (failure || read < VERIFY_PAGE_SIZE || state.expected > request.end) {
        return {
          count: state.count,
          expected: state.expected,
          lastHash: state.previousHash,
          failure,
          firstSeen,
          lastRevision: state.lastRevision,
        };
      }
    }
  } finally {
    db.close();
  }
}

if (parentPort && workerData) {
  parentPort.postMessage(verifyRange(workerData as RangeRequest));
}
