import { describe, expect, it } from 'vitest';
import { Catalogue } from '../src/collections';
import type { ReadModelDocument } from '../src/read-model-store';
import { type StoredDocument, WriteSet } from '../src/write-set';

/**
 * The replay rule the MongoDB adapter depends on, exercised here where no MongoDB runs: documents as
 * the adapter stores them (content + position of the last event applied), batches folded by WriteSet
 * and written back exactly as the adapter writes its bulk operations.
 */
describe('per-document positions make a replayed batch harmless', () => {
  const catalogue = new Catalogue();
  catalogue.declare([{ name: 'counters' }]);

  function storeLike() {
    const stored = new Map<string, StoredDocument>();
    const batch = async (toPosition: bigint, positions: bigint[]) => {
      const writeSet = new WriteSet(
        {
          collection: (name) => catalogue.get(name),
          load: async (_collection, ids) =>
            new Map(ids.flatMap((id) => (stored.has(id) ? [[id, stored.get(id)!] as const] : []))),
          guardPositions: true,
        },
        toPosition,
      );
      for (const position of positions) {
        writeSet.at(position);
        const id = position % 2n === 0n ? 'even' : 'odd';
        const current = await writeSet.get<ReadModelDocument & { events: number }>('counters', id);
        if (position === 7n) writeSet.delete('counters', id);
        else writeSet.put('counters', { id, events: (current?.events ?? 0) + 1, last: String(position) });
      }
      for (const change of await writeSet.changes()) {
        if (change.doc === undefined) stored.delete(change.id);
        else stored.set(change.id, { doc: change.doc, position: change.position });
      }
    };
    return { stored, batch };
  }

  it('documents written before a crash are not counted again when the batch is replayed, however cut', async () => {
    const uninterrupted = storeLike();
    await uninterrupted.batch(2n, [1n, 2n]);
    await uninterrupted.batch(6n, [3n, 4n, 5n, 6n]);

    const crashed = storeLike();
    await crashed.batch(2n, [1n, 2n]);
    await crashed.batch(5n, [3n, 4n, 5n]);
    // Checkpoint still 2: the runner replays from 3 with other batch boundaries.
    await crashed.batch(4n, [3n, 4n]);
    await crashed.batch(6n, [5n, 6n]);
    expect(crashed.stored).toEqual(uninterrupted.stored);
    expect(crashed.stored.get('odd')?.doc).toEqual({ id: 'odd', events: 3, last: '5' });
    expect(crashed.stored.get('even')?.position).toBe(6n);
  });

  it('a delete written before the crash stays a delete after the replay', async () => {
    const uninterrupted = storeLike();
    await uninterrupted.batch(9n, [1n, 3n, 5n, 7n, 9n]);
    const crashed = storeLike();
    await crashed.batch(3n, [1n, 3n]);
    await crashed.batch(7n, [5n, 7n]);
    await crashed.batch(9n, [5n, 7n, 9n]);
    expect(crashed.stored).toEqual(uninterrupted.stored);
    expect(crashed.stored.get('odd')?.doc).toEqual({ id: 'odd', events: 1, last: '9' });
  });
});
