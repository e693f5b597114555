import { join } from 'node:path';
import {
  type HashAlgorithm,
  type NewEvent,
  openSqliteLedger,
  type SqliteEventStore,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach } from 'vitest';
import { generateCheckpointKey, keyAlgorithmForLedger } from '../src/checkpoints';

/** Shared by the checkpoint and tamper specs: real ledger files, real keys, raw SQL to tamper with. */

export interface TempLedger {
  /** The ledger's hash: SHA-256, or SM3 for a 国密 ledger (whose checkpoints are signed with SM2). */
  hashAlgorithm: HashAlgorithm;
  dir: string;
  path: string;
  keyDir: string;
  checkpointDir: string;
  open(): SqliteEventStore;
  done(): Promise<void>;
}

export function tempLedger(hashAlgorithm: HashAlgorithm = 'sha256'): TempLedger {
  const dir = tempDir('docket-checkpoints-');
  const opened: SqliteEventStore[] = [];
  return {
    hashAlgorithm,
    dir: dir.path,
    path: join(dir.path, 'ledger.db'),
    keyDir: join(dir.path, 'keys'),
    checkpointDir: join(dir.path, 'checkpoints'),
    open() {
      const store = openSqliteLedger({
        path: join(dir.path, 'ledger.db'),
        pollIntervalMs: 20,
        verifyWorkers: 1,
        hashAlgorithm,
      });
      opened.push(store);
      return store;
    },
    async done() {
      for (const store of opened) await store.close();
      dir.cleanup();
    },
  };
}

export const CENTRE = '某某区政务服务中心';

/** The two suites every checkpoint spec runs in: standard (SHA-256, Ed25519) and 国密 (SM3, SM2). */
export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const satisfies readonly HashAlgorithm[];

/** A ledger with a checkpoint key (of the ledger's suite) per test, every one closed and removed after it. */
export function useTempLedgers(hashAlgorithm: HashAlgorithm = 'sha256'): () => TempLedger {
  const ledgers: TempLedger[] = [];
  afterEach(async () => {
    for (const ledger of ledgers.splice(0)) await ledger.done();
  });
  return () => {
    const ledger = tempLedger(hashAlgorithm);
    ledgers.push(ledger);
    generateCheckpointKey(ledger.keyDir, { algorithm: keyAlgorithmForLedger(hashAlgorithm) });
    return ledger;
  };
}

export function step(i: number, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'StepRecorded',
    data: { i, note: `第${i}步` },
    occurredAt: '2026-03-02T09:30:00+08:00',
    actor: { id: 'u-1', name: '李四', roles: ['reviewer'], department: 'dept-1' },
    reason: '依法审查',
    correlationId: `20260302-CASE0${i % 3}`,
    ...extra,
  };
}

/** Appends events `from..to` (numbered as their positions will be), one append each, over three streams. */
export async function appendSteps(store: SqliteEventStore, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++)
    await store.appendToStream(`application-20260302-CASE0${i % 3}`, [step(i)]);
}

/** The forger's tools (event-store's test support): `tamper` applies an edit to the ledger file. */
export {
  deleteAndRenumber,
  fixHeadRecord,
  forge as tamper,
  rehashFrom,
} from '@docket/event-store/forgery';
