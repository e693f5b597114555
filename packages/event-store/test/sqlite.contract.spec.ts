import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { HASH_ALGORITHMS } from '../src';
import { eventStoreContract } from '../src/contract/event-store.contract';
import { openSqliteLedger } from '../src/sqlite';

// The whole contract in both cryptography profiles: a SHA-256 ledger (standard) and an SM3 one (国密).
describe.each(HASH_ALGORITHMS)('SQLite ledger chained with %s', (hashAlgorithm) => {
  it('is the ledger the contract runs on', () => {
    const dir = tempDir('docket-ledger-');
    const store = openSqliteLedger({ path: join(dir.path, 'ledger.db'), hashAlgorithm });
    expect(store.hashAlgorithm).toBe(hashAlgorithm);
    return store.close().finally(() => dir.cleanup());
  });

  eventStoreContract(`sqlite (${hashAlgorithm})`, async () => {
    const dir = tempDir('docket-ledger-');
    const store = openSqliteLedger({ path: join(dir.path, 'ledger.db'), pollIntervalMs: 20, hashAlgorithm });
    return {
      store,
      cleanup: async () => {
        await store.close();
        dir.cleanup();
      },
    };
  });
});
