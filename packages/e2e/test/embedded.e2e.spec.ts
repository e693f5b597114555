import { join } from 'node:path';
import { startEmbedded } from '@docket/embedded';
import { openSqliteLedger } from '@docket/event-store';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { lifecycleSuite } from './lifecycle-suite';

lifecycleSuite('embedded', async () => {
  const dir = tempDir('docket-e2e-embedded-');
  const docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
  // A second handle on the same file, as an auditor's tool would open it.
  const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  return {
    url: docket.url,
    ledger,
    close: async () => {
      await ledger.close();
      await docket.close();
      dir.cleanup();
    },
  };
});
