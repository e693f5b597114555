import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASES, row } from '../src/contract/fixtures';
import { openSqliteReadModelStore } from '../src/sqlite';

describe('SQLite read models after an erasure (PIPL Art. 47)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('docket-read-models-purge-');
  });
  afterEach(() => dir.cleanup());

  const filesHolding = (text: string) =>
    readdirSync(dir.path).filter((name) =>
      readFileSync(join(dir.path, name)).includes(Buffer.from(text, 'utf8')),
    );

  it('keep no copy of a replaced or deleted value in any of their files once purged', async () => {
    const store = openSqliteReadModelStore({ path: join(dir.path, 'intake.read.db'), collections: [CASES] });
    const many = Array.from({ length: 300 }, (_, i) =>
      row(`2026-${String(i).padStart(4, '0')}`, { applicant: '测试删除人甲' }),
    );
    await store.applyBatch('case-list', 1n, (tx) => {
      for (const doc of many) tx.put('cases', doc);
    });
    // A rebuild after the erasure: everything emptied, written again with the marker.
    await store.reset('case-list', ['cases']);
    await store.applyBatch('case-list', 2n, (tx) => {
      for (const doc of many) tx.put('cases', { ...doc, applicant: '〔已删除〕' });
    });
    expect(filesHolding('测试删除人甲')).not.toEqual([]);

    expect(await store.purgeFreedSpace()).toBe(true);

    expect(filesHolding('测试删除人甲')).toEqual([]);
    expect(await store.count('cases', { applicant: '〔已删除〕' })).toBe(300);
    await store.close();
    expect(filesHolding('测试删除人甲')).toEqual([]);
  });
});
