import { describe, expect, it } from 'vitest';
import {
  type CaseRetention,
  DEFAULT_RETENTION,
  Retention,
  retentionEndsAt,
  retentionErasureReason,
  retentionOf,
  subjectsDue,
} from './retention';
import { ServiceItemDefinition, ServiceItemVersion } from './service-item';
import { promisedItem } from './spec-support/items';

const tenYears: Retention = { kind: 'years', years: 10, basis: '本中心保管期限表 第3项' };
const permanent: Retention = { kind: 'permanent', basis: '本中心保管期限表 第1项' };

describe('retention of a case file (保存期限)', () => {
  it('runs from 1 January of the year after the case closed, in the centre’s zone', () => {
    expect(retentionEndsAt('2026-03-15T10:00:00+08:00', tenYears)).toBe('2037-01-01T00:00:00+08:00');
    // 31 December 23:30 in Beijing is still that year, though it is the 31st in UTC too.
    expect(retentionEndsAt('2026-12-31T23:30:00+08:00', tenYears)).toBe('2037-01-01T00:00:00+08:00');
    // 1 January 00:30 in Beijing is 31 December in UTC: the case closed in the new year.
    expect(retentionEndsAt('2026-12-31T16:30:00Z', tenYears)).toBe('2038-01-01T00:00:00+08:00');
    expect(retentionEndsAt('2026-03-15T10:00:00+08:00', DEFAULT_RETENTION)).toBe('2057-01-01T00:00:00+08:00');
  });

  it('never ends when permanent', () => {
    expect(retentionEndsAt('2026-03-15T10:00:00+08:00', permanent)).toBeUndefined();
  });

  it('is 定期30年 for an item that names none, and for one recorded before items named one', () => {
    const recorded = ServiceItemVersion.parse({ ...promisedItem(), version: 1 });
    expect(recorded.retention).toBeUndefined();
    expect(retentionOf(recorded)).toEqual({
      kind: 'years',
      years: 30,
      basis: expect.stringContaining('第8号'),
    });
    expect(retentionOf({ retention: tenYears })).toBe(tenYears);
  });

  it('refuses a period of no years, past a hundred, or a fraction, and a basis with control characters', () => {
    for (const retention of [
      { kind: 'years', years: 0, basis: 'x' },
      { kind: 'years', years: 101, basis: 'x' },
      { kind: 'years', years: 2.5, basis: 'x' },
      { kind: 'forever', basis: 'x' },
      { kind: 'years', years: 10, basis: '表\u202E3项' },
    ])
      expect(
        ServiceItemDefinition.safeParse({ ...promisedItem(), retention }).success,
        JSON.stringify(retention),
      ).toBe(false);
  });
});

const closed = (
  caseNo: string,
  closedAt: string | undefined,
  subjects: string[],
  retention: Retention = tenYears,
) => ({ caseNo, itemCode: 'ITEM-1', retention, closedAt, subjects }) satisfies CaseRetention;

describe('whose personal data retention no longer allows keeping', () => {
  const now = '2040-06-01T00:00:00+08:00';

  it('names a person whose every case is closed and past its period, with the cases and the latest end', () => {
    const due = subjectsDue(
      [
        closed('C1', '2026-03-15T10:00:00+08:00', ['person-a']),
        closed('C2', '2028-05-01T10:00:00+08:00', ['person-a']),
      ],
      now,
    );
    expect(due).toEqual([
      {
        subject: 'person-a',
        keptUntil: '2039-01-01T00:00:00+08:00',
        cases: [
          {
            caseNo: 'C1',
            itemCode: 'ITEM-1',
            closedAt: '2026-03-15T10:00:00+08:00',
            keptUntil: '2037-01-01T00:00:00+08:00',
          },
          {
            caseNo: 'C2',
            itemCode: 'ITEM-1',
            closedAt: '2028-05-01T10:00:00+08:00',
            keptUntil: '2039-01-01T00:00:00+08:00',
          },
        ],
      },
    ]);
  });

  it('keeps a person while any case naming them is open, permanent or still in its period', () => {
    const old = closed('C1', '2020-03-15T10:00:00+08:00', ['person-a', 'person-b', 'person-c', 'person-d']);
    const due = subjectsDue(
      [
        old,
        closed('C2', undefined, ['person-b']),
        closed('C3', '2021-01-01T10:00:00+08:00', ['person-c'], permanent),
        closed('C4', '2035-01-01T10:00:00+08:00', ['person-d']),
      ],
      now,
    );
    expect(due.map((d) => d.subject)).toEqual(['person-a']);
    // The order of the cases does not matter: an open case seen first keeps the person as well.
    expect(subjectsDue([closed('C2', undefined, ['person-b']), old], now).map((d) => d.subject)).toEqual([
      'person-a',
      'person-c',
      'person-d',
    ]);
  });

  it('is not due on the last day of the period, and is at its end', () => {
    const file = [closed('C1', '2026-03-15T10:00:00+08:00', ['person-a'])];
    expect(subjectsDue(file, '2036-12-31T23:59:59+08:00')).toEqual([]);
    expect(subjectsDue(file, '2037-01-01T00:00:00+08:00')).toHaveLength(1);
  });

  it('keeps whom the caller saw outside any case', () => {
    const file = [closed('C1', '2026-03-15T10:00:00+08:00', ['person-a', 'user-b'])];
    expect(subjectsDue(file, now, { keptRegardless: new Set(['user-b']) }).map((d) => d.subject)).toEqual([
      'person-a',
    ]);
  });

  it('records why in words with case numbers and dates, and nothing of the person', () => {
    const [due] = subjectsDue([closed('20260315-ABCDEF', '2026-03-15T10:00:00+08:00', ['person-a'])], now);
    const reason = retentionErasureReason(due!);
    expect(reason).toContain('第四十七条第一款第二项');
    expect(reason).toContain('案件 20260315-ABCDEF（事项 ITEM-1）2026-03-15 办结，保存期限 2037-01-01 届满');
    expect(reason).not.toContain('person-a');
  });
});
