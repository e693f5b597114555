import { type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { openDocketLedger } from '../src';
import { deleteReadModels, supervisionSuite } from './supervision-suite';

supervisionSuite('embedded', async () => {
  const dir = tempDir('docket-e2e-supervision-');
  const start = (port: number) =>
    startEmbedded({ dataDir: dir.path, port, logger: silentLogger, timerIntervalMs: 100 });
  let docket: Embedded = await start(0);
  const port = Number(new URL(docket.url).port);
  const ledger = openDocketLedger(dir.path);
  return {
    url: docket.url,
    ledger,
    dataDir: dir.path,
    settled: () => docket.settled(),
    // One process: every service stops and starts again with it, on the same port and data.
    async restartWithoutReadModels() {
      await docket.close();
      deleteReadModels(dir.path);
      docket = await start(port);
    },
    close: async () => {
      await ledger.close();
      await docket.close();
      dir.cleanup();
    },
  };
});
