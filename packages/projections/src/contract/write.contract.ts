import { expect, it } from 'vitest';
import { CheckpointWouldMoveBackwards, InvalidDocument, UnknownCollection } from '../errors';
import type { ReadModelStore } from '../read-model-store';
import { CASES, type CaseRow, row, seed } from './fixtures';

export function writeContract(store: () => ReadModelStore): void {
  it('stores a batch and its checkpoint together; get returns the document as put', async () => {
    expect(await store().checkpoint('case-list')).toBeUndefined();
    const first = row('2026-0001', { applicant: '张三', notes: ['材料齐全'], urgent: false, daysLeft: 5 });
    await seed(store(), [first], 7n);
    expect(await store().get('cases', '2026-0001')).toEqual(first);
    expect(await store().get('cases', 'missing')).toBeUndefined();
    expect(await store().checkpoint('case-list')).toBe(7n);
    expect(await store().checkpoint('another')).toBeUndefined();
  });

  it('patches by shallow merge, leaves a missing document missing, deletes', async () => {
    await seed(store(), [row('a', { applicant: '李四', notes: ['x'] }), row('b')]);
    await store().applyBatch('case-list', 2n, (tx) => {
      tx.patch('cases', 'a', { status: 'decided', notes: ['y', 'z'] });
      tx.patch('cases', 'nobody', { status: 'decided' });
      tx.delete('cases', 'b');
      tx.delete('cases', 'never-existed');
    });
    expect(await store().get('cases', 'a')).toEqual({
      ...row('a', { applicant: '李四' }),
      status: 'decided',
      notes: ['y', 'z'],
    });
    expect(await store().get('cases', 'nobody')).toBeUndefined();
    expect(await store().get('cases', 'b')).toBeUndefined();
    expect(await store().count('cases')).toBe(1);
  });

  it('a batch reads its own writes before they are committed', async () => {
    await seed(store(), [row('a')]);
    const seen: (CaseRow | undefined)[] = [];
    await store().applyBatch('case-list', 2n, async (tx) => {
      tx.put('cases', row('new', { status: 'submitted' }));
      seen.push(await tx.get<CaseRow>('cases', 'new'));
      tx.patch('cases', 'a', { status: 'decided' });
      seen.push(await tx.get<CaseRow>('cases', 'a'));
      tx.delete('cases', 'a');
      seen.push(await tx.get<CaseRow>('cases', 'a'));
      // Not yet visible outside the batch.
      seen.push(await store().get<CaseRow>('cases', 'new'));
    });
    expect(seen.map((doc) => doc?.status)).toEqual(['submitted', 'decided', undefined, undefined]);
    expect((await store().get<CaseRow>('cases', 'new'))?.status).toBe('submitted');
  });

  it('a batch that throws writes nothing and keeps the previous checkpoint', async () => {
    await seed(store(), [row('a')], 3n);
    await expect(
      store().applyBatch('case-list', 9n, async (tx) => {
        tx.put('cases', row('b'));
        tx.patch('cases', 'a', { status: 'decided' });
        throw new Error('projection bug');
      }),
    ).rejects.toThrow('projection bug');
    expect(await store().checkpoint('case-list')).toBe(3n);
    expect(await store().get('cases', 'b')).toBeUndefined();
    expect((await store().get<CaseRow>('cases', 'a'))?.status).toBe('accepted');
  });

  it('refuses documents it could not index and collections never declared', async () => {
    await store().ensureCollections([CASES]);
    const attempt = (doc: Record<string, unknown>) =>
      store().applyBatch('case-list', 1n, (tx) => tx.put('cases', doc as CaseRow));
    await expect(attempt({ ...row('a'), status: { code: 1 } })).rejects.toBeInstanceOf(InvalidDocument);
    await expect(attempt({ department: 'x' })).rejects.toBeInstanceOf(InvalidDocument);
    await expect(attempt({ ...row('a'), _id: 'other' })).rejects.toBeInstanceOf(InvalidDocument);
    await expect(
      store().applyBatch('case-list', 1n, (tx) => tx.patch('cases', 'a', { id: 'b' })),
    ).rejects.toBeInstanceOf(InvalidDocument);
    await expect(store().applyBatch('x', 1n, (tx) => tx.put('nowhere', row('a')))).rejects.toBeInstanceOf(
      UnknownCollection,
    );
    await expect(store().get('nowhere', 'a')).rejects.toBeInstanceOf(UnknownCollection);
    expect(await store().checkpoint('case-list')).toBeUndefined();
  });

  it('never moves a checkpoint backwards (two runners on one projection)', async () => {
    await seed(store(), [row('a')], 10n);
    await expect(
      store().applyBatch('case-list', 4n, (tx) => tx.put('cases', row('b'))),
    ).rejects.toBeInstanceOf(CheckpointWouldMoveBackwards);
    expect(await store().get('cases', 'b')).toBeUndefined();
    expect(await store().checkpoint('case-list')).toBe(10n);
  });

  it('batches of several projections committed at once: each with its checkpoint, a failing one alone', async () => {
    await seed(store(), [row('a')], 10n);
    const results = await Promise.allSettled([
      store().applyBatch('inbox', 3n, (tx) => tx.put('inbox', { id: 'i1', department: 'civil-affairs' })),
      // Behind its own checkpoint: refused, and nothing of it is written.
      store().applyBatch('case-list', 9n, (tx) => tx.put('cases', row('late'))),
      store().applyBatch('case-list-2', 4n, (tx) => tx.put('cases', row('b'))),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(CheckpointWouldMoveBackwards);
    expect(await store().checkpoint('inbox')).toBe(3n);
    expect(await store().checkpoint('case-list')).toBe(10n);
    expect(await store().checkpoint('case-list-2')).toBe(4n);
    expect(await store().get('cases', 'late')).toBeUndefined();
    expect(await store().get('cases', 'b')).toEqual(row('b'));
    expect(await store().get('inbox', 'i1')).toEqual({ id: 'i1', department: 'civil-affairs' });
  });

  it('a batch hands out documents that cannot be changed, and keeps none of the caller’s objects', async () => {
    await seed(store(), [row('a', { notes: ['x'] })]);
    const notes = ['y'];
    await store().applyBatch('case-list', 2n, async (tx) => {
      const doc = await tx.get<CaseRow>('cases', 'a');
      expect(() => {
        doc!.status = 'changed in place';
      }).toThrow(TypeError);
      expect(() => doc!.notes!.push('z')).toThrow(TypeError);
      const next = { ...doc!, notes };
      tx.put('cases', next);
      // The caller's objects stay the caller's: changing them after the put changes nothing stored.
      notes.push('after the put');
      next.status = 'after the put';
      expect((await tx.get<CaseRow>('cases', 'a'))?.notes).toEqual(['y']);
    });
    expect(await store().get('cases', 'a')).toEqual(row('a', { notes: ['y'] }));
  });

  it('reset empties the projection’s collections and checkpoint, nothing else', async () => {
    await seed(store(), [row('a'), row('b')], 5n);
    await store().applyBatch('inbox', 6n, (tx) => tx.put('inbox', { id: 'i1', department: 'civil-affairs' }));
    await store().reset('case-list', ['cases']);
    expect(await store().count('cases')).toBe(0);
    expect(await store().checkpoint('case-list')).toBeUndefined();
    expect(await store().checkpoint('inbox')).toBe(6n);
    expect(await store().get('inbox', 'i1')).toEqual({ id: 'i1', department: 'civil-affairs' });
    await seed(store(), [row('c')], 1n);
    expect(await store().checkpoint('case-list')).toBe(1n);
  });
}
