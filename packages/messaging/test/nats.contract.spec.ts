import { type NatsServerProcess, natsServerUnavailable, startNatsServer } from '@docket/testkit';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll } from 'vitest';
import { busContract } from '../src/contract/bus.contract';
import { connectNatsBus } from '../src/nats';

let server: NatsServerProcess | undefined;
const unavailable = natsServerUnavailable();

beforeAll(async () => {
  if (unavailable === undefined) server = await startNatsServer();
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

busContract('nats', async () => {
  if (server === undefined) return unavailable ?? 'nats-server did not start';
  const url = server.url;
  const bus = await connectNatsBus({ servers: url, name: 'contract' });
  return {
    bus,
    cleanup: async () => {
      await bus.close();
      // A fresh stream per test: no events or durables carry over.
      const nc = await connect({ servers: url });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete('DOCKET_EVENTS').catch(() => false);
      await nc.close();
    },
  };
});
