import { type EventStore, matchesFilter, type RecordedEvent } from '@docket/event-store';
import type { Projection, ReadModelStore } from '@docket/projections';

/** The services that host read models, each in `<dataDir>/<service>.read.db`. */
export const READ_MODEL_SERVICES = ['intake', 'review', 'monitoring', 'supervision'] as const;
export type ReadModelService = (typeof READ_MODEL_SERVICES)[number];

export const isReadModelService = (name: string): name is ReadModelService =>
  (READ_MODEL_SERVICES as readonly string[]).includes(name);

/**
 * The read models a service hosts, as the service declares them. Loaded on demand: a service package
 * brings NestJS along, which the other subcommands do not need.
 */
export async function serviceProjections(
  service: ReadModelService,
  timeZone: string,
): Promise<readonly Projection[]> {
  switch (service) {
    case 'intake':
      return (await import('@docket/intake')).intakeProjections;
    case 'review':
      return (await import('@docket/review')).reviewProjections;
    case 'monitoring':
      return (await import('@docket/monitoring')).monitoringProjections(timeZone);
    case 'supervision':
      return (await import('@docket/supervision')).supervisionProjections(timeZone);
  }
}

export interface RebuildTarget {
  /** A label for reports (the service). */
  name: string;
  store: ReadModelStore;
  projections: readonly Projection[];
}

export interface RebuildProgress {
  /** Events read so far (every event of the log, whether a projection takes it or not). */
  done: number;
  /** Events up to the head when the rebuild started. */
  total: number;
  elapsedMs: number;
}

export interface RebuildResult {
  /** The head the rebuild ran to (undefined: empty ledger). */
  head: bigint | undefined;
  events: number;
  projections: number;
  elapsedMs: number;
}

export interface RebuildOptions {
  ledger: EventStore;
  targets: readonly RebuildTarget[];
  /** Events per readAll page and per applyBatch (one transaction per projection per page); default 2,000. */
  pageSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Milliseconds since some origin; default performance.now. */
  now?: () => number;
}

/**
 * Rebuilds every projection of every target from position 0 to the ledger's head as it was when the
 * rebuild started: each projection's collections and checkpoint are emptied first (`reset`), then one
 * pass over the log hands each page to every projection whose filter takes its events, one
 * `applyBatch` per projection per page, the checkpoint moving to the page's last position (as the
 * projection runner commits: a filtered projection's checkpoint moves past the events it skips). One
 * pass for all read models instead of one per projection; the writes are the projections' own.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const { ledger, targets } = options;
  const now = options.now ?? (() => performance.now());
  const pageSize = options.pageSize ?? 2_000;
  const started = now();
  const head = (await ledger.head()).position;
  const total = head === undefined ? 0 : Number(head);
  for (const { store, projections } of targets) {
    for (const projection of projections) {
      await store.ensureCollections(projection.collections);
      await store.reset(
        projection.name,
        projection.collections.map((c) => c.name),
      );
    }
  }
  let done = 0;
  options.onProgress?.({ done, total, elapsedMs: now() - started });
  if (head !== undefined) {
    let after: bigint | undefined;
    for (;;) {
      const page = await ledger.readAll({
        ...(after === undefined ? {} : { after }),
        upTo: head,
        maxCount: pageSize,
      });
      if (page.length === 0) break;
      const last = page[page.length - 1]!.position;
      for (const { store, projections } of targets) {
        for (const projection of projections) {
          const events = projection.filter ? page.filter((e) => takes(projection, e)) : page;
          await store.applyBatch(projection.name, last, async (tx) => {
            for (const event of events) {
              tx.at(event.position);
              await projection.apply(event, tx);
            }
          });
        }
      }
      done += page.length;
      after = last;
      options.onProgress?.({ done, total, elapsedMs: now() - started });
      if (last >= head) break;
    }
  }
  return {
    head,
    events: done,
    projections: targets.reduce((n, t) => n + t.projections.length, 0),
    elapsedMs: now() - started,
  };
}

const takes = (projection: Projection, event: RecordedEvent): boolean =>
  matchesFilter(event.stream, event.type, projection.filter);
