import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASES, type CaseRow, row } from '../src/contract/fixtures';
import { openSqliteReadModelStore } from '../src/sqlite';
import { fieldExpression, orderSql, whereSql } from '../src/sqlite/sql';

describe('SQLite read-model file', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;

  beforeEach(() => {
    dir = tempDir('docket-read-models-');
    path = join(dir.path, 'read-models.db');
  });
  afterEach(() => dir.cleanup());

  it('keeps documents and checkpoints across a reopen, in WAL mode', async () => {
    const store = openSqliteReadModelStore({ path, collections: [CASES] });
    await store.applyBatch('case-list', 42n, (tx) =>
      tx.put('cases', row('2026-0001', { applicant: '张三' })),
    );
    await store.close();

    const reopened = openSqliteReadModelStore({ path, collections: [CASES] });
    expect(await reopened.get('cases', '2026-0001')).toEqual(row('2026-0001', { applicant: '张三' }));
    expect(await reopened.checkpoint('case-list')).toBe(42n);
    expect(await reopened.find('cases', { where: { applicant: { prefix: '张' } } })).toHaveLength(1);
    await reopened.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('answers declared-field queries from the json_extract indexes, not a table scan', async () => {
    const store = openSqliteReadModelStore({ path, collections: [CASES] });
    await store.close();
    const raw = new Database(path, { readonly: true });
    const plan = (where: Parameters<typeof whereSql>[0], order: Parameters<typeof orderSql>[0]) => {
      const sql = whereSql(where);
      return (
        raw
          .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "rm_cases"${sql.sql}${orderSql(order)}`)
          .all(...sql.params) as {
          detail: string;
        }[]
      )
        .map((step) => step.detail)
        .join('; ');
    };
    expect(
      plan(
        [
          { field: 'department', op: 'eq', value: 'market' },
          { field: 'status', op: 'eq', value: 'accepted' },
        ],
        [{ field: 'id', direction: 'asc' }],
      ),
    ).toContain('USING INDEX rm_cases__department__status');
    expect(
      plan(
        [{ field: 'receivedAt', op: 'gte', value: '2026-03-01' }],
        [{ field: 'receivedAt', direction: 'asc' }],
      ),
    ).toContain('USING INDEX rm_cases__receivedAt');
    expect(fieldExpression('status')).toBe("json_extract(doc, '$.status')");
    raw.close();
  });

  it('gathers the planner statistics after a bulk load: a name prefix is found by its index, not by department', async () => {
    const store = openSqliteReadModelStore({ path, collections: [CASES] });
    const load = await store.bulkLoad(['cases']);
    await store.applyBatch('case-list', 1n, (tx) => {
      for (let n = 0; n < 4000; n++)
        tx.put(
          'cases',
          row(`2026-${n}`, { department: n % 2 ? 'market' : 'civil-affairs', applicant: `申请人${n}` }),
        );
    });
    await load.finish();
    const where = whereSql([
      { field: 'department', op: 'in', values: ['market', 'civil-affairs'] },
      { field: 'applicant', op: 'gte', value: '申请人12' },
      { field: 'applicant', op: 'lt', value: '申请人13' },
    ]);
    await store.close();
    const db = new Database(path, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "rm_cases"${where.sql}`)
      .all(...where.params)
      .map((step) => (step as { detail: string }).detail)
      .join(' ');
    db.close();
    expect(plan).toContain('rm_cases__applicant');
    expect(plan).not.toContain('rm_cases__department');
  });

  it('a bulk load builds the indexes once, at the end; a load never finished gets them back on the next open', async () => {
    const indexes = () => {
      const raw = new Database(path, { readonly: true });
      const names = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_cases'")
        .pluck()
        .all();
      raw.close();
      return names;
    };
    const store = openSqliteReadModelStore({ path, collections: [CASES] });
    await store.applyBatch('case-list', 1n, (tx) => tx.put('cases', row('before', { status: 'submitted' })));
    const declared = indexes();
    expect(declared).toContain('rm_cases__department__status');

    const load = await store.bulkLoad(['cases']);
    expect(indexes()).toEqual([]);
    await store.applyBatch('case-list', 2n, (tx) => tx.put('cases', row('new', { status: 'submitted' })));
    await store.applyBatch('case-list', 3n, async (tx) => {
      // Reads see what is stored, from before the load and from earlier in it.
      for (const id of ['before', 'new']) {
        const doc = await tx.get<CaseRow>('cases', id);
        tx.put('cases', { ...doc!, status: 'accepted' });
      }
      expect(await tx.get('cases', 'never-written')).toBeUndefined();
    });
    expect(await store.count('cases', { status: 'accepted' })).toBe(2);
    await load.finish();
    expect(indexes().sort()).toEqual([...declared].sort());
    expect(await store.checkpoint('case-list')).toBe(3n);

    await store.bulkLoad(['cases']);
    await store.close();
    expect(indexes()).toEqual([]);
    const reopened = openSqliteReadModelStore({ path, collections: [CASES] });
    expect(indexes().sort()).toEqual([...declared].sort());
    expect((await reopened.find('cases', { where: { status: 'accepted' } })).map((d) => d.id)).toEqual([
      'before',
      'new',
    ]);
    await reopened.close();
  });
});
