import { expect, it } from 'vitest';
import { InvalidQuery, UndeclaredField, UnknownCollection } from '../errors';
import type { FindQuery, ReadModelStore } from '../read-model-store';
import { type CaseRow, row, seed } from './fixtures';

const ROWS: CaseRow[] = [
  row('c1', {
    department: 'civil-affairs',
    status: 'accepted',
    receivedAt: '2026-03-02T09:00:00+08:00',
    applicant: '张三',
    urgent: true,
    daysLeft: 3,
  }),
  row('c2', {
    department: 'civil-affairs',
    status: 'decided',
    receivedAt: '2026-03-01T10:00:00+08:00',
    applicant: '张三丰',
    urgent: false,
    daysLeft: 0,
  }),
  row('c3', {
    department: 'market',
    status: 'accepted',
    receivedAt: '2026-03-03T08:30:00+08:00',
    applicant: '李四',
    urgent: false,
    daysLeft: 12,
  }),
  row('c4', {
    department: 'market',
    status: 'suspended',
    receivedAt: '2026-03-02T09:00:00+08:00',
    applicant: null,
    daysLeft: null,
  }),
  row('c5', {
    department: 'civil-affairs',
    status: 'accepted',
    receivedAt: '2026-03-04T14:00:00+08:00',
    applicant: 'Zhang',
    urgent: true,
    daysLeft: -2,
  }),
  row('c6', {
    department: 'housing',
    status: 'accepted',
    receivedAt: '2026-03-02T09:00:00+08:00',
    daysLeft: 7,
  }),
];

