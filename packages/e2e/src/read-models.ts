import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { intakeProjections } from '@docket/intake';
import { monitoringProjections } from '@docket/monitoring';
import {
  createProjectionRunner,
  openSqliteReadModelStore,
  type Projection,
  type ReadModelDocument,
  type SqliteReadModelStore,
} from '@docket/projections';
import { reviewProjections } from '@docket/review';
import { supervisionProjections } from '@docket/supervision';

/**
 * The read models each service hosts, as the services declare them (`intakeProjections`,
 * `reviewProjections`), and the file they keep them in when they run on SQLite (networked mode:
 * `<dataDir>/<service>.read.db`, next to the shared ledger `<dataDir>/ledger.db`).
 */
export const SERVICE_READ_MODELS = {
  intake: { file: 'intake.read.db', projections: intakeProjections },
  review: { file: 'review.read.db', projections: reviewProjections },
  monitoring: { file: 'monitoring.read.db', projections: monitoringProjections('Asia/Shanghai') },
  supervision: { file: 'supervision.read.db', projections: supervisionProjections('Asia/Shanghai') },
} as const satisfies Record<string, { file: string; projections: readonly Projection[] }>;

export type ReadModelService = keyof typeof SERVICE_READ_MODELS;

/** One document that is not the same in the live store and in the rebuild (canonical JSON; absent: undefined). */
export interface ReadModelDifference {
  projection: string;
  collection: string;
  id: string;
  live?: string;
  rebuilt?: string;
}

/** A live read-model file compared with a rebuild of the same projections from position 0. */
export interface ReadModelComparison {
  /** The ledger head the rebuild ran to. */
  head: bigint | undefined;
  /** Each projection's checkpoint in the live store and in the rebuild. */
  checkpoints: Record<string, { live: bigint | undefined; rebuilt: bigint | undefined }>;
  /** Documents compared per collection (those of the rebuild). */
  documents: Record<string, number>;
  /** Every document that differs, sorted by collection and id; a checkpoint that differs is listed with id `(checkpoint)`. */
  differences: ReadModelDifference[];
}

/** JSON with object keys sorted at every depth: two documents are equal when their canonical strings are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export const readModelFile = (dataDir: string, service: ReadModelService): string =>
  join(dataDir, SERVICE_READ_MODELS[service].file);

/** Opens an existing read-model file (never creates one: a missing file is an error, not an empty model). */
function openLive(path: string, projections: readonly Projection[]): SqliteReadModelStore {
  if (!existsSync(path)) throw new Error(`no read-model file at ${path}`);
  return openSqliteReadModelStore({ path, collections: projections.flatMap((p) => p.collections) });
}

async function withLedger<T>(
  dataDir: string,
  ledger: EventStore | undefined,
  use: (ledger: EventStore) => Promise<T>,
): Promise<T> {
  if (ledger !== undefined) return use(ledger);
  const opened = openSqliteLedger({ path: join(dataDir, 'ledger.db') });
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}

/**
 * Rebuilds `projections` from position 0 of the ledger into a fresh in-memory store, runs them to the
 * ledger's head, and compares every document of every collection they own with the live store's file,
 * by canonical JSON and id. Meant for a quiet system (everything settled): a live store that is still
 * behind shows up as checkpoint and document differences.
 */
export async function compareWithRebuild(options: {
  ledger: EventStore;
  /** The live read-model file (SQLite). */
  file: string;
  projections: readonly Projection[];
}): Promise<ReadModelComparison> {
  const { ledger, projections } = options;
  const live = openLive(options.file, projections);
  const rebuilt = openSqliteReadModelStore({ path: ':memory:' });
  try {
    const head = (await ledger.head()).position;
    for (const projection of projections) {
      // A stopped runner's catchUp() runs from its (empty) checkpoint to the head and stops again.
      await createProjectionRunner({ ledger, store: rebuilt, projection }).catchUp();
    }
    const result: ReadModelComparison = { head, checkpoints: {}, documents: {}, differences: [] };
    for (const projection of projections) {
      const checkpoints = {
        live: await live.checkpoint(projection.name),
        rebuilt: await rebuilt.checkpoint(projection.name),
      };
      result.checkpoints[projection.name] = checkpoints;
      if (checkpoints.live !== checkpoints.rebuilt)
        result.differences.push({
          projection: projection.name,
          collection: '',
          id: '(checkpoint)',
          live: String(checkpoints.live),
          rebuilt: String(checkpoints.rebuilt),
        });
      for (const { name: collection } of projection.collections) {
        const byId = async (store: SqliteReadModelStore) =>
          new Map(
            (await store.find<ReadModelDocument>(collection)).map((doc) => [doc.id, canonicalJson(doc)]),
          );
        const [liveDocs, rebuiltDocs] = [await byId(live), await byId(rebuilt)];
        result.documents[collection] = rebuiltDocs.size;
        const ids = [...new Set([...liveDocs.keys(), ...rebuiltDocs.keys()])].sort();
        for (const id of ids) {
          const [l, r] = [liveDocs.get(id), rebuiltDocs.get(id)];
          if (l === r) continue;
          result.differences.push({
            projection: projection.name,
            collection,
            id,
            ...(l === undefined ? {} : { live: l }),
            ...(r === undefined ? {} : { rebuilt: r }),
          });
        }
      }
    }
    return result;
  } finally {
    await rebuilt.close();
    await live.close();
  }
}

/** compareWithRebuild for one service of a networked data directory (ledger `<dataDir>/ledger.db`). */
export function compareServiceWithRebuild(
  dataDir: string,
  service: ReadModelService,
  ledger?: EventStore,
): Promise<ReadModelComparison> {
  return withLedger(dataDir, ledger, (opened) =>
    compareWithRebuild({
      ledger: opened,
      file: readModelFile(dataDir, service),
      projections: SERVICE_READ_MODELS[service].projections,
    }),
  );
}

/**
 * Waits until every read model of a service has committed the ledger's head (read from the service's
 * own file, as its health query reports them), polling; rejects after `timeoutMs` naming what lags.
 * The head is read again on every poll, so this returns once the models have caught up with a head
 * that was current while they were checked.
 */
export async function waitForReadModels(options: {
  dataDir: string;
  service: ReadModelService;
  ledger?: EventStore;
  timeoutMs?: number;
}): Promise<{ head: bigint | undefined; checkpoints: Record<string, bigint | undefined> }> {
  const { service, dataDir } = options;
  const { projections } = SERVICE_READ_MODELS[service];
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  return withLedger(dataDir, options.ledger, async (ledger) => {
    const live = openLive(readModelFile(dataDir, service), projections);
    try {
      for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
        const head = (await ledger.head()).position;
        const checkpoints: Record<string, bigint | undefined> = {};
        for (const projection of projections)
          checkpoints[projection.name] = await live.checkpoint(projection.name);
        const behind = Object.values(checkpoints).some(
          (c) => head !== undefined && (c === undefined || c < head),
        );
        if (!behind) return { head, checkpoints };
        if (Date.now() > deadline)
          throw new Error(
            `${service} read models did not reach the ledger head ${head}: ${JSON.stringify(
              checkpoints,
              (_, v) => (typeof v === 'bigint' ? v.toString() : v),
            )}`,
          );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } finally {
      await live.close();
    }
  });
}
