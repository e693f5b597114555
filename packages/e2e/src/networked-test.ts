import type { EventStore } from '@docket/event-store';
import { startNatsServer } from '@docket/testkit/nats-server';
import { tempDir } from '@docket/testkit/temp-dir';
import { DocketClient } from './client';
import { openDocketLedger } from './ledger';
import { type Networked, startNetworked } from './networked';
import { seedDemoCatalogue, users } from './scenarios';

/** A networked docket for one test file: its own nats-server and data directory, the demo catalogue. */
export interface NetworkedForTest {
  docket: Networked;
  /** The shared ledger file, opened by the test (read it; the services write it). */
  ledger: EventStore;
  dataDir: string;
  /** Stops the services and nats-server and removes the data directory. */
  close(): Promise<void>;
}

/**
 * Every process of docket on a private nats-server over a fresh data directory, with the demo
 * catalogue defined through the API (the networked mode seeds nothing): what each networked suite
 * starts from.
 */
export async function startNetworkedForTest(
  name: string,
  env: Record<string, string> = {},
): Promise<NetworkedForTest> {
  const dir = tempDir(`docket-e2e-${name}-networked-`);
  const nats = await startNatsServer();
  const docket = await startNetworked({ natsUrl: nats.url, dataDir: dir.path, env });
  const ledger = openDocketLedger(dir.path);
  await seedDemoCatalogue(new DocketClient(docket.url).as(users.admin));
  return {
    docket,
    ledger,
    dataDir: dir.path,
    async close() {
      await ledger.close();
      await docket.close();
      await nats.stop();
      dir.cleanup();
    },
  };
}
