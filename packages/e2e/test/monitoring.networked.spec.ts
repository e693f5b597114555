import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { describe } from 'vitest';
import { DocketClient, seedDemoCatalogue, startNetworked, users } from '../src';
import { monitoringSuite } from './monitoring-suite';

const unavailable = natsServerUnavailable();

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    monitoringSuite(
      'networked: every process on one adjustable domain time, over a real nats-server',
      async () => {
        const dir = tempDir('docket-e2e-monitoring-networked-');
        const nats = await startNatsServer();
        const docket = await startNetworked({
          natsUrl: nats.url,
          dataDir: dir.path,
          env: { DOCKET_CLOCK: 'adjustable', DOCKET_TIMER_INTERVAL_MS: '100' },
        });
        const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
        await seedDemoCatalogue(new DocketClient(docket.url).as(users.admin));
        return {
          url: docket.url,
          ledger,
          // SIGKILL, as a crash: nothing is flushed or acknowledged on the way out.
          async restartMonitoring() {
            await docket.kill('monitoring');
            await docket.restart('monitoring');
          },
          close: async () => {
            await ledger.close();
            await docket.close();
            await nats.stop();
            dir.cleanup();
          },
        };
      },
    );
  },
);
