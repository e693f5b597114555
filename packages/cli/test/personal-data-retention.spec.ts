import { join } from 'node:path';
import { intake } from '@docket/contracts';
import { DocketClient, desks, expectStatus, submit } from '@docket/e2e';
import { startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesHolding } from './data-files';
import { docket } from './run-docket';

const applicant = {
  type: 'person',
  name: '测试期满人丙',
  idType: 'resident_id',
  idNumber: '110101197002201236',
  phone: '13977120403',
  address: '北京市东城区测试期满路3号',
} as const;
const VALUES = [applicant.name, applicant.idNumber, applicant.phone, applicant.address];
const YEAR_MS = 365.25 * 24 * 3600_000;

/**
 * `docket personal-data retention` on a stopped docket's data directory: who retention no longer keeps
 * (PIPL Art. 47 para. 1 item 2), and `--apply` to erase them by hand, for a deployment that sweeps
 * nothing itself (DOCKET_RETENTION_SWEEP_MS=0). "Now" is the data directory's domain time.
 */
describe('docket personal-data retention', () => {
  const root = tempDir('docket-cli-retention-');
  const dataDir = join(root.path, 'data');
  const env = { DOCKET_PERSONAL_DATA_KEY_DIR: join(root.path, 'personal-data-keys') };
  let caseNo: string;

  beforeAll(async () => {
    const running = await startEmbedded({
      dataDir,
      checkpointKeyDir: join(root.path, 'keys'),
      personalDataKeyDir: env.DOCKET_PERSONAL_DATA_KEY_DIR,
      port: 0,
      logger: silentLogger,
      checkpointEveryEvents: 0,
      checkpointEveryMs: 0,
      retentionSweepMs: 0,
    });
    const d = desks(new DocketClient(running.url));
    ({ caseNo } = await submit(d.clerk, { applicant }));
    expectStatus(
      'withdraw',
      await d.clerk.call(intake.withdraw, { params: { caseNo }, body: { reason: '申请人书面撤回' } }),
      200,
    );
    await running.settled();
    // 定期30年 from 1 January after the withdrawal: 32 years on it has surely ended.
    running.clock.advance(32 * YEAR_MS);
    await running.close();
  });
  afterAll(() => root.cleanup());

  it('lists who is due, with the case and the end of its period; nothing is erased without --apply', () => {
    const run = docket(dataDir, ['personal-data', 'retention'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`person-[0-9a-f]{32}\\s+\\d{4}-01-01T00:00:00\\+08:00\\s+${caseNo}`),
    );
    expect(run.stdout).toMatch(/1 subject\(s\) due/);
    for (const value of VALUES) expect(run.stdout).not.toContain(value);
    expect(filesHolding(dataDir, applicant.name)).not.toEqual([]);
  });

  it('refuses --apply with --as-of (a retention that has not ended is not recorded as ended), and a bad instant', () => {
    const both = docket(
      dataDir,
      ['personal-data', 'retention', '--apply', '--as-of', '2099-01-01T00:00:00Z'],
      {
        env,
      },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--as-of/);
    expect(docket(dataDir, ['personal-data', 'retention', '--as-of', 'next year'], { env }).code).toBe(2);
  });

  it('--apply erases them: recorded on the basis retention_ended, read models rebuilt, no file holds a value', () => {
    const run = docket(dataDir, ['personal-data', 'retention', '--apply', '--by', '管理员'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/erased person-[0-9a-f]{32}: 1 key\(s\) destroyed/);
    expect(run.stdout).toMatch(/rebuilt \d+ read models/);
    for (const value of VALUES) expect(filesHolding(dataDir, value), value).toEqual([]);
    expect(docket(dataDir, ['verify'], { env })).toMatchObject({ code: 0 });
    const exported = docket(dataDir, ['export', caseNo], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('〔已删除〕');
    // Done: a second look finds no one.
    expect(docket(dataDir, ['personal-data', 'retention', '--apply'], { env }).stdout).toMatch(
      /no personal data is due/,
    );
  });
});
