import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadTrustedKeys,
  merkleHashOf,
  readCheckpointFile,
  signCheckpoint,
  verifyAgainstCheckpoint,
  verifyCheckpointDirectory,
  verifyCheckpointFile,
} from '../src/checkpoints';
import {
  appendSteps,
  CENTRE,
  deleteAndRenumber,
  fixHeadRecord,
  HASH_ALGORITHMS,
  rehashFrom,
  step,
  type TempLedger,
  tamper,
  useTempLedgers,
} from './checkpoints-support';

/**
 * Someone with the file edits the ledger behind the adapter's back. A careless edit breaks the chain and
 * verify() names it; a careful one (every hash recomputed, the head record fixed) leaves a chain that
 * verifies, and only the checkpoints signed before, held outside, can tell. Either way the result names
 * the position.
 */
// Both suites: standard (SHA-256, Ed25519) and 国密 (SM3, SM2).
describe.each(HASH_ALGORITHMS)('a ledger chained with %s', (hashAlgorithm) => {
  const newLedger = useTempLedgers(hashAlgorithm);

  /** Ten events, checkpoints signed at 5 and at 10, the ledger closed. */
  async function signedLedger(): Promise<TempLedger> {
    const ledger = newLedger();
    const store = ledger.open();
    await appendSteps(store, 1, 5);
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE });
    await appendSteps(store, 6, 10);
    await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir);
    await store.close();
    return ledger;
  }

  const checkAll = (ledger: TempLedger, store = ledger.open()) =>
    verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir);
  const archivePath = (ledger: TempLedger) => join(ledger.checkpointDir, 'leaves.bin');

  describe('a careless edit breaks the chain: verify() and the checkpoints name it', () => {
    it('one changed byte in one event’s data', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        const data = db.prepare('SELECT data FROM events WHERE position = 4').pluck().get() as string;
        db.prepare('UPDATE events SET data = ? WHERE position = 4').run(data.replace('"i":4', '"i":5'));
      });
      const store = ledger.open();
      expect(await store.verify()).toEqual({ ok: false, count: 3, position: 4n, reason: 'hash mismatch' });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'chain-broken',
        checkpoint: 5,
        position: 4n,
      });
    });

    it('one deleted event', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => db.prepare('DELETE FROM events WHERE position = 7').run());
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({
        ok: false,
        position: 7n,
        reason: 'position gap: expected 7, found 8',
      });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'chain-broken',
        checkpoint: 10,
        position: 7n,
      });
    });

    it('two events with swapped contents', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        const row = db.prepare('SELECT data, metadata FROM events WHERE position = ?');
        const a = row.get(3) as { data: string; metadata: string };
        const b = row.get(8) as { data: string; metadata: string };
        const set = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
        set.run(b.data, b.metadata, 3);
        set.run(a.data, a.metadata, 8);
      });
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({ ok: false, position: 3n, reason: 'hash mismatch' });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'chain-broken',
        checkpoint: 5,
        position: 3n,
      });
    });

    it('a cut tail with the head record left as it was', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => db.prepare('DELETE FROM events WHERE position > 7').run());
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({ ok: false, position: 8n });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'chain-broken',
        checkpoint: 10,
        position: 8n,
      });
    });
  });

  describe('a careful forgery passes verify(); the signed checkpoints catch it', () => {
    it('a truncated tail, head record fixed: truncated at the first missing position', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare('DELETE FROM events WHERE position > 7').run();
        fixHeadRecord(db);
      });
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({ ok: true, count: 7, headPosition: 7n });
      expect(await checkAll(ledger, store)).toEqual({
        ok: false,
        problem: 'truncated',
        checkpoint: 10,
        position: 8n,
        reason: 'the ledger ends at position 7; checkpoint 10 signed 10 events',
      });
      // What was signed at 5 is still there.
      expect(
        (await verifyCheckpointFile(store, join(ledger.checkpointDir, '5.json'), ledger.keyDir)).ok,
      ).toBe(true);
    });

    it('the tail replaced by a re-hashed forgery: rewritten, at the first forged position', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{"i":7,"note":"改过的第7步"}' WHERE position = 7`).run();
        rehashFrom(db, 7);
      });
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({ ok: true, count: 10, headPosition: 10n });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 10,
        position: 7n,
      });
      expect(
        (await verifyCheckpointFile(store, join(ledger.checkpointDir, '5.json'), ledger.keyDir)).ok,
      ).toBe(true);
    });

    it('an event deleted in the middle, the rest renumbered and re-hashed: rewritten there, not truncated at the end', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => deleteAndRenumber(db, 7));
      const store = ledger.open();
      // The ledger is one shorter than checkpoint 10 signed, but the first rewritten position is 7.
      expect(await store.verify()).toMatchObject({ ok: true, count: 9, headPosition: 9n });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 10,
        position: 7n,
      });
      const one = await verifyCheckpointFile(store, join(ledger.checkpointDir, '10.json'), ledger.keyDir);
      expect(one).toMatchObject({ ok: false, problem: 'rewritten', position: 7n });
      expect(one.ok === false && one.reason).toContain('ends at position 9');
    });

    it('the tail cut and new events appended through the adapter: rewritten at the first replaced one', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare('DELETE FROM events WHERE position > 6').run();
        db.prepare(`DELETE FROM idempotency`).run();
        fixHeadRecord(db);
      });
      const store = ledger.open();
      // The adapter extends the shortened chain as if nothing happened; the log is even longer than before.
      for (let i = 7; i <= 11; i++) await store.appendToStream(`application-20260302-FORGED`, [step(i)]);
      expect(await store.verify()).toMatchObject({ ok: true, count: 11 });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 10,
        position: 7n,
      });
    });

    it('an event inserted in the middle, positions shifted and every hash recomputed', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare('UPDATE events SET position = -position WHERE position >= 3').run();
        db.prepare('UPDATE events SET position = 1 - position WHERE position < 0').run();
        const model = db.prepare('SELECT * FROM events WHERE position = 4').get() as Record<string, unknown>;
        db.prepare(
          `INSERT INTO events (position, stream, revision, id, type, schema_version, occurred_at, recorded_at, metadata, data, hash)
         VALUES (3, 'application-20260302-INSERT', 0, '0190a000-0000-7000-8000-000000000001', 'StepRecorded', 1, ?, ?, ?, '{"inserted":true}', '')`,
        ).run(model.occurred_at, model.recorded_at, model.metadata);
        rehashFrom(db, 3);
      });
      const store = ledger.open();
      expect(await store.verify()).toMatchObject({ ok: true, count: 11 });
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 5,
        position: 3n,
      });
    });

    it('without the leaf archive the rewrite is still caught, and placed between two checkpoints', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{}' WHERE position = 8`).run();
        rehashFrom(db, 8);
      });
      rmSync(archivePath(ledger));
      const store = ledger.open();
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 10,
        within: { from: 6n, to: 10n },
      });
      // One checkpoint alone can only say "somewhere in what it signed".
      const only = readCheckpointFile(join(ledger.checkpointDir, '10.json'));
      const result = await verifyAgainstCheckpoint(store, only, loadTrustedKeys(ledger.keyDir));
      expect(result).toMatchObject({ ok: false, problem: 'rewritten', within: { from: 1n, to: 10n } });
      expect(result).not.toHaveProperty('position');
    });

    it('a leaf archive forged along with the ledger is not believed', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{}' WHERE position = 8`).run();
        rehashFrom(db, 8);
        // ... and the archive rewritten from the forged ledger, so that the two agree.
        const hashes = db.prepare('SELECT hash FROM events ORDER BY position').pluck().all() as string[];
        writeFileSync(
          archivePath(ledger),
          Buffer.concat(hashes.map((h) => merkleHashOf(hashAlgorithm).leafHash(h))),
        );
      });
      expect(await checkAll(ledger)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        within: { from: 6n, to: 10n },
      });
    });

    it('the whole history re-hashed from the first event: rewritten at position 1', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET recorded_at = '2026-01-01T00:00:00.000Z' WHERE position = 1`).run();
        rehashFrom(db, 1);
      });
      expect(await checkAll(ledger)).toMatchObject({
        ok: false,
        problem: 'rewritten',
        checkpoint: 5,
        position: 1n,
      });
    });

    it('a checkpoint file edited to match the forgery fails its signature', async () => {
      const ledger = await signedLedger();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{}' WHERE position = 9`).run();
        rehashFrom(db, 9);
      });
      const store = ledger.open();
      const path = join(ledger.checkpointDir, '10.json');
      const head = await store.head();
      const edited = { ...JSON.parse(readFileSync(path, 'utf8')), headHash: head.hash };
      writeFileSync(path, JSON.stringify(edited));
      expect(await checkAll(ledger, store)).toMatchObject({
        ok: false,
        problem: 'bad-signature',
        checkpoint: 10,
      });
    });
  });
});
