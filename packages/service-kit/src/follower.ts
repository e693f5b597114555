import { healthOf, type ServiceHealth } from '@docket/contracts';
import type { RecordedEvent } from '@docket/event-store';
import type { Subscription } from '@docket/messaging';
import type { RunningService, ServiceDeps } from './service';

/**
 * A service that, for now, only follows integration events and answers its health query with how far it
 * has followed each category (in memory): how monitoring and supervision run until their features land.
 */
export async function startFollower(
  deps: ServiceDeps,
  service: string,
  follows: readonly { durable: string; pattern: string; category: string }[],
): Promise<RunningService> {
  const followed = new Map<string, bigint>();
  const subscriptions: Subscription[] = [];
  for (const { durable, pattern, category } of follows) {
    const name = `${durable}:${category}`;
    const follow = async (payload: unknown) => {
      const { position } = payload as RecordedEvent;
      if (position > (followed.get(name) ?? -1n)) followed.set(name, position);
    };
    subscriptions.push(await deps.bus.consume(pattern, follow, { durable }));
  }
  subscriptions.push(
    deps.bus.serve(
      healthOf(service).subject,
      async (): Promise<ServiceHealth> => ({
        service,
        checkpoints: Object.fromEntries(
          follows.map((f) => [f.durable, followed.get(`${f.durable}:${f.category}`) ?? null]),
        ),
      }),
      { queue: service },
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
