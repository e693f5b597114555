import type { DeclaredCollection } from './collections';
import { InvalidDocument } from './errors';
import { freezeDocument, freezeParsed } from './frozen-document';
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

/** What a batch leaves behind for one document. */
export interface DocumentChange {
  collection: string;
  id: string;
  /** Its new content (frozen), or undefined: delete it (a no-op where it does not exist). */
  readonly doc: ReadModelDocument | undefined;
  /** The same content as JSON text (undefined for a delete), made once, when first asked for. */
  readonly json: string | undefined;
  /** Position of the last event whose write took effect on it. */
  position: bigint;
}

export interface WriteSetSource {
  collection(name: string): DeclaredCollection;
  load(collection: string, ids: string[]): Promise<Map<string, StoredDocument>>;
  /**
   * Skip a write whose document already reflects the event at that position or a later one. Needed
   * where a crash can leave documents ahead of the checkpoint (MongoDB); harmless elsewhere, but every
   * written document must then be loaded first.
   */
  guardPositions: boolean;
}

type Operation =
  | { kind: 'put'; content: Content; position: bigint }
  | { kind: 'patch'; partial: Record<string, unknown>; position: bigint }
  | { kind: 'delete'; position: bigint };

/**
 * A document's content: the frozen document, or its JSON text, or both, each made from the other only
 * when asked for. A document loaded and never read is never parsed; a document written many times in
 * a batch is serialised once, when the batch commits.
 */
class Content {
  private constructor(
    private object: ReadModelDocument | undefined,
    private text: string | undefined,
  ) {}

  static ofText(json: string): Content {
    return new Content(undefined, json);
  }

  /** A frozen document (freezeDocument, freezeParsed). */
  static ofDocument(doc: ReadModelDocument): Content {
    return new Content(doc, undefined);
  }

  get doc(): ReadModelDocument {
    this.object ??= freezeParsed(JSON.parse(this.text!) as ReadModelDocument);
    return this.object;
  }

  /** The document if it is at hand as an object: a put shares its unchanged parts, never parses for it. */
  get parsed(): ReadModelDocument | undefined {
    return this.object;
  }

  get json(): string {
    this.text ??= JSON.stringify(this.object);
    return this.text;
  }
}

interface Entry {
  collection: string;
  id: string;
  /**
   * True once the stored document is known (loaded), or known not to matter: a put or a delete came
   * before any patch, and positions are not guarded.
   */
  resolved: boolean;
  /** Writes made while unresolved; folded onto the stored document once it is loaded. */
  queued: Operation[];
  /** Position of the last event applied to the stored document, where the store keeps one. */
  basePosition: bigint | undefined;
  /** The document with every write so far applied (once resolved). */
  current: Content | undefined;
  /** The last position whose write took effect: set when the batch changes the document. */
  changedAt: bigint | undefined;
}

/**
 * The writes of one batch, kept in memory until the batch function returns. This is what lets SQLite
 * commit the batch and its checkpoint in one synchronous transaction although projections may be async,
 * and what lets MongoDB compute each document's final state before writing it once.
 *
 * Each document the batch touches is held as one frozen object (frozen-document.ts): `get` hands out
 * that object (no copy), a write makes the next one sharing the unchanged parts, and the JSON text is
 * made once, at commit. A document is loaded only when something needs what is stored: a `get`, a
 * patch, or a guarded position. A put or a delete replaces it whatever it was.
 */
