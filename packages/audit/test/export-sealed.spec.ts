import { join } from 'node:path';
import { ERASED } from '@docket/domain';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { openVault, type PersonalDataVault, sealedLedger, valueKeysOf } from '@docket/personal-data';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CaseExport, checkCaseExport, exportCase } from '../src/export';

const AT = '2026-03-02T01:00:00.000+08:00';
const clerk = { id: 'u-clerk', name: '王窗口', roles: ['clerk'], department: 'W-1' };
const applicant = {
  type: 'person',
  name: '测试删除人甲',
  idType: 'resident_id',
  idNumber: '110101199003076517',
  phone: '13977120465',
};

/** The audit file of a ledger whose personal data is sealed (packages/personal-data). */
describe('exporting a case whose personal data is sealed', () => {
  let dir: ReturnType<typeof tempDir>;
  let vault: PersonalDataVault;
  let ledger: EventStore;
  const exported = async (withKeys = true): Promise<CaseExport> =>
    JSON.parse(
      JSON.stringify(
        await exportCase(ledger, 'C1', withKeys ? { valueKeys: (e) => valueKeysOf(vault, e) } : {}),
      ),
    );

  beforeEach(async () => {
    dir = tempDir('docket-audit-sealed-');
    vault = openVault({ path: join(dir.path, 'v.vault.db'), kekPath: join(dir.path, 'v.kek') });
    ledger = sealedLedger(openSqliteLedger({ path: join(dir.path, 'ledger.db') }), vault);
    await ledger.appendToStream('application-C1', [
      {
        type: 'ApplicationSubmitted',
        data: { caseNo: 'C1', applicant },
        occurredAt: AT,
        actor: clerk,
        correlationId: 'C1',
      },
      { type: 'ApplicationAccepted', data: { at: AT }, occurredAt: AT, actor: clerk, correlationId: 'C1' },
    ]);
  });
  afterEach(async () => {
    await ledger.close();
    vault.close();
    dir.cleanup();
  });

  it('shows the values, records and hashes the sealed form, and proves each value with its own key', async () => {
    const file = await exported();
    const [submitted] = file.events;
    expect(submitted?.data).toMatchObject({ applicant });
    expect(submitted?.record).not.toContain('测试删除人甲');
    expect(submitted?.record).toContain('sealed:v1:aes-256-gcm:');
    expect(checkCaseExport(file)).toEqual({ ok: true, count: 2 });

    const forged = structuredClone(file);
    (forged.events[0]!.data as { applicant: { name: string } }).applicant.name = '李四';
    expect(checkCaseExport(forged)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/otherwise than sealed/),
    });
    const unproven = structuredClone(file);
    delete unproven.events[0]!.valueKeys;
    expect(checkCaseExport(unproven)).toMatchObject({ ok: false });
  });

  it('after the applicant’s erasure shows 〔已删除〕, and the file still checks', async () => {
    await vault.erase(
      vault.subjectRef({ kind: 'person', idType: 'resident_id', idNumber: applicant.idNumber }),
    );
    const file = await exported();
    expect(file.events[0]?.data).toMatchObject({
      applicant: { name: ERASED, idNumber: ERASED, phone: ERASED, idType: 'resident_id' },
    });
    expect(file.events[0]?.valueKeys).toBeUndefined();
    expect(checkCaseExport(file)).toEqual({ ok: true, count: 2 });
    expect(JSON.stringify(file)).not.toContain('测试删除人甲');
  });
});
