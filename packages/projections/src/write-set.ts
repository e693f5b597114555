import { type DeclaredCollection, normaliseDocument } from './collections';
import { InvalidDocument } from './errors';
import type { ReadModelDocument, ReadModelTransaction } from './read-model-store';

/** A document as stored, with the position of the last event applied to it where the store keeps one. */
export interface StoredDocument {
  doc: ReadModelDocument | undefined;
  position: bigint | undefined;
}

/** What a batch leaves behind for one document: its new content, or undefined for deleted. */
export interface DocumentChange {
  collection: string;
  id: string;
  doc: ReadModelDocument | undefined;
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
  | { kind: 'put'; doc: ReadModelDocument; position: bigint }
  | { kind: 'patch'; partial: Record<string, unknown>; position: bigint }
  | { kind: 'delete'; position: bigint };

interface Entry {
  collection: string;
  id: string;
  operations: Operation[];
  base?: StoredDocument;
}

/**
 * The writes of one batch, kept in memory until the batch function returns. This is what lets SQLite
 * commit the batch and its checkpoint in one synchronous transaction although projections may be async,
 * and what lets MongoDB compute each document's final state before writing it once.
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
    const normalised = normaliseDocument(this.source.collection(collection), doc);
    this.entry(collection, normalised.id).operations.push({
      kind: 'put',
      doc: normalised,
      position: this.position,
    });
  }

  patch(collection: string, id: string, partial: Record<string, unknown>): void {
    if (partial.id !== undefined && partial.id !== id) {
      throw new InvalidDocument(`A patch of "${collection}/${id}" cannot change the id`);
    }
    const { id: _ignored, ...rest } = normaliseDocument(this.source.collection(collection), {
      ...partial,
      id,
    });
    this.entry(collection, id).operations.push({ kind: 'patch', partial: rest, position: this.position });
  }

  delete(collection: string, id: string): void {
    this.source.collection(collection);
    this.entry(collection, id).operations.push({ kind: 'delete', position: this.position });
  }

  async get<T extends ReadModelDocument = ReadModelDocument>(
    collection: string,
    id: string,
  ): Promise<T | undefined> {
    this.source.collection(collection);
    // Remembered even when nothing is written yet: a later write in the batch folds onto it.
    const entry = this.entry(collection, id);
    if (entry.base === undefined) {
      entry.base = (await this.source.load(collection, [id])).get(id) ?? EMPTY;
    }
    const folded = this.fold(entry).doc;
    return folded === undefined ? undefined : (structuredClone(folded) as T);
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
      for (const entry of entries) entry.base = stored.get(entry.id) ?? EMPTY;
    }
    const changes: DocumentChange[] = [];
    for (const entry of this.entries.values()) {
      const folded = this.fold(entry);
      if (folded.position === undefined) continue;
      changes.push({
        collection: entry.collection,
        id: entry.id,
        doc: folded.doc,
        position: folded.position,
        existed: entry.base?.doc !== undefined,
      });
    }
    return changes;
  }

  private entry(collection: string, id: string): Entry {
    const key = keyOf(collection, id);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { collection, id, operations: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Applies the operations in order, skipping those the stored document already reflects. */
  private fold(entry: Entry): { doc: ReadModelDocument | undefined; position: bigint | undefined } {
    const base = entry.base ?? EMPTY;
    let doc = base.doc;
    let position: bigint | undefined;
    for (const operation of entry.operations) {
      if (this.source.guardPositions && base.position !== undefined && operation.position <= base.position) {
        continue;
      }
      position = operation.position;
      if (operation.kind === 'put') doc = operation.doc;
      else if (operation.kind === 'delete') doc = undefined;
      else if (doc !== undefined) doc = { ...doc, ...operation.partial };
    }
    return { doc, position };
  }
}

const EMPTY: StoredDocument = { doc: undefined, position: undefined };

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}
