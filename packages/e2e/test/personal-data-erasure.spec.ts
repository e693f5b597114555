import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  checkCaseExport,
  exportCase,
  trustedKeysFromPem,
  verifyCaseExportProofs,
  verifyCheckpointDirectory,
} from '@docket/audit';
import { intake, review } from '@docket/contracts';
import { ERASED } from '@docket/domain';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { openDataDirVault, type PersonalDataVault, valueKeysOf } from '@docket/personal-data';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allFoodMaterials,
  certificateFor,
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  filesHolding,
  resultReady,
  reviewOpened,
  step,
  submit,
  until,
} from '../src';

/** Values that cannot turn up by chance anywhere but where this test put them. */
const subject = {
  type: 'person',
  name: '测试删除人甲',
  idType: 'resident_id',
  idNumber: '110101199003016517',
  phone: '13977120465',
  address: '北京市东城区测试删除路17号',
} as const;
const kept = {
  type: 'person',
  name: '测试保留人乙',
  idType: 'resident_id',
  idNumber: '110101198505051238',
  phone: '13977120499',
  address: '北京市西城区测试保留路9号',
} as const;
const ERASED_VALUES = [subject.name, subject.idNumber, subject.phone, subject.address];
const KEPT_VALUES = [kept.name, kept.idNumber, kept.phone, kept.address];
const CLI = resolve(__dirname, '../../cli/dist/main.js');

interface CaseView {
  applicant: { name: string; idNumber: string; phone: string; address?: string };
}

/**
 * 删除个人信息 (PIPL Art. 47) on the real embedded docket: the ledger never holds the personal values
 * (sealed with the subject's key, kept outside the data directory); erasing the subject destroys the key,
 * every read model is rebuilt without the values, the ledger and its signed checkpoints verify as before,
 * and no file of the data directory holds any of the values any more. Another applicant keeps theirs.
 */
