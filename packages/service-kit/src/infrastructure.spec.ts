import { LedgerHashMismatch } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from './config';
import { openLedger } from './infrastructure';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

describe('the ledger a service opens, by DOCKET_CRYPTO', () => {
  it('is created with SM3 under gm, and refused by a standard deployment afterwards (and the reverse)', async () => {
    for (const [made, other] of [
      ['gm', 'standard'],
      ['standard', 'gm'],
    ] as const) {
      const dir = tempDir('docket-crypto-');
      dirs.push(dir);
      const ledger = await openLedger(configFromEnv({ DOCKET_DATA_DIR: dir.path, DOCKET_CRYPTO: made }));
      expect(ledger.hashAlgorithm).toBe(made === 'gm' ? 'sm3' : 'sha256');
      await ledger.close();
      await expect(
        openLedger(configFromEnv({ DOCKET_DATA_DIR: dir.path, DOCKET_CRYPTO: other })),
      ).rejects.toThrow(LedgerHashMismatch);
      const again = await openLedger(configFromEnv({ DOCKET_DATA_DIR: dir.path, DOCKET_CRYPTO: made }));
      await again.close();
    }
  });

  it('gm with EventStoreDB is refused: that adapter chains with SHA-256 only', async () => {
    await expect(
      openLedger(
        configFromEnv({ DOCKET_CRYPTO: 'gm', DOCKET_LEDGER_URL: 'esdb://127.0.0.1:2113?tls=false' }),
      ),
    ).rejects.toThrow(/SQLite ledger/);
  });
});
