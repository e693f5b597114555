import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CheckpointSigner,
  LedgerDisagreesWithCheckpoints,
  readCheckpoints,
  type SignedCheckpoint,
  signCheckpoint,
  verifyCheckpointDirectory,
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

  describe('the signer follows the ledger', () => {
    async function waitFor(what: () => boolean, ms = 5000) {
      const until = Date.now() + ms;
      while (!what()) {
        if (Date.now() > until) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    it('signs after every N events', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 3);
      const signed: SignedCheckpoint[] = [];
      const signer = await CheckpointSigner.open({
        ledger: store,
        keyDir: ledger.keyDir,
        checkpointDir: ledger.checkpointDir,
        ledgerId: CENTRE,
        everyEvents: 5,
        onSigned: (c) => signed.push(c),
        onError: (e) => {
          throw e;
        },
      });
      expect(signer.size).toBe(3);
      signer.start();
      await appendSteps(store, 4, 16);
      await waitFor(() => signer.size === 16 && signed.length === 3);
      await signer.stop();
      expect(signed.map((c) => c.size)).toEqual([5, 10, 15]);
      expect(readCheckpoints(ledger.checkpointDir).map((c) => c.size)).toEqual([5, 10, 15]);
      expect(await verifyCheckpointDirectory(store, ledger.checkpointDir, ledger.keyDir)).toMatchObject({
        ok: true,
        checkpoints: 3,
      });
      // The archive holds every leaf the signer saw, also those after the last checkpoint.
      expect(statSync(join(ledger.checkpointDir, 'leaves.bin')).size).toBe(15 * 32);
    });

    it('signs every T ms while events arrive, and not when none did', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      const signed: number[] = [];
      const signer = await CheckpointSigner.open({
        ledger: store,
        keyDir: ledger.keyDir,
        checkpointDir: ledger.checkpointDir,
        ledgerId: CENTRE,
        everyMs: 30,
        onSigned: (c) => signed.push(c.size),
      });
      signer.start();
      await appendSteps(store, 1, 4);
      await waitFor(() => signed.at(-1) === 4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(signed.filter((s) => s === 4)).toHaveLength(1);
      await signer.stop();
    });

    it('will not sign new events whose chain is broken', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 4);
      const signer = await CheckpointSigner.open({
        ledger: store,
        keyDir: ledger.keyDir,
        checkpointDir: ledger.checkpointDir,
        ledgerId: CENTRE,
      });
      await signer.signNow();
      signer.start();
      await appendSteps(store, 5, 8);
      await waitFor(() => signer.size === 8);
      tamper(ledger.path, (db) => db.prepare(`UPDATE events SET data = '{}' WHERE position = 6`).run());
      await expect(signer.signNow()).rejects.toMatchObject({ code: 'ChainBroken', message: /position 6/ });
      await signer.stop();
      expect(readCheckpoints(ledger.checkpointDir).map((c) => c.size)).toEqual([4]);
    });

    it('reopened, it goes on from its checkpoints; over a rewritten history it refuses to start', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 6);
      await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, { ledgerId: CENTRE });
      const archive = readFileSync(join(ledger.checkpointDir, 'leaves.bin'));
      const reopened = await CheckpointSigner.open({
        ledger: store,
        keyDir: ledger.keyDir,
        checkpointDir: ledger.checkpointDir,
      });
      expect(reopened.signed).toBe(6);
      expect(readFileSync(join(ledger.checkpointDir, 'leaves.bin')).equals(archive)).toBe(true);
      // One signer per directory: a second one (here, or `docket checkpoint sign` beside a running
      // docket) is refused while the first holds it, and the first is left as it was.
      await expect(signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).rejects.toMatchObject({
        code: 'SignerBusy',
        owner: { pid: process.pid },
      });
      await reopened.stop();
      expect(existsSync(join(ledger.checkpointDir, 'signer.lock'))).toBe(false);

      await store.close();
      tamper(ledger.path, (db) => {
        db.prepare(`UPDATE events SET data = '{"i":4}' WHERE position = 4`).run();
        rehashFrom(db, 4);
      });
      const forged = ledger.open();
      const refused = CheckpointSigner.open({
        ledger: forged,
        keyDir: ledger.keyDir,
        checkpointDir: ledger.checkpointDir,
      });
      await expect(refused).rejects.toThrow(LedgerDisagreesWithCheckpoints);
      await expect(refused).rejects.toMatchObject({ verification: { problem: 'rewritten', position: 4n } });
      // The archive, the evidence of what was signed, is left as it was.
      expect(readFileSync(join(ledger.checkpointDir, 'leaves.bin')).equals(archive)).toBe(true);
      expect(existsSync(join(ledger.checkpointDir, `leaves.bin.${process.pid}.tmp`))).toBe(false);
      // The refused signer does not keep the directory locked.
      expect(existsSync(join(ledger.checkpointDir, 'signer.lock'))).toBe(false);
    });

    it('takes over the lock a killed signer left behind, and respects one whose process still runs', async () => {
      const ledger = newLedger();
      const store = ledger.open();
      await appendSteps(store, 1, 3);
      mkdirSync(ledger.checkpointDir, { recursive: true });
      const lockFile = join(ledger.checkpointDir, 'signer.lock');
      // A process that has exited: its pid is free.
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      writeFileSync(
        lockFile,
        JSON.stringify({ pid: Number(gone.stdout), host: hostname(), since: 'earlier' }),
      );
      const { signed } = await signCheckpoint(store, ledger.keyDir, ledger.checkpointDir, {
        ledgerId: CENTRE,
      });
      expect(signed).toBe(true);
      expect(existsSync(lockFile)).toBe(false);

      // The parent of this test is alive: its lock stands.
      writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, host: hostname(), since: 'now' }));
      await expect(signCheckpoint(store, ledger.keyDir, ledger.checkpointDir)).rejects.toMatchObject({
        code: 'SignerBusy',
        owner: { pid: process.ppid },
      });
      expect(existsSync(lockFile)).toBe(true);
    });
  });
});
