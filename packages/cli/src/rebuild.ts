import { type EventFilter, type EventStore, matchesFilter, type RecordedEvent } from '@docket/event-store';
import type { BulkLoad, Projection, ReadModelStore } from '@docket/projections';

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

/**
 * Events per page of a rebuild (readAll and applyBatch) unless told otherwise. Small pages cost the
 * least: a page's events and the documents its batches hold then mostly die young, where collecting
 * them is cheap, while a commit costs little once the indexes wait for the end of the load. On the
 * audit bench's ledger, pages of 1,000 took about an eighth less CPU than pages of 2,000 or 10,000 in
 * worker threads (the garbage collector's threads), and the same on one thread.
 */
export const DEFAULT_PAGE_SIZE = 1_000;

export interface RebuildTarget {
  /** A label for reports (the service). */
  name: string;
  store: ReadModelStore;
  projections: readonly Projection[];
}

export interface RebuildProgress {
  /** Positions of the log passed so far (every event, whether a projection takes it or not). */
  done: number;
  /** Events up to the head when the rebuild started. */
  total: number;
  elapsedMs: number;
}

export interface RebuildResult {
  /** The head the rebuild ran to (undefined: empty ledger). */
  head: bigint | undefined;
  /** Events of the log up to the head: the rate's numerator, whichever of them the projections read. */
  events: number;
  projections: number;
  elapsedMs: number;
}

export interface RebuildOptions {
  ledger: EventStore;
  targets: readonly RebuildTarget[];
  /** Events per readAll page and per applyBatch (one transaction per projection per page); default 1,000. */
  pageSize?: number;
  /**
   * Rebuild up to this position instead of the head as the rebuild starts: workers rebuilding the
   * services side by side all stop at the same one. Null: the ledger was empty.
   */
  upTo?: bigint | null;
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
 * pass for all read models instead of one per projection; the writes are the projections' own. Where
 * the store offers it, the load is a bulk load: the indexes are built once, at the end, and that is
 * counted in the time reported.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const { ledger, targets } = options;
  const now = options.now ?? (() => performance.now());
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const started = now();
  const head = options.upTo === undefined ? (await ledger.head()).position : (options.upTo ?? undefined);
  const total = head === undefined ? 0 : Number(head);
  const bulkLoads: BulkLoad[] = [];
  for (const { store, projections } of targets) {
    for (const projection of projections) {
      await store.ensureCollections(projection.collections);
      await store.reset(
        projection.name,
        projection.collections.map((c) => c.name),
      );
    }
    // Nothing reads these collections until the rebuild is done: their indexes are built once, at the end.
    const load = await store.bulkLoad?.(projections.flatMap((p) => p.collections.map((c) => c.name)));
    if (load) bulkLoads.push(load);
  }
  options.onProgress?.({ done: 0, total, elapsedMs: now() - started });
  if (head !== undefined) {
    // Only what some projection reads is decoded: the ledger skips the rest by stream name.
    const filter = unionFilter(targets.flatMap((t) => t.projections));
    let after: bigint | undefined;
    for (;;) {
      const page = await ledger.readAll({
        ...(after === undefined ? {} : { after }),
        upTo: head,
        maxCount: pageSize,
        ...(filter ? { filter } : {}),
      });
      // A short page is the last: the projections' checkpoints move to the head, past what was skipped.
      const last = page.length < pageSize ? head : page[page.length - 1]!.position;
      const pageFor = pageFilter(page);
      for (const { store, projections } of targets) {
        for (const projection of projections) {
          const events = pageFor(projection.filter);
          await store.applyBatch(projection.name, last, async (tx) => {
            for (const event of events) {
              tx.at(event.position);
              await projection.apply(event, tx);
            }
          });
        }
      }
      after = last;
      options.onProgress?.({ done: Number(last), total, elapsedMs: now() - started });
      if (last >= head) break;
    }
  }
  for (const load of bulkLoads) await load.finish();
  return {
    head,
    events: total,
    projections: targets.reduce((n, t) => n + t.projections.length, 0),
    elapsedMs: now() - started,
  };
}

/**
 * One filter that takes every event any of the projections takes, where the ledger can apply it: all
 * of them filter by stream prefix alone. Otherwise none (every event is read, each projection filters).
 */
function unionFilter(projections: readonly Projection[]): EventFilter | undefined {
  const prefixes = new Set<string>();
  for (const { filter } of projections) {
    if (!filter?.streamPrefixes || filter.eventTypes) return undefined;
    for (const prefix of filter.streamPrefixes) prefixes.add(prefix);
  }
  return prefixes.size === 0 ? undefined : { streamPrefixes: [...prefixes] };
}

/** The page's events a filter takes, worked out once per distinct filter (the case views share one). */
function pageFilter(page: RecordedEvent[]): (filter: EventFilter | undefined) => RecordedEvent[] {
  const taken = new Map<string, RecordedEvent[]>();
  return (filter) => {
    if (filter === undefined) return page;
    const key = JSON.stringify(filter);
    let events = taken.get(key);
    if (events === undefined) {
      events = page.filter((event) => matchesFilter(event.stream, event.type, filter));
      taken.set(key, events);
    }
    return events;
  };
}