export class WriteSet implements ReadModelTransaction {
  /** The documents touched so far, by collection and id. */
  private readonly collections = new Map<string, Map<string, Entry>>();
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
    const declared = this.source.collection(collection);
    const id = (doc as { id?: unknown } | null)?.id;
    const previous = typeof id === 'string' ? this.collections.get(collection)?.get(id)?.current : undefined;
    const frozen = freezeDocument(declared, doc, previous?.parsed);
    this.record(collection, frozen.id, {
      kind: 'put',
      content: Content.ofDocument(frozen),
      position: this.position,
    });
  }

  patch(collection: string, id: string, partial: Record<string, unknown>): void {
    if (partial.id !== undefined && partial.id !== id) {
      throw new InvalidDocument(`A patch of "${collection}/${id}" cannot change the id`);
    }
    // Checked as a document would be (id, reserved fields, indexed scalars) and frozen alike.
    const { id: _ignored, ...rest } = freezeDocument(this.source.collection(collection), { ...partial, id });
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
    if (!entry.resolved) {
      const stored = (await this.source.load(collection, [id])).get(id);
      // Another get of the same document may have resolved it while this one waited.
      if (!entry.resolved) this.resolve(entry, stored);
    }
    return entry.current?.doc as T | undefined;
  }

  /** Every document this batch changes, with its final state; loads what its patches still need. */
  async changes(): Promise<DocumentChange[]> {
    for (const [collection, entries] of this.collections) {
      const unresolved = [...entries.values()].filter((entry) => !entry.resolved);
      if (unresolved.length === 0) continue;
      const stored = await this.source.load(
        collection,
        unresolved.map((entry) => entry.id),
      );
      for (const entry of unresolved) if (!entry.resolved) this.resolve(entry, stored.get(entry.id));
    }
    const changes: DocumentChange[] = [];
    for (const entries of this.collections.values()) {
      for (const entry of entries.values()) {
        if (entry.changedAt !== undefined) changes.push(new Change(entry));
      }
    }
    return changes;
  }

  private entry(collection: string, id: string): Entry {
    let entries = this.collections.get(collection);
    if (entries === undefined) {
      entries = new Map();
      this.collections.set(collection, entries);
    }
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = {
        collection,
        id,
        resolved: false,
        queued: [],
        basePosition: undefined,
        current: undefined,
        changedAt: undefined,
      };
      entries.set(id, entry);
    }
    return entry;
  }

  private record(collection: string, id: string, operation: Operation): void {
    const entry = this.entry(collection, id);
    if (!entry.resolved && operation.kind !== 'patch' && !this.source.guardPositions) {
      // A put or a delete replaces whatever is stored (and whatever was patched onto it so far).
      entry.resolved = true;
      entry.queued = [];
    }
    if (entry.resolved) this.apply(entry, operation);
    else entry.queued.push(operation);
  }

  private resolve(entry: Entry, stored: StoredDocument | undefined): void {
    entry.current =
      stored?.json !== undefined
        ? Content.ofText(stored.json)
        : stored?.doc !== undefined
          ? Content.ofDocument(freezeParsed(stored.doc))
          : undefined;
    entry.basePosition = stored?.position;
    entry.resolved = true;
    for (const operation of entry.queued) this.apply(entry, operation);
    entry.queued = [];
  }

  /** One write onto the resolved document, unless the stored document already reflects it. */
  private apply(entry: Entry, operation: Operation): void {
    const basePosition = entry.basePosition;
    if (this.source.guardPositions && basePosition !== undefined && operation.position <= basePosition) {
      return;
    }
    if (operation.kind === 'put') entry.current = operation.content;
    else if (operation.kind === 'delete') entry.current = undefined;
    else if (entry.current === undefined)
      return; // a patch leaves a missing document missing
    else entry.current = Content.ofDocument(Object.freeze({ ...entry.current.doc, ...operation.partial }));
    entry.changedAt = operation.position;
  }
}

/** The change an entry leaves: its content is serialised (or parsed) only if the store asks for it. */
class Change implements DocumentChange {
  readonly collection: string;
  readonly id: string;
  readonly position: bigint;
  private readonly content: Content | undefined;

  constructor(entry: Entry) {
    this.collection = entry.collection;
    this.id = entry.id;
    this.position = entry.changedAt!;
    this.content = entry.current;
  }

  get doc(): ReadModelDocument | undefined {
    return this.content?.doc;
  }

  get json(): string | undefined {
    return this.content?.json;
  }
}
