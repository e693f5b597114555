import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { eventStoreContract } from '../src/contract/event-store.contract';
import { openSqliteLedger } from '../src/sqlite';

eventStoreContract('sqlite', async () => {
  const dir = tempDir('docket-ledger-');
  const store = openSqliteLedger({ path: join(dir.path, 'ledger.db'), pollIntervalMs: 20 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.cleanup();
    },
  };
});