describe('erasing a data subject’s personal data (crypto-shredding)', () => {
  let root: ReturnType<typeof tempDir>;
  let dataDir: string;
  let keyDir: string;
  let docket: Embedded;
  let d: Desks;
  let decided: string;
  let waiting: string;
  let other: string;
  let complaint: string;

  const env = () => ({
    ...process.env,
    DOCKET_PERSONAL_DATA_KEY_DIR: keyDir,
    DOCKET_CHECKPOINT_KEY_DIR: join(root.path, 'checkpoint-keys'),
  });

  beforeAll(async () => {
    root = tempDir('docket-e2e-erasure-');
    dataDir = join(root.path, 'data');
    keyDir = join(root.path, 'personal-data-keys');
    docket = await startEmbedded({
      dataDir,
      port: 0,
      logger: silentLogger,
      personalDataKeyDir: keyDir,
      checkpointKeyDir: join(root.path, 'checkpoint-keys'),
      checkpointEveryEvents: 0,
      checkpointEveryMs: 0,
    });
    d = desks(new DocketClient(docket.url));
    // Two applications of the subject: one taken through review to its delivery, one left waiting.
    decided = (await submit(d.clerk, { applicant: subject })).caseNo;
    waiting = (await submit(d.clerk, { applicant: subject })).caseNo;
    other = (await submit(d.clerk, { applicant: kept })).caseNo;
    expectStatus('accept', await d.clerk.call(intake.accept, { params: { caseNo: decided }, body: {} }), 200);
    await reviewOpened(d.officer, decided);
    await step(d.officer, decided, 0, 'pass', '材料齐全');
    await step(d.reviewer, decided, 1, 'pass', '同意');
    expectStatus(
      'decide',
      await d.head.call(review.decide, {
        params: { caseNo: decided },
        body: { outcome: 'approved', opinion: '准予许可', certificate: certificateFor(decided) },
      }),
      200,
    );
    await resultReady(d.clerk, decided);
    expectStatus(
      'deliver',
      await d.clerk.call(intake.deliver, {
        params: { caseNo: decided },
        body: { method: 'window_pickup', recipient: { name: subject.name, relation: 'applicant' } },
      }),
      200,
    );
    // A complaint about it, taken down by phone with the subject's name and number.
    const complained = await d.monitor.post<{ id: string }>('/api/supervision/complaints', {
      channel: 'phone',
      type: 'delay',
      subject: { caseNo: decided },
      complainant: { name: subject.name, phone: subject.phone },
      content: '办理过程中多次往返',
    });
    complaint = expectStatus('complain', complained, 201).body.id;
    expect(allFoodMaterials.length).toBeGreaterThan(0);
    await docket.settled();
  }, 120_000);

  afterAll(async () => {
    await docket?.close();
    root?.cleanup();
  });

  it('keeps the values out of the ledger, its checkpoints and the key directory: only read models hold them', async () => {
    const signed = await d.admin.post('/api/audit/checkpoints', {});
    expectStatus('sign', signed, 201);
    const values = [...ERASED_VALUES, ...KEPT_VALUES];
    const inData = filesHolding(dataDir, values);
    const inKeys = filesHolding(keyDir, values);
    for (const value of values) {
      expect(inData[value]?.length, `${value} is in some read model`).toBeGreaterThan(0);
      expect(
        inData[value]?.filter((path) => !/\.read\.db(-wal|-shm)?$/.test(path)),
        value,
      ).toEqual([]);
      expect(inKeys[value], value).toEqual([]);
    }
    const view = await d.clerk.call(intake.case, { params: { caseNo: decided } });
    expect((expectStatus('case', view, 200).body as unknown as CaseView).applicant).toMatchObject({
      name: subject.name,
      idNumber: subject.idNumber,
    });
  });

  it('erases the subject: the ledger and its checkpoints verify, every read model and export shows 〔已删除〕, no file holds a value', async () => {
    // The docket's own ledger: a second connection opened in this process would drop the docket's SQLite
    // locks (event-store reads a ledger's header with a plain file handle), and the command line's process
    // could then take the log from under it.
    const ledger = docket.ledger;
    {
      const before = await ledger.verify();
      expect(before.ok).toBe(true);
      // Over HTTP, as the centre's administrator: the applicant, by ID document.
      const refused = await d.auditor.post('/api/audit/personal-data/erasures', {
        subject: { idType: subject.idType, idNumber: subject.idNumber },
        legalBasis: 'subject_request',
        reason: '本人书面申请删除（申请编号 SQ-2026-0001）',
      });
      expectStatus('an auditor may not erase', refused, 403);
      const erased = await d.admin.post<{ subject: string; keysDestroyed: number; position: string }>(
        '/api/audit/personal-data/erasures',
        {
          subject: { idType: subject.idType, idNumber: subject.idNumber },
          legalBasis: 'subject_request',
          reason: '本人书面申请删除（申请编号 SQ-2026-0001）',
        },
        { idempotencyKey: 'erase-1' },
      );
      expect(expectStatus('erase', erased, 201).body).toMatchObject({ keysDestroyed: 1 });
      expect(erased.body.subject).toMatch(/^person-[0-9a-f]{32}$/);
      // A retry (the answer was lost) is answered with the first erasure, recorded once.
      const retried = await d.admin.post<{ position: string; keysDestroyed: number; replayed: boolean }>(
        '/api/audit/personal-data/erasures',
        {
          subject: { idType: subject.idType, idNumber: subject.idNumber },
          legalBasis: 'subject_request',
          reason: '本人书面申请删除（申请编号 SQ-2026-0001）',
        },
        { idempotencyKey: 'erase-1' },
      );
      expect(expectStatus('retry', retried, 201).body).toMatchObject({
        position: erased.body.position,
        keysDestroyed: 1,
        replayed: true,
      });
      expect(await ledger.readStream(`personal-data-${erased.body.subject}`)).toHaveLength(2);
      // From the command line, on the running docket's data directory: the complainant, by name and phone.
      const cli = spawnSync(
        process.execPath,
        [
          CLI,
          'personal-data',
          'erase',
          '--contact',
          `${subject.name}:${subject.phone}`,
          '--legal-basis',
          'subject_request',
          '--reason',
          '本人书面申请删除（申请编号 SQ-2026-0001）',
          '--data-dir',
          dataDir,
        ],
        { encoding: 'utf8', env: env(), timeout: 60_000 },
      );
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/erased contact-[0-9a-f]{32}: 1 key destroyed/);
      expect(cli.stdout).toMatch(/docket is running/);
      await until('both erasures recorded and seen', async () => {
        const events = await ledger.readAll({ filter: { eventTypes: ['PersonalDataErased'] } });
        return events.length === 2 ? true : undefined;
      });
      await docket.settled();

      // The ledger and its signed checkpoint verify as before: they cover only ciphertext.
      const after = await ledger.verify();
      expect(after.ok).toBe(true);
      if (before.ok && after.ok) expect(after.count).toBeGreaterThan(before.count);
      const listed = await d.auditor.get<{ keys: { publicKeyPem: string }[] }>('/api/audit/checkpoints');
      const trusted = trustedKeysFromPem(listed.body.keys.map((k) => k.publicKeyPem));
      expect(await verifyCheckpointDirectory(ledger, join(dataDir, 'checkpoints'), trusted)).toMatchObject({
        ok: true,
      });

      // Every read model rebuilt: the case views, the search, the complaint.
      for (const caseNo of [decided, waiting]) {
        const view = await d.clerk.call(intake.case, { params: { caseNo } });
        expect((expectStatus('case', view, 200).body as unknown as CaseView).applicant, caseNo).toMatchObject(
          {
            name: ERASED,
            idNumber: ERASED,
            phone: ERASED,
            address: ERASED,
          },
        );
      }
      const found = await d.clerk.call(intake.cases, { query: { applicantNamePrefix: '测试删除' } });
      expect((expectStatus('search', found, 200).body as { total: number }).total).toBe(0);
      const complaintView = await d.monitor.get<{
        complaint: { complainant: { name: string; phone: string } };
      }>(`/api/supervision/complaints/${complaint}`);
      expect(complaintView.body.complaint.complainant).toMatchObject({ name: ERASED, phone: ERASED });

      // The audit export shows the marker, and checks: in full with value keys, and over HTTP.
      const vault: PersonalDataVault = openDataDirVault(dataDir, { keyDir });
      try {
        const file = JSON.parse(
          JSON.stringify(
            await exportCase(docket.ledger, decided, { valueKeys: (e) => valueKeysOf(vault, e) }),
          ),
        );
        expect(checkCaseExport(file)).toMatchObject({ ok: true });
        expect(JSON.stringify(file)).toContain(ERASED);
        for (const value of ERASED_VALUES) expect(JSON.stringify(file), value).not.toContain(value);
      } finally {
        vault.close();
      }
      const exported = await d.auditor.get<Parameters<typeof verifyCaseExportProofs>[0]>(
        `/api/audit/cases/${decided}/export`,
      );
      const text = JSON.stringify(expectStatus('export', exported, 200).body);
      expect(text).toContain(ERASED);
      for (const value of ERASED_VALUES) expect(text, value).not.toContain(value);
      expect(verifyCaseExportProofs(exported.body, trusted, { checkContent: false })).toMatchObject({
        ok: true,
      });

      // No file of the data directory (ledger, read models, their logs, checkpoints) holds any value.
      const left = filesHolding(dataDir, [...ERASED_VALUES, ...KEPT_VALUES]);
      for (const value of ERASED_VALUES) expect(left[value], value).toEqual([]);
      // The other applicant is untouched.
      const otherView = await d.clerk.call(intake.case, { params: { caseNo: other } });
      expect((expectStatus('other', otherView, 200).body as unknown as CaseView).applicant).toMatchObject({
        name: kept.name,
        idNumber: kept.idNumber,
        phone: kept.phone,
      });
      for (const value of KEPT_VALUES) expect(left[value]?.length, value).toBeGreaterThan(0);
    }
  }, 120_000);
});
