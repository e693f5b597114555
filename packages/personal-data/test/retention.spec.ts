import { join } from 'node:path';
import { ERASED, type Retention, systemActor } from '@docket/domain';
import { type EventStore, type NewEvent, openSqliteLedger, type SqliteEventStore } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ledgerErasureRunner,
  namedSince,
  openVault,
  type PersonalDataVault,
  retentionDue,
  scanRetention,
  sealedLedger,
  sweepRetention,
} from '../src';

const clerk = { id: 'u-clerk-wang', name: '王窗口', roles: ['clerk'], department: 'W-1' };
const person = (name: string, idNumber: string) => ({
  type: 'person',
  name,
  idType: 'resident_id',
  idNumber,
  phone: '13977120465',
});
const ALICE = person('测试留存人甲', '110101199003076517');
const BOB = person('测试留存人乙', '110101198807071234');
const CAROL = person('测试留存人丙', '110101197505051111');
const tenYears: Retention = { kind: 'years', years: 10, basis: '本中心保管期限表 第3项' };
const permanent: Retention = { kind: 'permanent', basis: '本中心保管期限表 第1项' };

const event = (caseNo: string, type: string, data: object, at: string): NewEvent => ({
  type,
  data: { ...data, at },
  occurredAt: at,
  actor: clerk,
  correlationId: caseNo,
});
const submitted = (caseNo: string, who: unknown, at: string, retention?: Retention) =>
  event(
    caseNo,
    'ApplicationSubmitted',
    { caseNo, item: { code: 'ITEM-1', ...(retention ? { retention } : {}) }, applicant: who },
    at,
  );

