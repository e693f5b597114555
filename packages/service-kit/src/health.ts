import { healthOf, type ServiceHealth } from '@docket/contracts';
import type { Bus, Subscription } from '@docket/messaging';
import type { ReadModelStore } from '@docket/projections';

/**
 * Serves `<service>.qry.health`: the service answers (it is up) with the checkpoints of its read
 * models and its relay, so an operator sees how far behind the ledger each one is, and the warnings
 * it has for the operator (none: the field is left out).
 */
export function serveHealth(
  bus: Bus,
  service: string,
  checkpoints: readonly { store: ReadModelStore; name: string }[],
  warnings: () => string[] = () => [],
): Subscription {
  return bus.serve(
    healthOf(service).subject,
    async (): Promise<ServiceHealth> => {
      const positions: Record<string, bigint | null> = {};
      for (const { store, name } of checkpoints) positions[name] = (await store.checkpoint(name)) ?? null;
      const found = warnings();
      return { service, checkpoints: positions, ...(found.length > 0 ? { warnings: found } : {}) };
    },
    { queue: service },
  );
}
