import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { describe } from 'vitest';
import { DocketClient, seedDemoCatalogue, startNetworked, users } from '../src';
import { lifecycleSuite } from './lifecycle-suite';

const unavailable = natsServerUnavailable();

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    lifecycleSuite('networked: a process per service over a real nats-server', async () => {
      const dir = tempDir('docket-e2e-networked-');
      const nats = await startNatsServer();
      const docket = await startNetworked({ natsUrl: nats.url, dataDir: dir.path });
      const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
      await seedDemoCatalogue(new DocketClient(docket.url).as(users.admin));
      return {
        url: docket.url,
        ledger,
        close: async () => {
          await ledger.close();
          await docket.close();
          await nats.stop();
          dir.cleanup();
        },
      };
    });
  },
);
