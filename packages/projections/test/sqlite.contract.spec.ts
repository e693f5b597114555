import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { readModelStoreContract } from '../src/contract/read-model-store.contract';
import { openSqliteReadModelStore } from '../src/sqlite';

readModelStoreContract('sqlite', async () => {
  const dir = tempDir('docket-read-models-');
  const store = openSqliteReadModelStore({ path: join(dir.path, 'read-models.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.cleanup();
    },
  };
});
