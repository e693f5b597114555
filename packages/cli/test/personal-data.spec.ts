import { join } from 'node:path';
import { DocketClient, desks, submit } from '@docket/e2e';
import { startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesHolding } from './data-files';
import { docket } from './run-docket';

const subject = {
  type: 'person',
  name: '测试删除人甲',
  idType: 'resident_id',
  idNumber: '110101199003016517',
  phone: '13977120465',
  address: '北京市东城区测试删除路17号',
} as const;
const VALUES = [subject.name, subject.idNumber, subject.phone, subject.address];

/** `docket personal-data` on a stopped docket's data directory (PIPL Art. 47). */
describe('docket personal-data', () => {
  const root = tempDir('docket-cli-personal-data-');
  const dataDir = join(root.path, 'data');
  const env = { DOCKET_PERSONAL_DATA_KEY_DIR: join(root.path, 'personal-data-keys') };
  let caseNo: string;
  let other: string;

  beforeAll(async () => {
    const running = await startEmbedded({
      dataDir,
      checkpointKeyDir: join(root.path, 'keys'),
      personalDataKeyDir: env.DOCKET_PERSONAL_DATA_KEY_DIR,
      port: 0,
      logger: silentLogger,
      checkpointEveryEvents: 0,
      checkpointEveryMs: 0,
    });
    const d = desks(new DocketClient(running.url));
    ({ caseNo } = await submit(d.clerk, { applicant: subject }));
    ({ caseNo: other } = await submit(d.clerk));
    await running.settled();
    await running.close();
  });
  afterAll(() => root.cleanup());

  it('lists the subjects of a case by reference, with their fields', () => {
    const run = docket(dataDir, ['personal-data', 'subjects', caseNo], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/person-[0-9a-f]{32}\s+kept\s+ApplicationSubmitted data\.applicant\.name/);
    for (const value of VALUES) expect(run.stdout).not.toContain(value);
  });

  it('erases a subject: recorded, the read models rebuilt without the values, the ledger verifies', () => {
    for (const value of VALUES) expect(filesHolding(dataDir, value), value).not.toEqual([]);
    const refused = docket(dataDir, ['personal-data', 'erase', '--id', `resident_id:${subject.idNumber}`], {
      env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--legal-basis/);

    const run = docket(
      dataDir,
      [
        'personal-data',
        'erase',
        '--id',
        `resident_id:${subject.idNumber}`,
        '--legal-basis',
        'retention_ended',
        '--reason',
        '档案保管期限届满',
        '--by',
        '管理员',
      ],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/erased person-[0-9a-f]{32}: 1 key destroyed/);
    expect(run.stdout).toMatch(/rebuilt \d+ read models/);
    for (const value of VALUES) expect(filesHolding(dataDir, value), value).toEqual([]);

    expect(docket(dataDir, ['verify'], { env })).toMatchObject({ code: 0 });
    const history = docket(dataDir, ['history', caseNo, '--json'], { env });
    expect(history.code, history.stderr).toBe(0);
    const exported = docket(dataDir, ['export', caseNo], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('〔已删除〕');
    for (const value of VALUES) expect(exported.stdout).not.toContain(value);
    const listed = docket(dataDir, ['personal-data', 'subjects', caseNo], { env });
    expect(listed.stdout).toMatch(/erased key [0-9a-f]{8}…\)\s+destroyed/);
    // The other case (a company) is as it was.
    expect(docket(dataDir, ['export', other], { env }).stdout).toContain('上海小笼包餐饮有限公司');
  });
});
