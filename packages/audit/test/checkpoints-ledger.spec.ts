import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consistencyProofFor,
  generateCheckpointKey,
  keyAlgorithmForLedger,
  LedgerDisagreesWithCheckpoints,
  ledgerConsistencyProof,
  ledgerInclusionProof,
  ledgerTreeRoot,
  loadSigningKey,
  loadTrustedKeys,
  merkleHashOf,
  readCheckpointFile,
  readCheckpoints,
  signCheckpoint,
  signCheckpointBody,
  TreeBuilder,
  verifyCheckpointChain,
  verifyCheckpointDirectory,
  verifyCheckpointFile,
  verifyConsistencyPath,
  verifyInclusionPath,
} from '../src/checkpoints';
import {
  appendSteps,
  CENTRE,
  HASH_ALGORITHMS,
  rehashFrom,
  tamper,
  useTempLedgers,
} from './checkpoints-support';

// Both suites: standard (SHA-256, Ed25519) and 国密 (SM3, SM2).
describe.each(HASH_ALGORITHMS)('a ledger chained with %s', (hashAlgorithm) => {
  const newLedger = useTempLedgers(hashAlgorithm);
  const clock = () => new Date('2026-03-02T01:30:00.000Z');
  const hex = (hashes: string[]) => hashes.map((h) => Buffer.from(h, 'hex'));

  describe('the tree over a ledger', () => {
    it('streams the chain hashes into the RFC 6962 root of any prefix, and proves from it', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 37);
      const events = await store.readAll({});
      // The tree is the ledger's hash's: SM3 for a 国密 ledger, never SHA-256.
      const merkle = merkleHashOf(hashAlgorithm);
      const naive = new TreeBuilder(undefined, merkle);
      const otherHash = new TreeBuilder(undefined, merkleHashOf(hashAlgorithm === 'sm3' ? 'sha256' : 'sm3'));
      const roots = [naive.root().toString('hex')];
      for (const e of events) {
        naive.push(merkle.leafHash(e.hash));
        otherHash.push(otherHash.merkle.leafHash(e.hash));
        roots.push(naive.root().toString('hex'));
      }
      expect(otherHash.root().toString('hex')).not.toBe(roots[37]);
      expect(await ledgerTreeRoot(store)).toEqual({
        size: 37,
        treeRoot: roots[37],
        headHash: events[36]!.hash,
      });
      expect(await ledgerTreeRoot(store, 21)).toEqual({
        size: 21,
        treeRoot: roots[21],
        headHash: events[20]!.hash,
      });
      expect((await ledgerTreeRoot(store, 99)).size).toBe(37);
      for (const [i, n] of [
        [0, 1],
        [6, 21],
        [36, 37],
        [16, 37],
      ] as const) {
        const path = hex(await ledgerInclusionProof(store, i, n));
        const root = Buffer.from(roots[n]!, 'hex');
        expect(verifyInclusionPath(events[i]!.hash, i, n, path, root, hashAlgorithm)).toBe(true);
        if (n > 1) {
          const other = hashAlgorithm === 'sm3' ? 'sha256' : 'sm3';
          expect(verifyInclusionPath(events[i]!.hash, i, n, path, root, other)).toBe(false);
        }
      }
      for (const [m, n] of [
        [1, 37],
        [13, 21],
        [32, 37],
        [36, 37],
      ] as const) {
        const proof = hex(await ledgerConsistencyProof(store, m, n));
        const ok = verifyConsistencyPath(
          m,
          n,
          Buffer.from(roots[m]!, 'hex'),
          Buffer.from(roots[n]!, 'hex'),
          proof,
          hashAlgorithm,
        );
        expect(ok, `${m} -> ${n}`).toBe(true);
      }
      await expect(ledgerInclusionProof(store, 3, 40)).rejects.toThrow(/holds 37 events/);
    });
  });

  describe('signing and verifying checkpoint files', () => {
    it('signs the head, stores <size>.json and the leaf archive, and verifies the ledger against it', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 10);
      const first = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
        ledgerId: CENTRE,
        clock,
      });
      expect(first.signed).toBe(true);
      expect(first.path).toBe(join(ledger.checkpointDir, '10.json'));
      const head = await store.head();
      expect(first.checkpoint).toMatchObject({
        format: 'docket-checkpoint/1',
        ledgerId: CENTRE,
        size: 10,
        headHash: head.hash,
        treeRoot: (await ledgerTreeRoot(store)).treeRoot,
        signedAt: '2026-03-02T01:30:00.000Z',
        keyId: loadSigningKey(ledger.keyDir).keyId,
      });
      expect(readCheckpointFile(first.path!)).toEqual(first.checkpoint);
      expect(statSync(join(ledger.checkpointDir, 'leaves.bin')).size).toBe(10 * 32);
      expect(await verifyCheckpointFile(store, first.path!, ledger.keyDir)).toEqual({
        ok: true,
        checkpoints: 1,
        size: 10,
        headHash: head.hash,
        treeRoot: first.checkpoint.treeRoot,
      });

      // Nothing new: nothing signed. New events: a new checkpoint, named after the existing ones.
      expect(await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).toMatchObject({
        signed: false,
        path: undefined,
      });
      await appendSteps(store, 11, 14);
      const second = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { clock });
      expect(second.checkpoint).toMatchObject({ size: 14, ledgerId: CENTRE });
      expect(readCheckpoints(ledger.checkpointDir).map((c) => c.size)).toEqual([10, 14]);
      expect(statSync(join(ledger.checkpointDir, 'leaves.bin')).size).toBe(14 * 32);
      expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
        ok: true,
        checkpoints: 2,
        size: 14,
      });
      // Events after the checkpoint are the chain's business, not the checkpoint's.
      await appendSteps(store, 15, 16);
      expect((await verifyCheckpointFile(store, second.path!, ledger.keyDir)).ok).toBe(true);
    });

    it('needs the ledger named, once: later signings take the name from the checkpoints', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 2);
      await expect(signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).rejects.toThrow(
        /Name the ledger/,
      );
      await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE });
      await appendSteps(store, 3, 3);
      expect((await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).checkpoint.ledgerId).toBe(
        CENTRE,
      );
      // Checkpoints of another ledger in the directory are refused, not silently extended.
      await appendSteps(store, 4, 4);
      await expect(
        signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: '另一个中心' }),
      ).rejects.toThrow(LedgerDisagreesWithCheckpoints);
    });

    it('an empty ledger signs as the empty tree', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      const { checkpoint } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
        ledgerId: CENTRE,
      });
      expect(checkpoint).toMatchObject({
        size: 0,
        headHash: '0'.repeat(64),
        // SHA-256("") or SM3(""): the empty tree of the ledger's hash.
        treeRoot: {
          sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          sm3: '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
        }[hashAlgorithm],
      });
      await appendSteps(store, 1, 3);
      expect((await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).ok).toBe(true);
    });

    it('after a key rotation older checkpoints still verify, and the head can be re-signed with the new key', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 5);
      const older = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE });
      const rotated = generateCheckpointKey(ledger.keyDir, {
        rotate: true,
        algorithm: keyAlgorithmForLedger(hashAlgorithm),
      });
      await appendSteps(store, 6, 8);
      const newer = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir);
      expect(newer.checkpoint.keyId).toBe(rotated.keyId);
      expect(older.checkpoint.keyId).not.toBe(rotated.keyId);
      const resigned = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { force: true });
      expect(resigned).toMatchObject({ signed: true, checkpoint: { size: 8, keyId: rotated.keyId } });
      expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
        ok: true,
        checkpoints: 2,
      });
    });
  });

  describe('checkpoints against each other', () => {
    async function twoCheckpoints() {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 7);
      const older = (await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE }))
        .checkpoint;
      await appendSteps(store, 8, 19);
      const newer = (await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).checkpoint;
      return { ledger, store, older, newer, trusted: loadTrustedKeys(ledger.keyDir) };
    }

    it('a consistency proof shows the newer checkpoint extends the older, with no ledger at hand', async () => {
      const { store, older, newer, trusted } = await twoCheckpoints();
      const proof = await consistencyProofFor(store, older, newer);
      expect(verifyCheckpointChain(older, newer, proof, trusted)).toEqual({ ok: true });
      expect(verifyCheckpointChain(newer, newer, [], trusted)).toEqual({ ok: true });
      expect(verifyCheckpointChain(newer, older, proof, trusted)).toMatchObject({
        ok: false,
        problem: 'out-of-order',
      });
    });

    it('a newer checkpoint over a rewritten history does not extend the older one', async () => {
      const { ledger, store, older, trusted } = await twoCheckpoints();
      // The operator rewrites event 3, re-hashes, and signs the result with the centre's own key.
      await store.close();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{"i":3,"note":"改过"}' WHERE position = 3`).run();
        rehashFrom(db, 3);
      });
      const forged = ledger.open();
      const root = await ledgerTreeRoot(forged);
      const signed = signCheckpointBody(
        {
          ledgerId: CENTRE,
          size: root.size,
          headHash: root.headHash!,
          treeRoot: root.treeRoot,
          signedAt: clock().toISOString(),
          hashAlgorithm,
        },
        loadSigningKey(ledger.keyDir).privateKey,
      );
      const proof = await consistencyProofFor(forged, older, signed);
      expect(verifyCheckpointChain(older, signed, proof, trusted)).toMatchObject({
        ok: false,
        problem: 'not-extended',
      });
      // Two checkpoints of one size with different roots: the centre signed two histories.
      const fork = signCheckpointBody(
        {
          ledgerId: CENTRE,
          size: older.size,
          headHash: older.headHash,
          treeRoot: root.treeRoot,
          signedAt: older.signedAt,
          hashAlgorithm,
        },
        loadSigningKey(ledger.keyDir).privateKey,
      );
      expect(verifyCheckpointChain(older, fork, [], trusted)).toMatchObject({
        ok: false,
        problem: 'not-extended',
      });
    });

    it('refuses checkpoints of two ledgers, and untrusted or altered ones', async () => {
      const { store, older, newer, trusted } = await twoCheckpoints();
      const proof = await consistencyProofFor(store, older, newer);
      expect(verifyCheckpointChain(older, { ...newer, ledgerId: 'x' }, proof, trusted)).toMatchObject({
        ok: false,
        problem: 'bad-signature',
      });
      expect(verifyCheckpointChain(older, newer, proof, new Map())).toMatchObject({
        ok: false,
        problem: 'untrusted-key',
      });
    });
  });
});
