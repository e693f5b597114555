import { type DeclaredCollection, documentJson, normaliseDocument } from './collections';
import { InvalidDocument } from './errors';
import type { ReadModelDocument, ReadModelTransaction } from './read-model-store';

/**
 * A document as stored, with the position of the last event applied to it where the store keeps one.
 * A store that keeps JSON text (SQLite) hands over `json` instead of `doc`: it is parsed only if a
 * projection reads the document.
 */
export interface StoredDocument {
  doc?: ReadModelDocument | undefined;
  json?: string;
  position: bigint | undefined;
}

/** What a batch leaves behind for one document: its new content, or undefined for deleted. */
export interface DocumentChange {
  collection: string;
  id: string;
  doc: ReadModelDocument | undefined;
  /** The same content as JSON text (undefined for deleted), computed at most once. */
  json: string | undefined;
  /** Position of the last event whose write took effect on it. */
  position: bigint;
  existed: boolean;
}

export interface WriteSetSource {
  collection(name: string): DeclaredCollection;
  load(collection: string, ids: string[]): Promise<Map<string, StoredDocument>>;
  /**
   * Skip a write whose document already reflects the event at that position or a later one. Needed
   * where a crash can leave documents ahead of the checkpoint (MongoDB); harmless elsewhere.
   */
  guardPositions: boolean;
}

type Operation =
  | { kind: 'put'; content: Content; position: bigint }
  | { kind: 'patch'; partial: Record<string, unknown>; position: bigint }
  | { kind: 'delete'; position: bigint };

/**
 * A document's content, as an object or as JSON text or both, each made from the other only when
 * asked for: a projection that reads a counter and puts it back costs one parse and one stringify,
 * and the store writes the text it was given. Never mutated: a patch makes a new one.
 */
class Content {
  private constructor(
    private object: ReadModelDocument | undefined,
    private text: string | undefined,
  ) {}

  static ofJson(json: string): Content {
    return new Content(undefined, json);
  }

  static ofObject(doc: ReadModelDocument): Content {
    return new Content(doc, undefined);
  }

  get doc(): ReadModelDocument {
    this.object ??= JSON.parse(this.text!) as ReadModelDocument;
    return this.object;
  }

  get json(): string {
    this.text ??= JSON.stringify(this.object);
    return this.text;
  }

  /** A copy the caller may change freely. */
  copy(): ReadModelDocument {
    return JSON.parse(this.json) as ReadModelDocument;
  }
}

interface Entry {
  collection: string;
  id: string;
  /** Writes made before the stored document was loaded; folded onto it once it is. */
  queued: Operation[];
  /** Undefined until loaded. */
  base?: { content: Content | undefined; position: bigint | undefined };
  /** The document with every write so far applied (once loaded), and the last position that took effect. */
  current?: Content | undefined;
  changedAt?: bigint;
}

/**
 * The writes of one batch, kept in memory until the batch function returns. This is what lets SQLite
 * commit the batch and its checkpoint in one synchronous transaction although projections may be async,
 * and what lets MongoDB compute each document's final state before writing it once. A document read in
 * the batch is kept folded as writes arrive, so a counter touched by every event of a long batch costs
 * the same per event as in a short one.
 */
export class WriteSet implements ReadModelTransaction {
  private readonly entries = new Map<string, Entry>();
  private position: bigint;

  constructor(
    private readonly source: WriteSetSource,
    toPosition: bigint,
  ) {
    this.position = toPosition;
  }

  at(position: bigint): void {
    this.position = position;
  }

  put(collection: string, doc: ReadModelDocument): void {
    const { id, json } = documentJson(this.source.collection(collection), doc);
    this.record(collection, id, { kind: 'put', content: Content.ofJson(json), position: this.position });
  }

  patch(collection: string, id: string, partial: Record<string, unknown>): void {
    if (partial.id !== undefined && partial.id !== id) {
      throw new InvalidDocument(`A patch of "${collection}/${id}" cannot change the id`);
    }
    const { id: _ignored, ...rest } = normaliseDocument(this.source.collection(collection), {
      ...partial,
      id,
    });
    this.record(collection, id, { kind: 'patch', partial: rest, position: this.position });
  }

  delete(collection: string, id: string): void {
    this.source.collection(collection);
    this.record(collection, id, { kind: 'delete', position: this.position });
  }

  async get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined> {
    this.source.collection(collection);
    // Remembered even when nothing is written yet: a later write in the batch folds onto it.
    const entry = this.entry(collection, id);
    if (entry.base === undefined) {
      this.loaded(entry, (await this.source.load(collection, [id])).get(id));
    }
    return entry.current?.copy() as T | undefined;
  }

  /** Every document this batch changes, with its final state; loads what it has not read yet. */
  async changes(): Promise<DocumentChange[]> {
    const unloaded = new Map<string, Entry[]>();
    for (const entry of this.entries.values()) {
      if (entry.base !== undefined) continue;
      const list = unloaded.get(entry.collection) ?? [];
      list.push(entry);
      unloaded.set(entry.collection, list);
    }
    for (const [collection, entries] of unloaded) {
      const stored = await this.source.load(
        collection,
        entries.map((entry) => entry.id),
      );
      for (const entry of entries) this.loaded(entry, stored.get(entry.id));
    }
    const changes: DocumentChange[] = [];
    for (const entry of this.entries.values()) {
      if (entry.changedAt === undefined) continue;
      const content = entry.current;
      changes.push({
        collection: entry.collection,
        id: entry.id,
        get doc() {
          return content?.doc;
        },
        get json() {
          return content?.json;
        },
        position: entry.changedAt,
        existed: entry.base?.content !== undefined,
      });
    }
    return changes;
  }

  private entry(collection: string, id: string): Entry {
    const key = keyOf(collection, id);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { collection, id, queued: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private record(collection: string, id: string, operation: Operation): void {
    const entry = this.entry(collection, id);
    if (entry.base === undefined) entry.queued.push(operation);
    else this.apply(entry, operation);
  }

  private loaded(entry: Entry, stored: StoredDocument | undefined): void {
    const content =
      stored?.json !== undefined
        ? Content.ofJson(stored.json)
        : stored?.doc !== undefined
          ? Content.ofObject(stored.doc)
          : undefined;
    entry.base = { content, position: stored?.position };
    entry.current = content;
    for (const operation of entry.queued) this.apply(entry, operation);
    entry.queued = [];
  }

  /** One write onto the loaded document, unless the stored document already reflects it. */
  private apply(entry: Entry, operation: Operation): void {
    const basePosition = entry.base?.position;
    if (this.source.guardPositions && basePosition !== undefined && operation.position <= basePosition) {
      return;
    }
    entry.changedAt = operation.position;
    if (operation.kind === 'put') entry.current = operation.content;
    else if (operation.kind === 'delete') entry.current = undefined;
    else if (entry.current !== undefined) {
      entry.current = Content.ofObject({ ...entry.current.doc, ...operation.partial });
    }
  }
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
