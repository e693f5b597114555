import * as crypto from 'node:crypto';
import type { HashAlgorithm } from '@docket/event-store';

/**
 * The Merkle tree over the chain, as RFC 6962 / RFC 9162 (Certificate Transparency) define it: a leaf is
 * H(0x00 || leaf bytes), an inner node H(0x01 || left || right), and a tree of n > 1 leaves splits at
 * the largest power of two below n. Leaf i (0-based) is the 32 bytes of the chain hash of the event at
 * position i + 1. The prefixes keep a leaf from ever passing for a node (second preimages). H is the
 * ledger's own hash: SHA-256, or SM3 (GB/T 32905) in a 国密 ledger; both give 32 bytes.
 */

const HEX_64 = /^[0-9a-f]{64}$/;

// crypto.hash (Node >= 20.12) is the one-shot digest; createHash where it is missing.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
const digestOf = (algorithm: HashAlgorithm): ((data: Buffer) => Buffer) =>
  oneShot
    ? (data) => oneShot(algorithm, data, 'buffer')
    : (data) => crypto.createHash(algorithm).update(data).digest();

// Inputs are assembled in two reused buffers: allocating them per hash cost as much as the hashing.
// Safe because the digests are synchronous and copy nothing they are given.
const leafInput = Buffer.alloc(33);
const nodeInput = Buffer.alloc(65);
nodeInput[0] = 0x01;

/** The tree's hashing with one hash function. */
export interface MerkleHash {
  readonly algorithm: HashAlgorithm;
  /** The root of the empty tree: H of nothing. */
  readonly emptyRoot: Buffer;
  /**
   * The leaf hash of a chain hash: H(0x00 || its 32 raw bytes). A stored hash that is not 64 hex digits
   * (only a damaged ledger has one) is hashed as its own text, so that it still changes the tree instead
   * of decoding to the same bytes as another damaged hash.
   */
  leafHash(chainHash: string): Buffer;
  nodeHash(left: Buffer, right: Buffer): Buffer;
}

function merkleHash(algorithm: HashAlgorithm): MerkleHash {
  const digest = digestOf(algorithm);
  return {
    algorithm,
    emptyRoot: digest(Buffer.alloc(0)),
    leafHash(chainHash) {
      if (!HEX_64.test(chainHash))
        return digest(Buffer.concat([Buffer.from([0x00]), Buffer.from(chainHash, 'utf8')]));
      leafInput.write(chainHash, 1, 'hex');
      return digest(leafInput);
    },
    nodeHash(left, right) {
      left.copy(nodeInput, 1);
      right.copy(nodeInput, 33);
      return digest(nodeInput);
    },
  };
}

const MERKLE: Record<HashAlgorithm, MerkleHash> = { sha256: merkleHash('sha256'), sm3: merkleHash('sm3') };

/** The tree's hashing for a ledger (or checkpoint) of that hash. */
export const merkleHashOf = (algorithm: HashAlgorithm): MerkleHash => MERKLE[algorithm];

const SHA256 = MERKLE.sha256;

/** The root of the empty SHA-256 tree: SHA-256 of nothing. */
export const EMPTY_TREE_ROOT = SHA256.emptyRoot;

/** SHA-256's leaf hash (`merkleHashOf(algorithm).leafHash` for the ledger's own). */
export const leafHash = (chainHash: string): Buffer => SHA256.leafHash(chainHash);

/** SHA-256's node hash (`merkleHashOf(algorithm).nodeHash` for the ledger's own). */
export const nodeHash = (left: Buffer, right: Buffer): Buffer => SHA256.nodeHash(left, right);

/** The largest power of two strictly below n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Called for every perfect subtree as it completes: leaves [start, start + size), size a power of two. */
export type SubtreeListener = (start: number, size: number, hash: Buffer) => void;

/**
 * Builds the tree leaf by leaf in O(log n) memory: it keeps only the perfect subtrees that the binary
 * digits of the leaf count decompose the leaves into (sizes strictly decreasing, left to right). The
 * RFC's tree of n leaves is exactly those subtrees folded from the right, so the root of every prefix is
 * at hand while the leaves stream past.
 */
export class TreeBuilder {
  private readonly hashes: Buffer[] = [];
  private readonly sizes: number[] = [];
  private count = 0;

  constructor(
    private readonly onSubtree?: SubtreeListener,
    /** The hash of the ledger the tree is over (default SHA-256). */
    readonly merkle: MerkleHash = SHA256,
  ) {}

  get size(): number {
    return this.count;
  }

  push(leaf: Buffer): void {
    let start = this.count;
    let size = 1;
    let hash = leaf;
    this.count += 1;
    this.onSubtree?.(start, size, hash);
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      const left = this.hashes.pop()!;
      this.sizes.pop();
      start -= size;
      size *= 2;
      hash = this.merkle.nodeHash(left, hash);
      this.onSubtree?.(start, size, hash);
    }
    this.hashes.push(hash);
    this.sizes.push(size);
  }

  /** The root of the leaves pushed so far. */
  root(): Buffer {
    return this.hashes.length === 0 ? this.merkle.emptyRoot : this.foldFrom(0);
  }

  /**
   * The hash of the leaves [start, size): defined when start is where one of the kept subtrees begins,
   * which is true of every right-edge range a proof for this size asks for.
   */
  suffixHash(start: number): Buffer | undefined {
    let at = this.count;
    for (let i = this.sizes.length - 1; i >= 0; i--) {
      at -= this.sizes[i]!;
      if (at === start) return this.foldFrom(i);
      if (at < start) return undefined;
    }
    return undefined;
  }

  private foldFrom(index: number): Buffer {
    let hash = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= index; i--) hash = this.merkle.nodeHash(this.hashes[i]!, hash);
    return hash;
  }
}
