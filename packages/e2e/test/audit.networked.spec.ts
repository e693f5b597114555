import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { describe } from 'vitest';
import { DocketClient, seedDemoCatalogue, startNetworked, users } from '../src';
import { auditSuite } from './audit-suite';

const unavailable = natsServerUnavailable();

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    auditSuite('networked: the audit service in its own process, over a real nats-server', async () => {
      const dir = tempDir('docket-e2e-audit-networked-');
      const nats = await startNatsServer();
      const docket = await startNetworked({
        natsUrl: nats.url,
        dataDir: dir.path,
        // Checkpoints only when asked through the API: the suite counts them.
        env: { DOCKET_CHECKPOINT_EVERY_EVENTS: '0', DOCKET_CHECKPOINT_EVERY_MS: '0' },
      });
      const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
      await seedDemoCatalogue(new DocketClient(docket.url).as(users.admin));
      return {
        url: docket.url,
        ledger,
        dataDir: dir.path,
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
