import type { EventStore, RecordedEvent } from '@docket/event-store';
import { merkleHashOf, TreeBuilder } from './merkle';
import { consistencyRanges, inclusionRanges, type LeafRange } from './merkle-proofs';

/**
 * What checkpoints need of a ledger: the global log in pages, its own chain walk, following it, and the
 * hash its chain is made with (the tree is built with the same: SHA-256, or SM3 in a 国密 ledger).
 */
export type CheckpointLedger = Pick<EventStore, 'readAll' | 'verify' | 'subscribeToAll' | 'hashAlgorithm'>;

const PAGE_SIZE = 2000;

/**
 * Sees each event after its leaf went into the tree (`tree.size` is then its leaf count); returning
 * false ends the scan there.
 */
export type LeafVisitor = (event: RecordedEvent, leaf: Buffer, tree: TreeBuilder) => boolean | undefined;

export interface LedgerScan {
  tree: TreeBuilder;
  /** The chain hash of the last leaf read (undefined when none was). */
  lastHash: string | undefined;
  lastPosition: bigint | undefined;
}

/**
 * Streams the ledger's chain hashes into a tree, page by page: O(n) time, O(log n) memory (plus one
 * page). Leaves are counted as read, not taken from positions, so a ledger with a gap still has a
 * leaf per event; `upTo` stops after that many leaves, none stops at the end of the log.
 */
export async function scanLedgerTree(
  ledger: CheckpointLedger,
  options: {
    upTo?: number;
    visit?: LeafVisitor /** A fresh builder, e.g. with a listener. */;
    tree?: TreeBuilder;
  } = {},
): Promise<LedgerScan> {
  const tree = options.tree ?? new TreeBuilder(undefined, merkleHashOf(ledger.hashAlgorithm));
  const { leafHash } = tree.merkle;
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  let lastHash: string | undefined;
  let lastPosition: bigint | undefined;
  while (tree.size < upTo) {
    const maxCount = Math.min(PAGE_SIZE, upTo - tree.size);
    const page = await ledger.readAll({
      ...(lastPosition !== undefined ? { after: lastPosition } : {}),
      maxCount,
    });
    for (const event of page) {
      const leaf = leafHash(event.hash);
      tree.push(leaf);
      lastHash = event.hash;
      lastPosition = event.position;
      if (options.visit?.(event, leaf, tree) === false) return { tree, lastHash, lastPosition };
    }
    if (page.length < maxCount) break;
  }
  return { tree, lastHash, lastPosition };
}

/** The tree root of the ledger's first `size` leaves (fewer when the ledger is shorter: see `size`). */
export async function ledgerTreeRoot(
  ledger: CheckpointLedger,
  size?: number,
): Promise<{ size: number; treeRoot: string; headHash: string | undefined }> {
  const scan = await scanLedgerTree(ledger, size === undefined ? {} : { upTo: size });
  return { size: scan.tree.size, treeRoot: scan.tree.root().toString('hex'), headHash: scan.lastHash };
}

/**
 * The hashes of the given subtrees of the ledger's tree of `size` leaves, in one pass. Every range a
 * proof for that size names is a perfect subtree (caught as it completes) or runs to the right edge
 * (taken from the builder at the end).
 */
export async function ledgerSubtreeHashes(
  ledger: CheckpointLedger,
  size: number,
  ranges: readonly LeafRange[],
  visit?: LeafVisitor,
): Promise<Map<string, Buffer>> {
  const wanted = new Set(ranges.map(rangeKey));
  const found = new Map<string, Buffer>();
  const tree = new TreeBuilder((start, length, hash) => {
    const key = `${start}:${start + length}`;
    if (wanted.has(key)) found.set(key, hash);
  }, merkleHashOf(ledger.hashAlgorithm));
  await scanLedgerTree(ledger, { upTo: size, tree, ...(visit ? { visit } : {}) });
  if (tree.size < size) {
    throw new RangeError(`The ledger holds ${tree.size} events; a tree of ${size} leaves was asked for`);
  }
  for (const range of ranges) {
    const key = rangeKey(range);
    if (found.has(key)) continue;
    const hash = range.end === size ? tree.suffixHash(range.start) : undefined;
    if (!hash)
      throw new RangeError(`Leaves ${range.start}..${range.end} are no subtree of a tree of ${size}`);
    found.set(key, hash);
  }
  return found;
}

export function rangeKey(range: LeafRange): string {
  return `${range.start}:${range.end}`;
}

/** The audit path (hex, nearest the leaf first) of leaf `index` in the ledger's tree of `size` leaves. */
export async function ledgerInclusionProof(
  ledger: CheckpointLedger,
  index: number,
  size: number,
): Promise<string[]> {
  const ranges = inclusionRanges(index, size);
  const hashes = await ledgerSubtreeHashes(ledger, size, ranges);
  return ranges.map((range) => hashes.get(rangeKey(range))!.toString('hex'));
}

/** The consistency proof (hex) that the ledger's tree of `newSize` leaves extends its tree of `oldSize`. */
export async function ledgerConsistencyProof(
  ledger: CheckpointLedger,
  oldSize: number,
  newSize: number,
): Promise<string[]> {
  const ranges = consistencyRanges(oldSize, newSize);
  const hashes = await ledgerSubtreeHashes(ledger, newSize, ranges);
  return ranges.map((range) => hashes.get(rangeKey(range))!.toString('hex'));
}
