import { startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { openDocketLedger } from '../src';
import { auditSuite } from './audit-suite';

auditSuite('embedded', async () => {
  const dir = tempDir('docket-e2e-audit-');
  // Checkpoints only when asked through the API: the test counts them.
  const docket = await startEmbedded({
    dataDir: dir.path,
    port: 0,
    logger: silentLogger,
    checkpointEveryEvents: 0,
    checkpointEveryMs: 0,
  });
  const ledger = openDocketLedger(dir.path);
  return {
    url: docket.url,
    ledger,
    dataDir: dir.path,
    close: async () => {
      await ledger.close();
      await docket.close();
      dir.cleanup();
    },
  };
});
