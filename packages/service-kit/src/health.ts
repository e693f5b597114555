import { statfsSync } from 'node:fs';
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
  degraded: () => string[] = () => [],
): Subscription {
  return bus.serve(
    healthOf(service).subject,
    async (): Promise<ServiceHealth> => {
      const positions: Record<string, bigint | null> = {};
      for (const { store, name } of checkpoints) positions[name] = (await store.checkpoint(name)) ?? null;
      const found = warnings();
      const down = degraded();
      return {
        service,
        checkpoints: positions,
        ...(found.length > 0 ? { warnings: found } : {}),
        ...(down.length > 0 ? { degraded: down } : {}),
      };
    },
    { queue: service },
  );
}

/**
 * Below this much free space the disk counts as full: 64 MiB, or 2% of a smaller filesystem. SQLite
 * needs room for its journal before a write, so "almost full" already refuses appends.
 */
const LOW_DISK = { bytes: 64 * 1024 * 1024, share: 0.02 } as const;

/** "disk full: …" when the filesystem under `dir` is (nearly) out of space, else nothing. */
export function diskSpaceProblems(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  try {
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    const floor = Math.min(LOW_DISK.bytes, fs.blocks * fs.bsize * LOW_DISK.share);
    if (free >= floor) return [];
    return [
      `disk full: ${Math.floor(free / 1024)} KiB free under ${dir}; writes are refused (507) until space is freed`,
    ];
  } catch {
    return []; // a directory that cannot be asked says nothing (the store's own errors will)
  }
}
