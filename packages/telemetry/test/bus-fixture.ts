import { type Bus, connectNatsBus, createInProcessBus } from '@docket/messaging';
import {
  type NatsServerProcess,
  natsServerUnavailable,
  startNatsServer,
  useContractSubject,
} from '@docket/testkit';
import { afterAll, beforeAll } from 'vitest';
import { tracedBus } from '../src';

export const busKinds = ['in-process', 'nats'] as const;

/**
 * A traced bus per test, in-process or over a private nats-server (started by the suite on a free port;
 * without the binary every NATS test is skipped and the reason printed). Call inside a describe.
 */
export function useTracedBus(kind: (typeof busKinds)[number]): () => { bus: Bus } {
  let nats: NatsServerProcess | undefined;
  const unavailable = natsServerUnavailable();
  beforeAll(async () => {
    if (kind === 'nats' && unavailable === undefined) nats = await startNatsServer();
  }, 30_000);
  afterAll(async () => {
    await nats?.stop();
  });
  return useContractSubject(`tracedBus (${kind})`, async () => {
    let raw: Bus;
    if (kind === 'nats') {
      if (nats === undefined) return unavailable ?? 'nats-server did not start';
      raw = await connectNatsBus({ servers: nats.url, name: 'telemetry-test' });
    } else {
      raw = createInProcessBus();
    }
    return { bus: tracedBus(raw, 'review'), cleanup: () => raw.close() };
  });
}
