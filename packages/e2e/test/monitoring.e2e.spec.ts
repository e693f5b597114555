import { join } from 'node:path';
import { startEmbedded } from '@docket/embedded';
import { openSqliteLedger } from '@docket/event-store';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { monitoringSuite } from './monitoring-suite';

monitoringSuite('embedded', async () => {
  const dir = tempDir('docket-e2e-monitoring-');
  const docket = await startEmbedded({
    dataDir: dir.path,
    port: 0,
    logger: silentLogger,
    timerIntervalMs: 100,
  });
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
