import Database from 'better-sqlite3';
import { Catalogue, checkOrderBy, checkPaging, compileWhere } from '../collections';
import { CheckpointWouldMoveBackwards } from '../errors';
import type {
  CollectionSpec,
  FindQuery,
  ReadModelDocument,
  ReadModelStore,
  ReadModelTransaction,
  Where,
} from '../read-model-store';
import { type StoredDocument, WriteSet } from '../write-set';
import { indexStatements, orderSql, type SqlValue, tableName, whereSql } from './sql';

export interface SqliteReadModelStoreOptions {
  /** The read-model file, separate from the ledger's (e.g. data/read-models.db). */
  path: string;
  /** Collections to declare at once (more can be declared later with ensureCollections). */
  collections?: CollectionSpec[];
}

/** Opens (or creates) a SQLite read-model file. Synchronous: usable when this returns. */
export function openSqliteReadModelStore(options: SqliteReadModelStoreOptions): SqliteReadModelStore {
  const store = new SqliteReadModelStore(options.path);
  if (options.collections) store.declare(options.collections);
  return store;
}

/**
 * Read models in one SQLite file: a table per collection (`id TEXT PRIMARY KEY, doc TEXT`) with
 * indexes on `json_extract(doc, '$.field')` for declared fields, and a `checkpoints` table written in
 * the same transaction as the batch it closes. Read models can always be rebuilt from the ledger, so
 * `synchronous=NORMAL`: power loss may lose the last batches, but documents and checkpoint together.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly catalogue = new Catalogue();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)',
    );
  }

  /** Synchronous form of ensureCollections. */
  declare(collections: CollectionSpec[]): void {
    const declared = this.catalogue.declare(collections);
    this.db.transaction(() => {
      for (const collection of declared) {
        this.db.exec(
          `CREATE TABLE IF NOT EXISTS ${tableName(collection.name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`,
        );
        for (const sql of indexStatements(collection)) this.db.exec(sql);
      }
    })();
  }

  async ensureCollections(collections: CollectionSpec[]): Promise<void> {
    this.declare(collections);
  }

  async applyBatch(
    projection: string,
    toPosition: bigint,
    write: (tx: ReadModelTransaction) => void | Promise<void>,
  ): Promise<void> {
    const writeSet = new WriteSet(
      {
        collection: (name) => this.catalogue.get(name),
        load: async (collection, ids) => this.load(collection, ids),
        guardPositions: false,
      },
      toPosition,
    );
    await write(writeSet);
    const changes = await writeSet.changes();
    this.db
      .transaction(() => {
        const stored = this.readCheckpoint(projection);
        if (stored !== undefined && toPosition < stored) {
          throw new CheckpointWouldMoveBackwards(projection, stored, toPosition);
        }
        for (const change of changes) {
          const table = tableName(change.collection);
          if (change.json !== undefined) {
            this.statement(
              `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
            ).run(change.id, change.json);
          } else if (change.existed) {
            this.statement(`DELETE FROM ${table} WHERE id = ?`).run(change.id);
          }
        }
        this.statement(
          'INSERT INTO checkpoints (projection, position) VALUES (?, ?) ON CONFLICT(projection) DO UPDATE SET position = excluded.position',
        ).run(projection, toPosition);
        // IMMEDIATE: the batch reads the checkpoint before it writes; a deferred transaction would then
        // have to upgrade its lock, which SQLite refuses at once (SQLITE_BUSY, no busy wait) when another
        // connection (an operator's tool, a second process) holds it.
      })
      .immediate();
  }

  async get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined> {
    const json = this.load(collection, [id]).get(id)?.json;
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async find<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    query: FindQuery = {},
  ): Promise<T[]> {
    const declared = this.catalogue.get(collection);
    const where = whereSql(compileWhere(declared, query.where));
    const order = orderSql(checkOrderBy(declared, query.orderBy));
    checkPaging(query.limit, query.offset);
    const params: SqlValue[] = [...where.params, query.limit ?? -1, query.offset ?? 0];
    const rows = this.statement(
      `SELECT doc FROM ${tableName(collection)}${where.sql}${order} LIMIT ? OFFSET ?`,
    ).all(...params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, where?: Where): Promise<number> {
    const compiled = whereSql(compileWhere(this.catalogue.get(collection), where));
    const row = this.statement(`SELECT count(*) AS n FROM ${tableName(collection)}${compiled.sql}`).get(
      ...compiled.params,
    ) as { n: number };
    return row.n;
  }

  async checkpoint(projection: string): Promise<bigint | undefined> {
    return this.readCheckpoint(projection);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const collection of collections) this.catalogue.get(collection);
    this.db.transaction(() => {
      for (const collection of collections) this.statement(`DELETE FROM ${tableName(collection)}`).run();
      this.statement('DELETE FROM checkpoints WHERE projection = ?').run(projection);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private readCheckpoint(projection: string): bigint | undefined {
    const row = this.statement('SELECT position FROM checkpoints WHERE projection = ?', true).get(
      projection,
    ) as { position: bigint } | undefined;
    return row?.position;
  }

  /** The documents' stored text, parsed only where a projection reads it. */
  private load(collection: string, ids: string[]): Map<string, StoredDocument> {
    this.catalogue.get(collection);
    const rows = this.statement(
      `SELECT id, doc FROM ${tableName(collection)} WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as { id: string; doc: string }[];
    return new Map(rows.map((row) => [row.id, { json: row.doc, position: undefined }]));
  }

  /** Prepared once per SQL text: every query shape of a collection is a small, fixed set. */
  private statement(sql: string, safeIntegers = false): Database.Statement {
    const key = `${safeIntegers ? 'i' : 't'}${sql}`;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      // `in` lists of every length are distinct texts: keep the cache bounded.
      if (this.statements.size >= 1000) this.statements.clear();
      statement = this.db.prepare(sql);
      if (safeIntegers) statement.safeIntegers(true);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
