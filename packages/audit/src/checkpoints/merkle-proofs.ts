import type { HashAlgorithm } from '@docket/event-store';
import { merkleHashOf, splitPoint } from './merkle';

/** Leaves [start, end) of a tree: the subtree whose hash a proof carries. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * The subtrees whose hashes make the audit path of leaf `index` in a tree of `size` leaves
 * (RFC 6962 2.1.1, PATH(m, D[n])), nearest the leaf first.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`No leaf ${index} in a tree of ${size} leaves`);
  }
  const path: LeafRange[] = [];
  let start = 0;
  let end = size;
  // Walk down to the leaf, remembering the sibling at every level; the deepest sibling comes first.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push({ start: start + k, end });
      end = start + k;
    } else {
      path.push({ start, end: start + k });
      start += k;
    }
  }
  return path.reverse();
}

/**
 * The subtrees whose hashes prove that the tree of `newSize` leaves extends the tree of `oldSize`
 * (RFC 6962 2.1.2, PROOF(m, D[n])), for 0 < oldSize < newSize; empty otherwise.
 */
export function consistencyRanges(oldSize: number, newSize: number): LeafRange[] {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize > newSize || oldSize < 0) {
    throw new RangeError(`No consistency proof from ${oldSize} to ${newSize} leaves`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const proof: LeafRange[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  // SUBPROOF's `b`: true while the old tree is still the left edge of the subtree we stand in.
  let wholeOldTree = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push({ start: start + k, end });
      end = start + k;
    } else {
      proof.push({ start, end: start + k });
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) proof.push({ start, end });
  return proof.reverse();
}

/** RFC 9162 2.1.3.2: does `path` lead from the leaf's chain hash to `root`? (A tree of the ledger's hash.) */
export function verifyInclusionPath(
  chainHash: string,
  index: number,
  size: number,
  path: readonly Buffer[],
  root: Buffer,
  algorithm: HashAlgorithm = 'sha256',
): boolean {
  const { leafHash, nodeHash } = merkleHashOf(algorithm);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  // BigInt: the RFC's shifts on 53-bit sizes would overflow JavaScript's 32-bit bitwise operators.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash(chainHash);
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 2.1.4.2: does `proof` show that the tree with `newRoot` extends the tree with `oldRoot`? */
export function verifyConsistencyPath(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
  algorithm: HashAlgorithm = 'sha256',
): boolean {
  const { nodeHash } = merkleHashOf(algorithm);
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  // Every tree extends the empty one.
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = BigInt(oldSize - 1);
  let sn = BigInt(newSize - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(oldRoot) && sr.equals(newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
