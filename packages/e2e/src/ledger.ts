import { join } from 'node:path';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { openExistingDataDirVault, sealedLedger } from '@docket/personal-data';

/**
 * A data directory's ledger as docket reads it, for a test to read: personal values opened with the data
 * directory's vault (packages/personal-data), as the services see them. Open it once docket has started
 * (the vault is made on the first start).
 */
export function openDocketLedger(dataDir: string): EventStore {
  const ledger = openSqliteLedger({ path: join(dataDir, 'ledger.db') });
  const vault = openExistingDataDirVault(dataDir);
  return vault === undefined ? ledger : sealedLedger(ledger, vault, { ownsVault: true });
}
