import { type EventStore, type SqliteEventStore } from '@docket/event-store';
import { openExistingDataDirVault, sealedLedger } from '@docket/personal-data';
import { type DataDirLayout, openExistingLedger } from './data-dir';

/**
 * The data directory's ledger as docket reads it: personal values opened with the data directory's vault
 * (packages/personal-data; `DOCKET_PERSONAL_DATA_KEY_DIR`, else `$XDG_CONFIG_HOME/docket/personal-data`),
 * erased ones as 〔已删除〕. What history, export and rebuild read; verify and the checkpoints read the
 * ledger as stored (they are about its bytes). A data directory whose ledger never sealed anything has no
 * vault and is read as it is; one whose vault is missing is refused (VaultMissing), never read as erased.
 */
export function openReadableLedger(layout: DataDirLayout): SqliteEventStore {
  const ledger = openExistingLedger(layout);
  return readable(ledger, layout.dataDir);
}

/** The same over a ledger already open (a rebuild worker's own connection). */
export function readable<S extends EventStore>(ledger: S, dataDir: string): S {
  let vault: ReturnType<typeof openExistingDataDirVault>;
  try {
    vault = openExistingDataDirVault(dataDir);
  } catch (error) {
    void ledger.close();
    throw error;
  }
  return vault === undefined ? ledger : sealedLedger(ledger, vault, { ownsVault: true });
}
