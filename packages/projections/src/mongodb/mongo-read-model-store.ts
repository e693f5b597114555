import {
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Document,
  type Filter,
  Long,
  MongoClient,
} from 'mongodb';
import {
  Catalogue,
  checkAtMost,
  checkOrderBy,
  checkPaging,
  compileWhere,
  orderIndexOf,
} from '../collections';
import { CheckpointWouldMoveBackwards } from '../errors';
import type {
  CollectionSpec,
  CountOptions,
  FindQuery,
  ReadModelDocument,
  ReadModelStore,
  ReadModelTransaction,
  Where,
} from '../read-model-store';
import { type DocumentChange, type StoredDocument, WriteSet } from '../write-set';
import { mongoFilter, mongoSort } from './filter';

export interface MongoReadModelStoreOptions {
  /** mongodb://… ; ignored when `client` is given. */
  url?: string;
  /** A connected client to share; the store then leaves closing it to the caller. */
  client?: MongoClient;
  database: string;
  collections?: CollectionSpec[];
}

/** Connects and declares the given collections. */
export async function openMongoReadModelStore(
  options: MongoReadModelStoreOptions,
): Promise<MongoReadModelStore> {
  let client = options.client;
  const owned = client === undefined;
  if (client === undefined) {
    if (options.url === undefined) throw new TypeError('openMongoReadModelStore needs a url or a client');
    client = await new MongoClient(options.url).connect();
  }
  const store = new MongoReadModelStore(client, client.db(options.database), owned);
  if (options.collections) await store.ensureCollections(options.collections);
  return store;
}

const HIDDEN = { _id: 0, _position: 0 } as const;

/**
 * Read models in MongoDB (distributed mode): a collection per read-model collection (`rm_<name>`),
 * documents keyed by `_id` = id, and a `checkpoints` collection.
 *
 * Without a replica set there are no multi-document transactions, so a batch is made idempotent
 * instead of atomic: every document stores `_position`, the position of the last event applied to
 * it; the documents are written first and the checkpoint after them. A crash between the two leaves
 * documents ahead of the checkpoint; the runner then replays the batch from the old checkpoint, and
 * each replayed write whose document already reflects that event (or a later one) is skipped, while
 * the writes the crash prevented are made. Every replayed write is therefore a no-op or identical to
 * the first attempt, and the documents converge on what one uninterrupted run would have written.
 * (This relies on a projection deriving a document from the event and that same document, which is
 * how docket's projections are written: see README.md.)
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly catalogue = new Catalogue();
  private readonly checkpoints: Collection<Document>;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly ownsClient: boolean,
  ) {
    this.checkpoints = db.collection('checkpoints');
  }

  async ensureCollections(collections: CollectionSpec[]): Promise<void> {
    for (const collection of this.catalogue.declare(collections)) {
      for (const fields of collection.indexes) {
        // `_id` last: the id tie-break of every sort is then served by the same index.
        const keys = Object.fromEntries([...fields.map((field) => [field, 1] as const), ['_id', 1] as const]);
        await this.collection(collection.name).createIndex(keys, { name: fields.join('__') });
      }
    }
  }

  async applyBatch(
    projection: string,
    toPosition: bigint,
    write: (tx: ReadModelTransaction) => void | Promise<void>,
  ): Promise<void> {
    const writeSet = new WriteSet(
      {
        collection: (name) => this.catalogue.get(name),
        load: (collection, ids) => this.load(collection, ids),
        guardPositions: true,
      },
      toPosition,
    );
    await write(writeSet);
    const stored = await this.checkpoint(projection);
    if (stored !== undefined && toPosition < stored) {
      throw new CheckpointWouldMoveBackwards(projection, stored, toPosition);
    }
    const byCollection = new Map<string, DocumentChange[]>();
    for (const change of await writeSet.changes()) {
      const list = byCollection.get(change.collection) ?? [];
      list.push(change);
      byCollection.set(change.collection, list);
    }
    for (const [collection, changes] of byCollection) {
      const operations: AnyBulkWriteOperation<Document>[] = [];
      for (const change of changes) {
        if (change.doc !== undefined) {
          operations.push({
            replaceOne: {
              filter: byId(change.id),
              replacement: { _position: Long.fromBigInt(change.position), ...change.doc },
              upsert: true,
            },
          });
        } else {
          // A no-op where the document does not exist.
          operations.push({ deleteOne: { filter: byId(change.id) } });
        }
      }
      if (operations.length > 0) await this.collection(collection).bulkWrite(operations, { ordered: false });
    }
    // After the documents: a checkpoint never claims writes that are not there.
    await this.checkpoints.updateOne(
      byId(projection),
      { $set: { position: Long.fromBigInt(toPosition) } },
      { upsert: true },
    );
  }

  async get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined> {
    this.catalogue.get(collection);
    const found = await this.collection(collection).findOne(byId(id), {
      projection: HIDDEN,
    });
    return (found ?? undefined) as T | undefined;
  }

  async find<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    query: FindQuery = {},
  ): Promise<T[]> {
    const declared = this.catalogue.get(collection);
    const filter = mongoFilter(compileWhere(declared, query.where));
    const orderBy = checkOrderBy(declared, query.orderBy);
    const sort = mongoSort(orderBy);
    checkPaging(query.limit, query.offset);
    const hint = query.walkOrder ? orderIndexOf(declared, orderBy).join('__') : undefined;
    // MongoDB reads limit 0 as "no limit".
    if (query.limit === 0) return [];
    let cursor = this.collection(collection).find(filter, { projection: HIDDEN }).sort(sort);
    if (hint !== undefined) cursor = cursor.hint(hint);
    if (query.offset) cursor = cursor.skip(query.offset);
    if (query.limit !== undefined) cursor = cursor.limit(query.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(collection: string, where?: Where, options: CountOptions = {}): Promise<number> {
    const filter = mongoFilter(compileWhere(this.catalogue.get(collection), where));
    checkAtMost(options.atMost);
    if (options.atMost === 0) return 0; // MongoDB reads limit 0 as "no limit"
    return this.collection(collection).countDocuments(
      filter,
      options.atMost === undefined ? {} : { limit: options.atMost },
    );
  }

  async checkpoint(projection: string): Promise<bigint | undefined> {
    const found = await this.checkpoints.findOne(byId(projection));
    return found === null ? undefined : toBigInt(found.position);
  }

  async reset(projection: string, collections: string[]): Promise<void> {
    for (const collection of collections) this.catalogue.get(collection);
    // Checkpoint first: documents left by a crash here carry positions, so the replay skips them safely.
    await this.checkpoints.deleteOne(byId(projection));
    for (const collection of collections) await this.collection(collection).deleteMany({});
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private collection(name: string): Collection<Document> {
    return this.db.collection(`rm_${name}`);
  }

  private async load(collection: string, ids: string[]): Promise<Map<string, StoredDocument>> {
    const found = await this.collection(collection)
      .find({ _id: { $in: ids } } as unknown as Filter<Document>)
      .toArray();
    return new Map(
      found.map((stored) => {
        const { _id, _position, ...doc } = stored;
        return [String(_id), { doc: doc as ReadModelDocument, position: toBigInt(_position) }];
      }),
    );
  }
}

/** Our `_id`s are strings; the driver's default typing expects ObjectIds. */
function byId(id: string): Filter<Document> {
  return { _id: id } as unknown as Filter<Document>;
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Long) return value.toBigInt();
  return undefined;
}
