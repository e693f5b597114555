/**
 * The read-model store port (读模型存储): a small document store shaped for docket's read models (case
 * list and search, department inbox, public status, dashboards). Queries answer from it; command
 * handlers never read it. SQLite serves the embedded and networked modes, MongoDB the distributed
 * mode; both run the same contract suite (src/contract).
 */

/** A field value that can be indexed, filtered and sorted on. */
export type Scalar = string | number | boolean | null;

/** A stored document: any JSON object with a string `id`. */
export interface ReadModelDocument {
  id: string;
  [field: string]: unknown;
}

export interface IndexSpec {
  /** Top-level scalar fields of the document, in index order. */
  fields: string[];
}

/**
 * A collection is declared up front with the fields queries may filter and sort on: a `find` on any
 * other field is `UndeclaredField`, so no query can silently scan a whole collection by accident.
 * Every field named by an index is declared.
 */
export interface CollectionSpec {
  /** `[A-Za-z][A-Za-z0-9_]{0,62}` */
  name: string;
  indexes?: IndexSpec[];
}

/** Conditions on one declared field. All conditions given are ANDed. */
export interface FieldRange {
  in?: Scalar[];
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
  /** The string value starts with this (compared by Unicode code point, as both backends do). */
  prefix?: string;
}

/** Field → value (equality; `null` also matches an absent field) or a range. All fields are ANDed. */
export type Where = Record<string, Scalar | FieldRange>;

export interface OrderBy {
  field: string;
  direction?: 'asc' | 'desc';
}

/**
 * Paging is by offset: simple, identical on both backends, and enough for the screens docket has (an
 * officer pages a worklist of hundreds, not millions). The order is total: after `orderBy` the id
 * breaks ties (ascending), so a page boundary never drops or repeats a document while nothing is
 * written in between.
 */
export interface FindQuery {
  where?: Where;
  orderBy?: OrderBy[];
  limit?: number;
  offset?: number;
  /**
   * Read in the order's own index (the first declared index that starts with the first `orderBy`
   * field), checking the filter as it goes, instead of in the filter's index and sorting every match:
   * the plan for a broad filter, where most documents match and a page is found among the first ones
   * read. Left to itself, SQLite sorts all 900,000 matches of a department to show 20 of them.
   * A query asking for it must order by a field an index starts with (`InvalidQuery` otherwise).
   */
  walkOrder?: boolean;
}

export interface CountOptions {
  /** Stop counting here: the answer is then at most this (a page's "10,000 or more"). */
  atMost?: number;
}

/** The writes of one batch. Nothing reaches the store until the batch function returns. */
export interface ReadModelTransaction {
  /**
   * Marks the writes that follow as effects of the event at this global position (the runner calls it
   * before each event). Stores without multi-document transactions (MongoDB) record it on every
   * document and skip a write whose document already reflects this or a later event. Defaults to the
   * batch's `toPosition`.
   */
  at(position: bigint): void;
  /**
   * Inserts or replaces the whole document. The batch keeps a frozen copy (its JSON round trip): the
   * object passed stays the caller's, and changing it afterwards changes nothing stored.
   */
  put(collection: string, doc: ReadModelDocument): void;
  /**
   * Shallow merge into the stored document. A missing document is left missing (no-op): a replay may
   * patch a document a later event of the same replay deletes, and that must not fail the batch.
   */
  patch(collection: string, id: string, partial: Record<string, unknown>): void;
  delete(collection: string, id: string): void;
  /**
   * The document as this batch has left it so far (reads its own writes). Frozen: the batch hands out
   * the object it holds, so build the next document from it (`{ ...doc, status }`) and `put` that.
   */
  get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined>;
}

/** A bulk load in progress (`ReadModelStore.bulkLoad`). */
export interface BulkLoad {
  /** Builds the indexes set aside, over everything loaded. */
  finish(): Promise<void>;
}

export interface ReadModelStore {
  /** Declares collections and creates their tables/indexes; idempotent. */
  ensureCollections(collections: CollectionSpec[]): Promise<void>;
  /**
   * Runs `write`, then commits its writes together with the projection's checkpoint `toPosition`.
   * If `write` throws, nothing is written and the checkpoint stays where it was.
   */
  applyBatch(
    projection: string,
    toPosition: bigint,
    write: (tx: ReadModelTransaction) => void | Promise<void>,
  ): Promise<void>;
  get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined>;
  find<T extends ReadModelDocument = ReadModelDocument>(collection: string, query?: FindQuery): Promise<T[]>;
  /** How many documents match; with `atMost`, counting stops there (a count over millions is not free). */
  count(collection: string, where?: Where, options?: CountOptions): Promise<number>;
  /** Position of the last event the projection has applied (and committed), or undefined. */
  checkpoint(projection: string): Promise<bigint | undefined>;
  /** Drops every document of these collections and the projection's checkpoint (before a rebuild). */
  reset(projection: string, collections: string[]): Promise<void>;
  /**
   * Optional. Prepares collections for a bulk load that no query reads until it is finished: a rebuild
   * from position 0 into files that replace the live ones only once complete (`docket rebuild`). The
   * store may then set its indexes aside and build each once in `finish()`, over everything loaded,
   * instead of updating it write by write. Queries in between are answered, only more slowly; what the
   * batches write and commit is the same either way.
   */
  bulkLoad?(collections: string[]): Promise<BulkLoad>;
  /**
   * Optional. Leaves no copy of deleted or replaced documents in the store's own files (free pages, logs):
   * after personal data was erased and the read models rebuilt (PIPL Art. 47), the old values must not
   * survive in them. SQLite: VACUUM and an emptied write-ahead log. False when it could not finish (a
   * reader held the log): try again later. A store without it (MongoDB) leaves that to its operator.
   */
  purgeFreedSpace?(): Promise<boolean>;
  close(): Promise<void>;
}
