import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildLongCase } from '@docket/case-fixtures';
import { openSqliteLedger } from '@docket/event-store';
import {
  createProjectionRunner,
  openSqliteReadModelStore,
  type ReadModelDocument,
} from '@docket/projections';
import Database from 'better-sqlite3';
import { READ_MODEL_SERVICES, serviceProjections } from '../src/rebuild';

/**
 * A data directory as the embedded mode leaves it: the long case (and a second case) in ledger.db,
 * every service's read models in <service>.read.db, caught up by the projection runner (the live
 * path), all files closed.
 */
export async function populateDataDir(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const built = await buildLongCase(join(dataDir, 'ledger.db'));
  const { caseNo, other, marks } = built;
  const head = await built.ledger.head();
  await built.close();
  const ledger = openSqliteLedger({ path: join(dataDir, 'ledger.db') });
  try {
    for (const service of READ_MODEL_SERVICES) {
      const store = openSqliteReadModelStore({ path: join(dataDir, `${service}.read.db`) });
      for (const projection of await serviceProjections(service, 'Asia/Shanghai'))
        await createProjectionRunner({ ledger, store, projection }).catchUp();
      await store.close();
    }
  } finally {
    await ledger.close();
  }
  return { caseNo, other, marks, headPosition: head.position!, headHash: head.hash };
}

/** Every document of every collection and every checkpoint of a service's read-model file, by canonical JSON. */
export async function readModelSnapshot(dataDir: string, service: (typeof READ_MODEL_SERVICES)[number]) {
  const projections = await serviceProjections(service, 'Asia/Shanghai');
  const store = openSqliteReadModelStore({
    path: join(dataDir, `${service}.read.db`),
    collections: projections.flatMap((p) => p.collections),
  });
  try {
    const snapshot: Record<string, unknown> = {};
    for (const projection of projections) {
      snapshot[`checkpoint:${projection.name}`] = String(await store.checkpoint(projection.name));
      for (const { name } of projection.collections) {
        const docs = await store.find<ReadModelDocument>(name);
        snapshot[name] = docs.map((d) => canonical(d)).sort();
      }
    }
    return snapshot;
  } finally {
    await store.close();
  }
}

const canonical = (value: unknown): string => JSON.stringify(sortKeys(value));
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * Every document of a service's read-model file exactly as stored (the JSON text, byte for byte), with
 * every checkpoint: what a rebuild from position 0 must reproduce, key order included.
 */
export function storedText(dataDir: string, service: (typeof READ_MODEL_SERVICES)[number]): string[] {
  const db = new Database(join(dataDir, `${service}.read.db`), { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const rows = tables.flatMap((table) =>
      (db.prepare(`SELECT id, doc FROM "${table}" ORDER BY id`).all() as { id: string; doc: string }[]).map(
        (row) => `${table} ${row.id} ${row.doc}`,
      ),
    );
    const checkpoints = db
      .prepare('SELECT projection, position FROM checkpoints ORDER BY projection')
      .all() as {
      projection: string;
      position: number;
    }[];
    return [...rows, ...checkpoints.map((c) => `checkpoint ${c.projection} ${c.position}`)];
  } finally {
    db.close();
  }
}
