import { healthOf, type ServiceHealth } from '@docket/contracts';
import type { Bus, Subscription } from '@docket/messaging';
import type { ReadModelStore } from '@docket/projections';

/**
 * Serves `<service>.qry.health`: the service answers (it is up) with the checkpoints of its read
 * models and its relay, so an operator sees how far behind the ledger each one is.
 */
export function serveHealth(
  bus: Bus,
  service: string,
  checkpoints: readonly { store: ReadModelStore; name: string }[],
): Subscription {
  return bus.serve(
    healthOf(service).subject,
    async (): Promise<ServiceHealth> => {
      const positions: Record<string, bigint | null> = {};
      for (const { store, name } of checkpoints) positions[name] = (await store.checkpoint(name)) ?? null;
      return { service, checkpoints: positions };
    },
    { queue: service },
  );
}
