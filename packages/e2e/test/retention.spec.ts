import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { intake } from '@docket/contracts';
import { ERASED } from '@docket/domain';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desks, DocketClient, desks, expectStatus, filesHolding, submit, until } from '../src';

const person = (name: string, idNumber: string, phone: string) =>
  ({ type: 'person', name, idType: 'resident_id', idNumber, phone, address: `${name}的测试住址` }) as const;
/** Withdrew their one application: due once its period has ended. */
const gone = person('测试期满人甲', '110101199001061234', '13977120401');
/** Withdrew one application, and another is still open: kept. */
const stays = person('测试在办人乙', '110101198501201235', '13977120402');
const valuesOf = (p: typeof gone) => [p.name, p.idNumber, p.phone, p.address];
const CLI = resolve(__dirname, '../../cli/dist/main.js');
/** The advance the development clock takes in one call (/api/dev/time/advance: about ten years). */
const MAX_ADVANCE_MINUTES = 5_256_000;

interface CaseView {
  applicant: { name: string; idNumber: string };
}

/**
 * 保存期限届满 (PIPL Art. 47 para. 1 item 2) on the real embedded docket: the audit service's sweep erases,
 * as the system and on that basis, the person whose every case has closed and passed its item's retention
 * (the demo items name none: 定期30年 from 1 January after the closing), rebuilds the read models without
 * them, and keeps a person with a case still open. Domain time is moved forward 31 years.
 */
describe('personal data erased when its retention ends', () => {
  let root: ReturnType<typeof tempDir>;
  let dataDir: string;
  let docket: Embedded;
  let d: Desks;
  let goneCase: string;
  let staysClosed: string;
  let staysOpen: string;
  const env = () => ({
    ...process.env,
    DOCKET_PERSONAL_DATA_KEY_DIR: join(root.path, 'personal-data-keys'),
    DOCKET_CHECKPOINT_KEY_DIR: join(root.path, 'checkpoint-keys'),
  });
  const withdraw = async (caseNo: string) =>
    expectStatus(
      'withdraw',
      await d.clerk.call(intake.withdraw, { params: { caseNo }, body: { reason: '申请人撤回' } }),
      200,
    );
  const applicantOf = async (caseNo: string) =>
    (
      expectStatus('case', await d.clerk.call(intake.case, { params: { caseNo } }), 200)
        .body as unknown as CaseView
    ).applicant;

  beforeAll(async () => {
    root = tempDir('docket-e2e-retention-');
    dataDir = join(root.path, 'data');
    docket = await startEmbedded({
      dataDir,
      port: 0,
      logger: silentLogger,
      personalDataKeyDir: env().DOCKET_PERSONAL_DATA_KEY_DIR,
      checkpointKeyDir: env().DOCKET_CHECKPOINT_KEY_DIR,
      checkpointEveryEvents: 0,
      checkpointEveryMs: 0,
      retentionSweepMs: 200,
    });
    d = desks(new DocketClient(docket.url));
    goneCase = (await submit(d.clerk, { applicant: gone })).caseNo;
    staysClosed = (await submit(d.clerk, { applicant: stays })).caseNo;
    staysOpen = (await submit(d.clerk, { applicant: stays })).caseNo;
    await withdraw(goneCase);
    await withdraw(staysClosed);
    await docket.settled();
  }, 120_000);

  afterAll(async () => {
    await docket?.close();
    root?.cleanup();
  });

  const erasures = () => docket.ledger.readAll({ filter: { eventTypes: ['PersonalDataErasureOrdered'] } });

  it('erases no one while the periods run: the sweep runs and finds no one due', async () => {
    // Several sweeps (every 200 ms) have run by now.
    await new Promise((done) => setTimeout(done, 1_000));
    expect(await erasures()).toEqual([]);
    const listed = spawnSync(process.execPath, [CLI, 'personal-data', 'retention', '--data-dir', dataDir], {
      encoding: 'utf8',
      env: env(),
      timeout: 60_000,
    });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/no personal data is due for erasure/);
    // Who will be due when the period of the withdrawn cases has ended (1 January, 30 years after next).
    const year = new Date().getFullYear() + 31;
    const then = spawnSync(
      process.execPath,
      [CLI, 'personal-data', 'retention', '--as-of', `${year}-01-01T00:00:00+08:00`, '--data-dir', dataDir],
      { encoding: 'utf8', env: env(), timeout: 60_000 },
    );
    expect(then.status, then.stderr).toBe(0);
    expect(then.stdout).toMatch(
      new RegExp(`person-[0-9a-f]{32}\\s+${year}-01-01T00:00:00\\+08:00\\s+${goneCase}`),
    );
    expect(then.stdout).not.toContain(staysClosed);
    expect(then.stdout).toMatch(/1 subject\(s\) due/);
  });

  it('31 years on: the system erases the person whose every case has ended, keeps the one with an open case, and no file holds the erased values', async () => {
    for (let moved = 0; moved < 31 * 365.25 * 24 * 60; moved += MAX_ADVANCE_MINUTES)
      expectStatus(
        'advance time',
        await d.admin.post('/api/dev/time/advance', {
          minutes: Math.min(MAX_ADVANCE_MINUTES, Math.ceil(31 * 365.25 * 24 * 60) - moved),
        }),
        200,
      );
    const [ordered] = await until('the retention erasure recorded', async () => {
      const recorded = await docket.ledger.readAll({ filter: { eventTypes: ['PersonalDataErased'] } });
      return recorded.length > 0 ? erasures() : undefined;
    });
    expect(ordered!.data).toMatchObject({
      legalBasis: 'retention_ended',
      by: { id: 'system:audit' },
      reason: expect.stringContaining(`案件 ${goneCase}`),
    });
    await docket.settled();
    expect(await erasures()).toHaveLength(1);
    await until('the read models rebuilt without the values', async () =>
      (await applicantOf(goneCase)).name === ERASED ? true : undefined,
    );
    expect(await applicantOf(staysClosed)).toMatchObject({ name: stays.name, idNumber: stays.idNumber });
    expect(await applicantOf(staysOpen)).toMatchObject({ name: stays.name });
    expect(await docket.ledger.verify()).toMatchObject({ ok: true });
    await until('no file holds an erased value', async () => {
      const found = filesHolding(dataDir, [...valuesOf(gone), ...valuesOf(stays)]);
      return valuesOf(gone).every((value) => found[value]?.length === 0) ? found : undefined;
    }).then((found) => {
      for (const value of valuesOf(stays)) expect(found[value]?.length, value).toBeGreaterThan(0);
    });
  });
});
