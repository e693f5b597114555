import type { Bus, Subscription } from '@docket/messaging';
import { serveHealth } from './health';
import { checkpointedReaction } from './reactions';
import type { RunningService, ServiceDeps } from './service';

/**
 * A service that, for now, only follows integration events (checkpointed, as its reactions will be)
 * and answers its health query: how monitoring and supervision run until their features land.
 */
export async function startFollower(
  deps: ServiceDeps,
  service: string,
  follows: readonly { durable: string; pattern: string; category: string }[],
): Promise<RunningService> {
  const bus: Bus = deps.bus;
  const subscriptions: Subscription[] = [];
  for (const { durable, pattern } of follows) {
    const handle = checkpointedReaction(
      { checkpoints: deps.readModels, name: durable },
      async () => undefined,
    );
    subscriptions.push(await bus.consume(pattern, (payload) => handle(payload), { durable }));
  }
  subscriptions.push(
    serveHealth(
      bus,
      service,
      deps.readModels,
      follows.map((f) => `${f.durable}:${f.category}`),
    ),
  );
  return {
    name: service,
    settled: async () => undefined,
    close: async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
    },
  };
}
