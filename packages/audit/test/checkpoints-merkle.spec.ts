import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  consistencyRanges,
  EMPTY_TREE_ROOT,
  inclusionRanges,
  leafHash,
  TreeBuilder,
  verifyConsistencyPath,
  verifyInclusionPath,
} from '../src/checkpoints';

/**
 * The tree against RFC 6962 written out naively (recursion on slices, straight from the definitions),
 * and against the Certificate Transparency reference implementation's published vectors.
 */
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const hashLeaf = (data: Buffer) => sha(Buffer.from([0]), data);
const k = (n: number) => {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
};
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0]!;
  return sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
}
function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s
    ? [...path(m, d.slice(0, s)), mth(d.slice(s))]
    : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

/** Chain hashes as the ledger has them: 64 hex digits each. */
const chainHashes = Array.from({ length: 41 }, (_, i) =>
  createHash('sha256').update(`event ${i}`).digest('hex'),
);
const leaves = chainHashes.map((h) => leafHash(h));
/** Hash of leaves [start, end) from the naive tree: what a proof range must resolve to. */
const hashOfRange = (r: { start: number; end: number }) => mth(leaves.slice(r.start, r.end));
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

describe('the tree matches RFC 6962', () => {
  it('leaf and root of the CT reference corpus (roots published for sizes 1..8)', () => {
    const corpus = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const roots = [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const corpusLeaves = corpus.map((h) => hashLeaf(Buffer.from(h, 'hex')));
    const tree = new TreeBuilder();
    expect(tree.root().toString('hex')).toBe(roots[0]);
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(roots[0]);
    for (const [i, leaf] of corpusLeaves.entries()) {
      tree.push(leaf);
      expect(tree.root().toString('hex'), `size ${i + 1}`).toBe(roots[i + 1]);
    }
    // The reference's published proofs over the same corpus.
    const proofOf = (ranges: { start: number; end: number }[]) =>
      ranges.map((r) => mth(corpusLeaves.slice(r.start, r.end)).toString('hex'));
    expect(proofOf(inclusionRanges(0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(proofOf(inclusionRanges(5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(proofOf(inclusionRanges(2, 3))).toEqual([
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    ]);
    expect(proofOf(consistencyRanges(1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(proofOf(consistencyRanges(6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(proofOf(consistencyRanges(2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('the streaming builder gives the naive root of every prefix up to 40 leaves', () => {
    const tree = new TreeBuilder();
    for (let n = 1; n <= 40; n++) {
      tree.push(leaves[n - 1]!);
      expect(tree.root().equals(mth(leaves.slice(0, n))), `size ${n}`).toBe(true);
    }
  });

  it('reports every perfect subtree as it completes, and right-edge ranges from the frontier', () => {
    const seen = new Map<string, Buffer>();
    const tree = new TreeBuilder((start, size, hash) => seen.set(`${start}:${start + size}`, hash));
    for (const leaf of leaves.slice(0, 37)) tree.push(leaf);
    for (const [key, hash] of seen) {
      const [start, end] = key.split(':').map(Number);
      expect(hash.equals(mth(leaves.slice(start, end)))).toBe(true);
    }
    // 37 = 32 + 4 + 1: the right edge starts at 0, 32 and 36.
    for (const start of [0, 32, 36])
      expect(tree.suffixHash(start)!.equals(mth(leaves.slice(start, 37)))).toBe(true);
    expect(tree.suffixHash(33)).toBeUndefined();
  });

  it('inclusion: every path for every leaf of every size up to 40 is the RFC path, and verifies', () => {
    for (let n = 1; n <= 40; n++) {
      const root = mth(leaves.slice(0, n));
      for (let i = 0; i < n; i++) {
        const proof = inclusionRanges(i, n).map(hashOfRange);
        expect(hex(proof), `PATH(${i}, D[${n}])`).toEqual(hex(path(i, leaves.slice(0, n))));
        expect(verifyInclusionPath(chainHashes[i]!, i, n, proof, root), `verify ${i} in ${n}`).toBe(true);
      }
    }
  });

  it('consistency: every proof for every 0 < m < n <= 40 is the RFC proof, and verifies', () => {
    for (let n = 1; n <= 40; n++) {
      const newRoot = mth(leaves.slice(0, n));
      for (let m = 1; m < n; m++) {
        const proof = consistencyRanges(m, n).map(hashOfRange);
        expect(hex(proof), `PROOF(${m}, D[${n}])`).toEqual(hex(subproof(m, leaves.slice(0, n), true)));
        expect(verifyConsistencyPath(m, n, mth(leaves.slice(0, m)), newRoot, proof), `${m} -> ${n}`).toBe(
          true,
        );
      }
      expect(verifyConsistencyPath(n, n, newRoot, newRoot, [])).toBe(true);
      expect(verifyConsistencyPath(0, n, EMPTY_TREE_ROOT, newRoot, [])).toBe(true);
    }
  });

  it('refuses every altered inclusion proof: a flipped hash, a wrong leaf or index, another root, a short or long path', () => {
    for (const [i, n] of [
      [0, 1],
      [3, 7],
      [12, 13],
      [31, 32],
      [20, 40],
    ] as const) {
      const root = mth(leaves.slice(0, n));
      const proof = inclusionRanges(i, n).map(hashOfRange);
      for (let p = 0; p < proof.length; p++) {
        const altered = proof.map((h) => Buffer.from(h));
        altered[p]![0]! ^= 1;
        expect(verifyInclusionPath(chainHashes[i]!, i, n, altered, root)).toBe(false);
      }
      expect(verifyInclusionPath(chainHashes[i + 1 === n ? 0 : i + 1]!, i, n, proof, root)).toBe(n === 1);
      if (n > 1) expect(verifyInclusionPath(chainHashes[i]!, (i + 1) % n, n, proof, root)).toBe(false);
      // The size is bound by the root (it is signed with it): the same path against a longer tree fails.
      expect(verifyInclusionPath(chainHashes[i]!, i, n, proof, mth(leaves.slice(0, n + 1)))).toBe(false);
      expect(verifyInclusionPath(chainHashes[i]!, n, n, proof, root)).toBe(false);
      expect(verifyInclusionPath(chainHashes[i]!, i, n, [...proof, leaves[0]!], root)).toBe(false);
      if (proof.length > 0)
        expect(verifyInclusionPath(chainHashes[i]!, i, n, proof.slice(1), root)).toBe(false);
    }
  });

  it('refuses every altered consistency proof, and a history changed before the old size', () => {
    for (const [m, n] of [
      [1, 2],
      [3, 7],
      [4, 8],
      [6, 8],
      [13, 40],
      [32, 33],
    ] as const) {
      const oldRoot = mth(leaves.slice(0, m));
      const newRoot = mth(leaves.slice(0, n));
      const proof = consistencyRanges(m, n).map(hashOfRange);
      for (let p = 0; p < proof.length; p++) {
        const altered = proof.map((h) => Buffer.from(h));
        altered[p]![31]! ^= 0x80;
        expect(verifyConsistencyPath(m, n, oldRoot, newRoot, altered), `${m}->${n} hash ${p}`).toBe(false);
      }
      expect(verifyConsistencyPath(m, n, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
      expect(verifyConsistencyPath(m, n, oldRoot, newRoot, [...proof, leaves[0]!])).toBe(false);
      expect(verifyConsistencyPath(m, n, oldRoot, mth(leaves.slice(0, n + 1)), proof)).toBe(false);
      // The newer tree with leaf 0 rewritten does not extend the older.
      const forged = [leafHash('f'.repeat(64)), ...leaves.slice(1, n)];
      const forgedProof = consistencyRanges(m, n).map((r) => mth(forged.slice(r.start, r.end)));
      expect(verifyConsistencyPath(m, n, oldRoot, mth(forged), forgedProof)).toBe(false);
    }
    expect(verifyConsistencyPath(3, 2, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [])).toBe(false);
    expect(verifyConsistencyPath(3, 7, mth(leaves.slice(0, 3)), mth(leaves.slice(0, 7)), [])).toBe(false);
  });

  it('splits sizes beyond 2^32 without 32-bit overflow', () => {
    const ranges = inclusionRanges(2 ** 33 + 5, 2 ** 33 + 7);
    expect(ranges[0]).toEqual({ start: 2 ** 33 + 4, end: 2 ** 33 + 5 });
    expect(ranges.at(-1)).toEqual({ start: 0, end: 2 ** 33 });
  });
});
