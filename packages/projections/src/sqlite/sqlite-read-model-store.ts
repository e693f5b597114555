import Database from 'better-sqlite3';
import {
  Catalogue,
  checkAtMost,
  checkOrderBy,
  checkPaging,
  compileWhere,
  orderIndexOf,
} from '../collections';
import { UnknownCollection } from '../errors';
import type {
  BulkLoad,
  CollectionSpec,
  CountOptions,
  FindQuery,
  ReadModelDocument,
  ReadModelStore,
  ReadModelTransaction,
  Where,
} from '../read-model-store';
import { type StoredDocument, WriteSet, type WriteSetSource } from '../write-set';
import { BatchWriter, type ReadyWrite, type TableStatements } from './batch-writer';
import { PlannerStatistics } from './planner-statistics';
import {
  dropIndexStatements,
  indexName,
  indexStatements,
  orderSql,
  type SqlValue,
  tableName,
  whereSql,
} from './sql';

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
 * the same transaction as the batch it closes (batch-writer.ts). Read models can always be rebuilt
 * from the ledger, so `synchronous=NORMAL`: power loss may lose the last batches, but documents and
 * checkpoint together.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly catalogue = new Catalogue();
  /** The statements of find and count, by SQL text. */
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * Collections in a bulk load: their indexes are built when it finishes, not write by write. Once a
   * batch reads one of them, the ids it holds are kept here, so that a read of any other id (most are
   * of documents the rebuild has not made yet) is answered without a query.
   */
  private readonly bulkLoading = new Map<string, Set<string> | undefined>();
  /** Each collection's statements for batches, prepared once when it is declared. */
  private readonly tables = new Map<string, TableStatements>();
  private readonly statistics: PlannerStatistics;
  /** What a batch's writes read from, and how documents are loaded (no per-batch closures). */
  private readonly source: WriteSetSource;
  private readonly writer: BatchWriter;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)',
    );
    this.source = {
      collection: (name) => this.catalogue.get(name),
      load: async (collection, ids) => this.load(collection, ids),
      guardPositions: false,
    };
    this.writer = new BatchWriter(this.db);
    this.statistics = new PlannerStatistics(this.db);
  }

  /** Synchronous form of ensureCollections. */
  declare(collections: CollectionSpec[]): void {
    const declared = this.catalogue.declare(collections);
    this.db.transaction(() => {
      for (const collection of declared) {
        const table = tableName(collection.name);
        this.db.exec(
          `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`,
        );
        if (!this.bulkLoading.has(collection.name))
          for (const sql of indexStatements(collection)) this.db.exec(sql);
        if (!this.tables.has(collection.name)) {
          this.tables.set(collection.name, {
            select: this.db.prepare(`SELECT doc FROM ${table} WHERE id = ?`).pluck(),
            upsert: this.db.prepare(
              `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
            ),
            remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ?`),
          });
        }
      }
    })();
  }

  async ensureCollections(collections: CollectionSpec[]): Promise<void> {
    this.declare(collections);
    this.statistics.ensure();
  }

  async applyBatch(
    projection: string,
    toPosition: bigint,
    write: (tx: ReadModelTransaction) => void | Promise<void>,
  ): Promise<void> {
    const writeSet = new WriteSet(this.source, toPosition);
    await write(writeSet);
    // Serialised here, once per document, outside the transaction.
    const writes: ReadyWrite[] = [];
    for (const change of await writeSet.changes()) {
      const { collection, id } = change;
      writes.push({ collection, table: this.table(collection), id, json: change.json });
    }
    this.writer.commit(projection, toPosition, writes);
    if (this.bulkLoading.size > 0) this.bulkLoaded(writes);
    else this.statistics.wrote(writes.length);
  }

  /** Keeps the ids of collections in a bulk load that batches read, once their batch has committed. */
  private bulkLoaded(writes: ReadyWrite[]): void {
    for (const write of writes) {
      const ids = this.bulkLoading.get(write.collection);
      if (ids === undefined) continue;
      if (write.json === undefined) ids.delete(write.id);
      else ids.add(write.id);
    }
  }

  /**
   * Drops the collections' indexes until `finish()` builds them again over everything loaded: SQLite
   * keeps a json_extract index up to date on every upsert (the case list has six), which costs several
   * times what building it once does. A file left without them (a crash mid-load) gets them back from
   * the next `declare`, as every start of a runner does.
   */
  async bulkLoad(collections: string[]): Promise<BulkLoad> {
    const declared = collections.map((name) => this.catalogue.get(name));
    this.db.transaction(() => {
      for (const collection of declared) {
        this.bulkLoading.set(collection.name, undefined);
        for (const sql of dropIndexStatements(collection)) this.db.exec(sql);
      }
    })();
    return {
      finish: async () => {
        this.db.transaction(() => {
          for (const collection of declared) {
            this.bulkLoading.delete(collection.name);
            for (const sql of indexStatements(collection)) this.db.exec(sql);
          }
        })();
        this.statistics.refresh();
      },
    };
  }

  async get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined> {
    const json = this.table(collection).select.get(id) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async find<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    query: FindQuery = {},
  ): Promise<T[]> {
    const { sql, params } = this.findSql(collection, query);
    const rows = this.statement(sql).all(...params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  async count(collection: string, where?: Where, options: CountOptions = {}): Promise<number> {
    const { sql, params } = this.countSql(collection, where, options);
    return (this.statement(sql).get(...params) as { n: number }).n;
  }

  /**
   * How SQLite runs a `find` or a `count` (EXPLAIN QUERY PLAN, one line per step): for an operator
   * asking why a query of a large collection is slow, and for the benchmarks.
   */
  queryPlan(collection: string, query: FindQuery | { count: Where | undefined; atMost?: number }): string[] {
    const { sql, params } =
      'count' in query
        ? this.countSql(collection, query.count, query.atMost === undefined ? {} : { atMost: query.atMost })
        : this.findSql(collection, query);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
      (step) => step.detail,
    );
  }

  private findSql(collection: string, query: FindQuery): { sql: string; params: SqlValue[] } {
    const declared = this.catalogue.get(collection);
    const where = whereSql(compileWhere(declared, query.where));
    const orderBy = checkOrderBy(declared, query.orderBy);
    checkPaging(query.limit, query.offset);
    const indexed = query.walkOrder
      ? ` INDEXED BY ${indexName(collection, orderIndexOf(declared, orderBy))}`
      : '';
    return {
      sql: `SELECT doc FROM ${tableName(collection)}${indexed}${where.sql}${orderSql(orderBy)} LIMIT ? OFFSET ?`,
      params: [...where.params, query.limit ?? -1, query.offset ?? 0],
    };
  }

  private countSql(
    collection: string,
    where: Where | undefined,
    options: CountOptions,
  ): { sql: string; params: SqlValue[] } {
    const compiled = whereSql(compileWhere(this.catalogue.get(collection), where));
    checkAtMost(options.atMost);
    const matching = `SELECT 1 FROM ${tableName(collection)}${compiled.sql}`;
    return options.atMost === undefined
      ? { sql: `SELECT count(*) AS n FROM (${matching})`, params: compiled.params }
      : {
          sql: `SELECT count(*) AS n FROM (${matching} LIMIT ?)`,
          params: [...compiled.params, options.atMost],
        };
  }

  async checkpoint(projection: string): Promise<bigint | undefined> {
    return this.writer.readCheckpoint(projection);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const collection of collections) this.table(collection);
    this.db.transaction(() => {
      for (const collection of collections) this.statement(`DELETE FROM ${tableName(collection)}`).run();
      this.statement('DELETE FROM checkpoints WHERE projection = ?').run(projection);
    })();
    for (const collection of collections) this.bulkLoading.get(collection)?.clear();
  }

  /**
   * Leaves no copy of deleted or replaced documents in the store's files: VACUUM rewrites the file from
   * what is stored now (free pages and the free space inside pages go), then the write-ahead log, which
   * still holds pages as they were, is written into the file and cut to nothing. After a rebuild that
   * follows an erasure of personal data (packages/personal-data), the erased values are then in none of
   * the files. Costs a copy of the file. False when a reader kept the log from being cut.
   */
  async purgeFreedSpace(): Promise<boolean> {
    this.db.exec('VACUUM');
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private table(collection: string): TableStatements {
    const table = this.tables.get(collection);
    if (table === undefined) throw new UnknownCollection(collection);
    return table;
  }

  /** The documents' stored text, parsed only where a projection reads it: a primary-key probe each. */
  private load(collection: string, ids: string[]): Map<string, StoredDocument> {
    const { select } = this.table(collection);
    const known = this.bulkLoading.has(collection) ? this.bulkLoadedIds(collection) : undefined;
    const found = new Map<string, StoredDocument>();
    for (const id of ids) {
      if (known !== undefined && !known.has(id)) continue;
      const json = select.get(id) as string | undefined;
      if (json !== undefined) found.set(id, { json, position: undefined });
    }
    return found;
  }

  /** The ids a collection in a bulk load holds, read once, then kept as its batches commit. */
  private bulkLoadedIds(collection: string): Set<string> {
    let ids = this.bulkLoading.get(collection);
    if (ids === undefined) {
      ids = new Set(
        this.db
          .prepare(`SELECT id FROM ${tableName(collection)}`)
          .pluck()
          .all() as string[],
      );
      this.bulkLoading.set(collection, ids);
    }
    return ids;
  }

  /** Prepared once per SQL text: every query shape of a collection is a small, fixed set. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      // `in` lists of every length are distinct texts: keep the cache bounded.
      if (this.statements.size >= 1000) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
