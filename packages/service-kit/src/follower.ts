import { healthOf, type ServiceHealth } from '@docket/contracts';
import type { RecordedEvent } from '@docket/event-store';
import type { Subscription } from '@docket/messaging';
import type { RunningService, ServiceDeps } from './service';

/**
 * A service that, for now, only follows integration events (one durable on `pattern`) and answers its
 * health query with how far it has followed each event category (in memory): how monitoring and
 * supervision run until their features land.
 */
export async function startFollower(
  deps: ServiceDeps,
  service: string,
  follow: { durable: string; pattern: string },
): Promise<RunningService> {
  const followed = new Map<string, bigint>();
  const subscriptions: Subscription[] = [
    await deps.bus.consume(
      follow.pattern,
      async (payload) => {
        const { stream, position } = payload as RecordedEvent;
        const category = stream.slice(0, Math.max(0, stream.indexOf('-'))) || stream;
        if (position > (followed.get(category) ?? -1n)) followed.set(category, position);
      },
      // Order does not matter to a follower (it keeps the highest position), so it takes events in
      // batches: one at a time cost a pull round trip and a confirmed ack per event on JetStream.
      { durable: follow.durable, maxInFlight: 64 },
    ),
    deps.bus.serve(
      healthOf(service).subject,
      async (): Promise<ServiceHealth> => ({
        service,
        checkpoints: Object.fromEntries(
          [...followed].map(([category, position]) => [`${follow.durable}:${category}`, position]),
        ),
      }),
      { queue: service },
    ),
  ];
  return {
    name: service,
    settled: async () => undefined,
    close: async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
    },
  };
}