export function queryContract(store: () => ReadModelStore): void {
  const ids = async (query: FindQuery) => (await store().find<CaseRow>('cases', query)).map((doc) => doc.id);

  it('filters by equality (null also matching an absent field), in, and booleans', async () => {
    await seed(store(), ROWS);
    expect(await ids({ where: { department: 'civil-affairs', status: 'accepted' } })).toEqual(['c1', 'c5']);
    expect(await ids({ where: { status: { in: ['decided', 'suspended'] } } })).toEqual(['c2', 'c4']);
    expect(await ids({ where: { applicant: null } })).toEqual(['c4', 'c6']);
    expect(await ids({ where: { applicant: { in: ['李四', null] } } })).toEqual(['c3', 'c4', 'c6']);
    expect(await ids({ where: { status: { in: [] } } })).toEqual([]);
    expect(await ids({ where: { urgent: true } })).toEqual(['c1', 'c5']);
    expect(await ids({ where: { urgent: false } })).toEqual(['c2', 'c3']);
    expect(await ids({ where: { id: 'c3' } })).toEqual(['c3']);
    expect(await store().count('cases', { department: 'market' })).toBe(2);
    expect(await store().count('cases')).toBe(6);
  });

  it('filters by ranges on numbers and strings, never matching the other type or null', async () => {
    await seed(store(), ROWS);
    expect(await ids({ where: { daysLeft: { gte: 0, lt: 7 } } })).toEqual(['c1', 'c2']);
    expect(await ids({ where: { daysLeft: { lte: 0 } } })).toEqual(['c2', 'c5']);
    expect(await ids({ where: { daysLeft: { gt: 3 } } })).toEqual(['c3', 'c6']);
    expect(
      await ids({
        where: { receivedAt: { gte: '2026-03-02T00:00:00+08:00', lt: '2026-03-03T00:00:00+08:00' } },
      }),
    ).toEqual(['c1', 'c4', 'c6']);
    // Strings sort after numbers in both backends; a numeric bound must not let strings through, nor the reverse.
    expect(await ids({ where: { applicant: { gt: 0 } } })).toEqual([]);
    expect(await ids({ where: { daysLeft: { lt: 'z' } } })).toEqual([]);
  });

  it('filters by prefix, Chinese text included, in code-point order', async () => {
    await seed(store(), ROWS);
    expect(await ids({ where: { applicant: { prefix: '张三' } } })).toEqual(['c1', 'c2']);
    expect(await ids({ where: { applicant: { prefix: '张三丰' } } })).toEqual(['c2']);
    expect(await ids({ where: { applicant: { prefix: 'Z' } } })).toEqual(['c5']);
    expect(await ids({ where: { applicant: { prefix: 'z' } } })).toEqual([]);
    expect(await ids({ where: { applicant: { prefix: '' } } })).toEqual(['c1', 'c2', 'c3', 'c5']);
    expect(await ids({ where: { department: 'civil-affairs', applicant: { prefix: '张' } } })).toEqual([
      'c1',
      'c2',
    ]);
  });

  it('orders by declared fields with id breaking ties, nulls first ascending', async () => {
    await seed(store(), ROWS);
    expect(await ids({ orderBy: [{ field: 'receivedAt' }] })).toEqual(['c2', 'c1', 'c4', 'c6', 'c3', 'c5']);
    expect(await ids({ orderBy: [{ field: 'receivedAt', direction: 'desc' }] })).toEqual([
      'c5',
      'c3',
      'c1',
      'c4',
      'c6',
      'c2',
    ]);
    expect(
      await ids({ where: { daysLeft: { gte: -100 } }, orderBy: [{ field: 'daysLeft', direction: 'desc' }] }),
    ).toEqual(['c3', 'c6', 'c1', 'c2', 'c5']);
    expect(await ids({ orderBy: [{ field: 'applicant' }] })).toEqual(['c4', 'c6', 'c5', 'c1', 'c2', 'c3']);
    expect(await ids({ orderBy: [{ field: 'department' }, { field: 'status', direction: 'desc' }] })).toEqual(
      ['c2', 'c1', 'c5', 'c6', 'c4', 'c3'],
    );
  });

  it('pages by offset and limit without dropping or repeating a document', async () => {
    await seed(store(), ROWS);
    const query: FindQuery = { orderBy: [{ field: 'receivedAt' }] };
    const pages: string[] = [];
    for (let offset = 0; offset < 8; offset += 4) pages.push(...(await ids({ ...query, limit: 4, offset })));
    expect(pages).toEqual(await ids(query));
    expect(await ids({ ...query, limit: 0 })).toEqual([]);
    expect(await ids({ ...query, offset: 5 })).toEqual(['c5']);
  });

  it('walks the order index when asked, with the same answer as the filter index and a sort', async () => {
    await seed(store(), ROWS);
    const broad: FindQuery = {
      where: { department: { in: ['civil-affairs', 'market'] } },
      orderBy: [{ field: 'receivedAt', direction: 'desc' }],
    };
    for (const page of [{}, { limit: 2 }, { limit: 2, offset: 2 }, { limit: 5, offset: 4 }])
      expect(await ids({ ...broad, ...page, walkOrder: true })).toEqual(await ids({ ...broad, ...page }));
    // Only a field an index starts with can be walked.
    await expect(
      store().find('cases', { orderBy: [{ field: 'status' }], walkOrder: true }),
    ).rejects.toBeInstanceOf(InvalidQuery);
  });

  it('counts at most as far as asked', async () => {
    await seed(store(), ROWS);
    expect(await store().count('cases')).toBe(6);
    expect(await store().count('cases', {}, { atMost: 4 })).toBe(4);
    expect(await store().count('cases', { department: 'market' }, { atMost: 4 })).toBe(2);
    expect(await store().count('cases', {}, { atMost: 0 })).toBe(0);
    await expect(store().count('cases', {}, { atMost: -1 })).rejects.toBeInstanceOf(InvalidQuery);
  });

  it('refuses queries on undeclared fields and collections, and malformed conditions', async () => {
    await seed(store(), ROWS);
    await expect(store().find('cases', { where: { title: 'x' } })).rejects.toBeInstanceOf(UndeclaredField);
    await expect(store().find('cases', { orderBy: [{ field: 'notes' }] })).rejects.toBeInstanceOf(
      UndeclaredField,
    );
    await expect(store().count('cases', { title: 'x' })).rejects.toBeInstanceOf(UndeclaredField);
    await expect(store().find('nowhere')).rejects.toBeInstanceOf(UnknownCollection);
    await expect(
      store().find('cases', { where: { status: { like: 'a%' } as never } }),
    ).rejects.toBeInstanceOf(InvalidQuery);
    await expect(
      store().find('cases', { where: { daysLeft: { gt: true as never } } }),
    ).rejects.toBeInstanceOf(InvalidQuery);
    await expect(store().find('cases', { limit: -1 })).rejects.toBeInstanceOf(InvalidQuery);
  });
}
