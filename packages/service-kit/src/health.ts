import { healthOf, type ServiceHealth } from '@docket/contracts';
import type { Bus, Subscription } from '@docket/messaging';
import type { ReadModelStore } from '@docket/projections';

/**
 * Serves `<service>.qry.health`: the service answers (it is up) with the checkpoints of its read
 * models, relay and reactions, so an operator sees how far behind the ledger each one is.
 */
export function serveHealth(
  bus: Bus,
  service: string,
  store: ReadModelStore,
  checkpoints: readonly string[],
): Subscription {
  return bus.serve(
    healthOf(service).subject,
    async (): Promise<ServiceHealth> => {
      const positions: Record<string, bigint | null> = {};
      for (const name of checkpoints) positions[name] = (await store.checkpoint(name)) ?? null;
      return { service, checkpoints: positions };
    },
    { queue: service },
  );
}
