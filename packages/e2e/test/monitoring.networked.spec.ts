import { natsServerUnavailable } from '@docket/testkit';
import { describe } from 'vitest';
import { startNetworkedForTest } from '../src';
import { monitoringSuite } from './monitoring-suite';

const unavailable = natsServerUnavailable();

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    monitoringSuite(
      'networked: every process on one adjustable domain time, over a real nats-server',
      async () => {
        const { docket, ledger, close } = await startNetworkedForTest('monitoring', {
          DOCKET_CLOCK: 'adjustable',
          DOCKET_TIMER_INTERVAL_MS: '100',
        });
        return {
          url: docket.url,
          ledger,
          // SIGKILL, as a crash: nothing is flushed or acknowledged on the way out.
          async restartMonitoring() {
            await docket.kill('monitoring');
            await docket.restart('monitoring');
          },
          close,
        };
      },
    );
  },
);
