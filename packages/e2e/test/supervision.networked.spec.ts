import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { describe } from 'vitest';
import {
  DocketClient,
  SERVICE_READ_MODELS,
  seedDemoCatalogue,
  startNetworked,
  users,
  waitForReadModels,
} from '../src';
import { deleteReadModels, supervisionSuite } from './supervision-suite';

const unavailable = natsServerUnavailable();

/** The services that keep read models (all but the gateway), in the order they start. */
const SERVICES = Object.keys(SERVICE_READ_MODELS) as (keyof typeof SERVICE_READ_MODELS)[];

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    supervisionSuite(
      'networked: every process on one adjustable domain time, over a real nats-server',
      async () => {
        const dir = tempDir('docket-e2e-supervision-networked-');
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
          dataDir: dir.path,
          // Every read model of every service has committed the ledger's head (their own files say so).
          async settled() {
            for (const service of SERVICES)
              await waitForReadModels({ dataDir: dir.path, service, ledger, timeoutMs: 10_000 });
          },
          // The gateway keeps no read model and stays up (same URL, same tokens); the others stop
          // cleanly (SIGTERM), lose their read models (and with them their relays' places), and start again.
          async restartWithoutReadModels() {
            for (const service of [...SERVICES].reverse()) await docket.kill(service, 'SIGTERM');
            deleteReadModels(dir.path);
            for (const service of SERVICES) await docket.restart(service);
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