describe('erasing what retention no longer keeps (PIPL Art. 47 para. 1 item 2)', () => {
  let dir: ReturnType<typeof tempDir>;
  let inner: SqliteEventStore;
  let vault: PersonalDataVault;
  let ledger: EventStore;
  const subjectOf = (who: { idType: string; idNumber: string }) =>
    vault.subjectRef({ kind: 'person', idType: who.idType, idNumber: who.idNumber });
  const append = (caseNo: string, ...events: NewEvent[]) =>
    ledger.appendToStream(`application-${caseNo}`, events);
  const applicantName = async (caseNo: string) =>
    ((await ledger.readStream(`application-${caseNo}`))[0]!.data as { applicant: { name: string } }).applicant
      .name;

  beforeEach(async () => {
    dir = tempDir('docket-retention-');
    inner = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    vault = openVault({
      path: join(dir.path, 'keys', 'v.vault.db'),
      kekPath: join(dir.path, 'keys', 'v.kek'),
    });
    ledger = sealedLedger(inner, vault);
    // Alice: a case closed in 2026 (10 years) and one still open. Bob: withdrawn in 2026 (10 years).
    // Carol: a permanent item. A complaint about the centre names Dan outside any case.
    await append('C1', submitted('C1', ALICE, '2026-03-02T09:00:00+08:00', tenYears));
    await append(
      'C1',
      event('C1', 'ResultDelivered', { recipient: { name: ALICE.name } }, '2026-04-01T09:00:00+08:00'),
    );
    await append('C2', submitted('C2', ALICE, '2026-05-06T09:00:00+08:00'));
    await append('C3', submitted('C3', BOB, '2026-05-06T10:00:00+08:00', tenYears));
    await append(
      'C3',
      event('C3', 'ApplicationWithdrawn', { resultCode: 'withdrawn' }, '2026-06-01T09:00:00+08:00'),
    );
    await append('C4', submitted('C4', CAROL, '2026-05-06T11:00:00+08:00', permanent));
    await append(
      'C4',
      event('C4', 'ApplicationDeclined', { resultCode: 'declined' }, '2026-05-07T09:00:00+08:00'),
    );
    await ledger.appendToStream('complaint-K1', [
      {
        type: 'ComplaintSubmitted',
        data: { id: 'K1', complainant: { name: '测试投诉人丁', phone: '13977120468' }, content: '大厅太吵' },
        occurredAt: '2026-05-08T09:00:00+08:00',
        actor: clerk,
      },
    ]);
  });
  afterEach(async () => {
    await ledger.close();
    vault.close();
    dir.cleanup();
  });

  it('finds whom every case has stopped keeping: not a person with an open case, a permanent one, or outside any case', async () => {
    const scan = await scanRetention(ledger, vault);
    expect(scan.events).toBe(8);
    expect(scan.cases.find((c) => c.caseNo === 'C2')?.closedAt).toBeUndefined();
    expect(scan.outsideCases.size).toBe(1);
    const due = retentionDue(scan, '2040-06-01T00:00:00+08:00');
    expect(due.map((d) => d.subject)).toEqual([subjectOf(BOB)]);
    expect(due[0]).toMatchObject({ keptUntil: '2037-01-01T00:00:00+08:00', cases: [{ caseNo: 'C3' }] });
    // Not a day early.
    expect(retentionDue(scan, '2036-12-31T23:59:00+08:00')).toEqual([]);
  });

  it('keeps a person while their last case is in its period, then lets them go at its end', async () => {
    await append(
      'C2',
      event('C2', 'ApplicationDeclined', { resultCode: 'declined' }, '2027-01-05T09:00:00+08:00'),
    );
    const scan = await scanRetention(ledger, vault);
    // C2 names no period: the default, 定期30年, from 1 January 2028.
    expect(retentionDue(scan, '2057-12-31T23:00:00+08:00').map((d) => d.subject)).toEqual([subjectOf(BOB)]);
    const due = retentionDue(scan, '2058-01-01T00:00:00+08:00');
    expect(due.map((d) => d.subject).sort()).toEqual([subjectOf(ALICE), subjectOf(BOB)].sort());
    expect(due.find((d) => d.subject === subjectOf(ALICE))).toMatchObject({
      keptUntil: '2058-01-01T00:00:00+08:00',
      cases: [{ caseNo: 'C1' }, { caseNo: 'C2' }],
    });
  });

  it('erases as the system, with the reason recorded, and leaves the chain and everyone else as they were', async () => {
    const run = ledgerErasureRunner(ledger, systemActor('audit'), () => '2040-06-01T00:00:00+08:00');
    const sweep = await sweepRetention({ ledger, vault, now: '2040-06-01T00:00:00+08:00', run });
    expect(sweep.erased.map((e) => e.subject)).toEqual([subjectOf(BOB)]);
    expect(sweep.erased[0]).toMatchObject({ keysDestroyed: 1, purged: true });
    expect(await applicantName('C3')).toBe(ERASED);
    expect(await applicantName('C1')).toBe(ALICE.name);
    expect(await applicantName('C4')).toBe(CAROL.name);
    const [ordered, erased] = await ledger.readStream(`personal-data-${subjectOf(BOB)}`);
    expect(ordered!.data).toMatchObject({
      legalBasis: 'retention_ended',
      by: { id: 'system:audit' },
      reason: expect.stringContaining('案件 C3（事项 ITEM-1）2026-06-01 办结，保存期限 2037-01-01 届满'),
    });
    expect(erased!.type).toBe('PersonalDataErased');
    expect(await ledger.verify()).toMatchObject({ ok: true });
    // A second sweep finds no one left to erase: Bob's key is gone, his events name no one.
    expect((await sweepRetention({ ledger, vault, now: '2040-06-02T00:00:00+08:00', run })).erased).toEqual(
      [],
    );
  });

  it('keeps a person who applied again after the scan', async () => {
    const scan = await scanRetention(ledger, vault);
    expect(retentionDue(scan, '2040-06-01T00:00:00+08:00').map((d) => d.subject)).toEqual([subjectOf(BOB)]);
    await append('C9', submitted('C9', BOB, '2040-06-01T09:00:00+08:00'));
    expect(await namedSince(ledger, vault, scan.upTo)).toEqual(new Set([subjectOf(BOB)]));
  });
});
