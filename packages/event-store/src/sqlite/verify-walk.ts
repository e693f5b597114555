import type { ChainLink } from './chain-link';
import { EVENT_COLUMNS } from './statements';

/** Rows are read with plain numbers: exact below 2^53, and bigints cost a third of the walk. */
export type NumberRow = [
  position: number,
  stream: string,
  revision: number,
  id: string,
  type: string,
  schemaVersion: number,
  occurredAt: string,
  recordedAt: string,
  metadata: string,
  data: string,
  hash: string,
];

export const VERIFY_PAGE_SIZE = 10_000;
export const VERIFY_PAGE_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC LIMIT ?`;

export interface WalkState {
  /** The position the next row must have. */
  expected: number;
  /** The stored hash of the row before it. */
  previousHash: string;
  /** The link of the ledger's hash (SHA-256 or SM3, as its head records). */
  chainLink: ChainLink;
  count: number;
  lastRevision: Map<string, number>;
  /** The revision a stream must have had before the first of its rows met in this walk (-1: none). */
  revisionBefore(stream: string, revision: number, position: number): number;
}

export interface WalkFailure {
  position: number;
  reason: string;
}

/**
 * Checks one page of rows against the chain and advances `state`. Per row, in this order: the
 * position is the next one, the revision the next of its stream, the hash the link of the previous.
 */
export function walkRows(
  rows: Iterable<NumberRow>,
  state: WalkState,
): { read: number; failure?: WalkFailure } {
  let read = 0;
  for (const row of rows) {
    read += 1;
    const [
      position,
      stream,
      revision,
      id,
      type,
      schemaVersion,
      occurredAt,
      recordedAt,
      metadata,
      data,
      hash,
    ] = row;
    const expected = state.expected;
    if (position !== expected) {
      return {
        read,
        failure: { position: expected, reason: `position gap: expected ${expected}, found ${position}` },
      };
    }
    let previousRevision = state.lastRevision.get(stream);
    if (previousRevision === undefined) previousRevision = state.revisionBefore(stream, revision, position);
    if (revision !== previousRevision + 1) {
      const reason = `revision gap in stream ${stream}: expected revision ${previousRevision + 1}, found ${revision}`;
      return { read, failure: { position, reason } };
    }
    // recordString() inlined (same bytes): this line and the hash are the verifier's whole cost.
    const record = `${stream}\n${revision}\n${id}\n${type}\n${schemaVersion}\n${occurredAt}\n${recordedAt}\n${metadata.length}\n${metadata}\n${data}`;
    if (state.chainLink(state.previousHash, record) !== hash) {
      return { read, failure: { position, reason: 'hash mismatch' } };
    }
    state.lastRevision.set(stream, revision);
    state.previousHash = hash;
    state.expected = expected + 1;
    state.count += 1;
  }
  return { read };
}
