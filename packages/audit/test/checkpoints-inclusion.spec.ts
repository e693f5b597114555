import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  caseExportProofs,
  inclusionProofsFor,
  loadTrustedKeys,
  signCheckpoint,
  verifyCaseExportProofs,
  verifyInclusion,
} from '../src/checkpoints';
import { checkCaseExport, exportCase } from '../src/export';
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

  describe('inclusion proofs for a case export', () => {
    async function signedLedger() {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 23);
      const { checkpoint } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
        ledgerId: CENTRE,
      });
      return { ledger, store, checkpoint, trusted: loadTrustedKeys(ledger.keyDir) };
    }
    /** The export as an outside party receives it: JSON, bigints as text. */
    const asExported = (value: unknown) =>
      JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

    it('every event of a case, checked by an outside party holding only the export and the checkpoint', async () => {
      const { store, checkpoint, trusted } = await signedLedger();
      const caseEvents = (await store.readAll({})).filter((e) => e.correlationId === '20260302-CASE02');
      const proofs = await inclusionProofsFor(
        store,
        caseEvents.map((e) => e.position),
        checkpoint,
      );
      expect(proofs.map((p) => p.position)).toEqual([2, 5, 8, 11, 14, 17, 20, 23]);
      expect(proofs[0]!.previousHash).toBe((await store.readAll({ after: 0n, maxCount: 1 }))[0]!.hash);
      const exported = asExported({ events: caseEvents, proofs, checkpoint });
      const outsider = new Map(trusted);
      for (const [i, event] of exported.events.entries()) {
        expect(
          verifyInclusion(event, exported.proofs[i], exported.checkpoint, outsider),
          `event ${event.position}`,
        ).toEqual({
          ok: true,
        });
      }
    });

    it('an altered event, a proof for another event, or another checkpoint fail', async () => {
      const { ledger, store, checkpoint, trusted } = await signedLedger();
      const [event] = await store.readAll({ after: 5n, maxCount: 1 });
      const [proof] = await inclusionProofsFor(store, [6n], checkpoint);
      const exported = asExported(event);
      expect(
        verifyInclusion({ ...exported, data: { i: 6, note: '改过' } }, proof!, checkpoint, trusted),
      ).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/altered/),
      });
      expect(verifyInclusion({ ...exported, reason: '另一理由' }, proof!, checkpoint, trusted).ok).toBe(
        false,
      );
      // Masked personal data no longer gives the hash: the hash's place can still be checked.
      expect(
        verifyInclusion({ ...exported, data: { i: 6, note: '***' } }, proof!, checkpoint, trusted, {
          checkContent: false,
        }),
      ).toEqual({
        ok: true,
      });
      const [other] = await inclusionProofsFor(store, [7n], checkpoint);
      expect(verifyInclusion(exported, other!, checkpoint, trusted).ok).toBe(false);
      expect(
        verifyInclusion(exported, { ...proof!, path: proof!.path.slice(1) }, checkpoint, trusted),
      ).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not in the tree/),
      });
      expect(verifyInclusion(exported, proof!, { ...checkpoint, treeRoot: 'f'.repeat(64) }, trusted).ok).toBe(
        false,
      );
      expect(
        verifyInclusion(exported, proof!, checkpoint, loadTrustedKeys(join(ledger.dir, 'none'))).ok,
      ).toBe(false);
      await expect(inclusionProofsFor(store, [24n], checkpoint)).rejects.toThrow(/not among the 23/);
    });

    it('a case export carries its proofs and the checkpoint: the file alone is checked', async () => {
      const { store, checkpoint, trusted } = await signedLedger();
      await appendSteps(store, 24, 26);
      const exported = await exportCase(store, '20260302-CASE02');
      const proofs = await caseExportProofs(store, exported.events, checkpoint);
      const file = JSON.parse(JSON.stringify({ ...exported, proofs }));
      // The file names its hash (and its checkpoint the suite), so an outside party knows what to check with.
      expect(file.chain.hashAlgorithm).toBe(hashAlgorithm);
      expect(file.chain.link).toMatch(hashAlgorithm === 'sm3' ? /hex\(SM3\(/ : /hex\(SHA-256\(/);
      expect(checkCaseExport(file)).toEqual({ ok: true, count: 9 });
      const misnamed = {
        ...file,
        chain: { ...file.chain, hashAlgorithm: hashAlgorithm === 'sm3' ? 'sha256' : 'sm3' },
      };
      expect(checkCaseExport(misnamed)).toMatchObject({ ok: false, reason: 'hash mismatch' });
      expect(verifyCaseExportProofs(file, trusted)).toEqual({ ok: true, proven: 8, unproven: ['26'] });
      file.events[3].data.note = '改过';
      expect(verifyCaseExportProofs(file, trusted)).toMatchObject({ ok: false, position: '11' });
      expect(verifyCaseExportProofs({ events: file.events }, trusted)).toMatchObject({ ok: false });
    });

    it('refuses to prove into a tree the ledger no longer gives', async () => {
      const { ledger, store, checkpoint } = await signedLedger();
      await store.close();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{}' WHERE position = 9`).run();
        rehashFrom(db, 9);
      });
      await expect(inclusionProofsFor(ledger.open(), [2n], checkpoint)).rejects.toThrow(
        /do not give the tree root/,
      );
    });
  });
});
