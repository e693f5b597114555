import { natsServerUnavailable } from '@docket/testkit';
import { describe } from 'vitest';
import { startNetworkedForTest } from '../src';
import { auditSuite } from './audit-suite';

const unavailable = natsServerUnavailable();

describe.skipIf(unavailable !== undefined)(
  `networked mode${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    auditSuite('networked: the audit service in its own process, over a real nats-server', async () => {
      // Checkpoints only when asked through the API: the suite counts them.
      const { docket, ledger, dataDir, close } = await startNetworkedForTest('audit', {
        DOCKET_CHECKPOINT_EVERY_EVENTS: '0',
        DOCKET_CHECKPOINT_EVERY_MS: '0',
      });
      return { url: docket.url, ledger, dataDir, close };
    });
  },
);
