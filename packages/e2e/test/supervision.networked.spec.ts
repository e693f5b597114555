import { natsServerUnavailable } from '@docket/testkit';
import { describe } from 'vitest';
import { SERVICE_READ_MODELS, startNetworkedForTest, waitForReadModels } from '../src';
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
        const { docket, ledger, dataDir, close } = await startNetworkedForTest('supervision', {
          DOCKET_CLOCK: 'adjustable',
          DOCKET_TIMER_INTERVAL_MS: '100',
        });
        return {
          url: docket.url,
          ledger,
          dataDir,
          // Every read model of every service has committed the ledger's head (their own files say so).
          async settled() {
            for (const service of SERVICES)
              await waitForReadModels({ dataDir, service, ledger, timeoutMs: 10_000 });
          },
          // The gateway keeps no read model and stays up (same URL, same tokens); the others stop
          // cleanly (SIGTERM), lose their read models (and with them their relays' places), and start again.
          async restartWithoutReadModels() {
            for (const service of [...SERVICES].reverse()) await docket.kill(service, 'SIGTERM');
            deleteReadModels(dataDir);
            for (const service of SERVICES) await docket.restart(service);
          },
          close,
        };
      },
    );
  },
);
