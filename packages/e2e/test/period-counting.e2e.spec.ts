import { startEmbedded } from '@docket/embedded';
import { adjustableClock, silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, type Desk, type Desks, DocketClient, desks, expectStatus, submit, until } from '../src';

interface CaseClock {
  caseNo: string;
  clock: { status: string; deadlines?: { promised: string; statutory: string } };
}

/**
 * How the law counts a period, through HTTP: 民法典 Art. 201 (按照日计算期间的，开始的当日不计入，自下一日开始
 * 计算) and 行政许可法 Art. 82 (期限以工作日计算，不含法定节假日). A case accepted on a Saturday, on a statutory
 * holiday or on a weekday evening after office hours is due on the N-th working day after that day: the
 * clock route answers with the deadlines the law gives, not one working day more. The demo's food licence
 * promises 10 working days, the law allows 20; office hours close at 17:30 (Asia/Shanghai, 2026 schedule).
 */
describe('counting a period from a day off or an evening (embedded)', () => {
  let docket: Awaited<ReturnType<typeof startEmbedded>>;
  let dir: ReturnType<typeof tempDir>;
  let d: Desks;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-period-');
    // Domain time starts on Saturday 7 March 2026 at 10:00 and is moved forward with /api/dev/time/advance.
    const clock = adjustableClock('Asia/Shanghai', Date.parse('2026-03-07T10:00:00+08:00') - Date.now());
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, clock });
    d = desks(new DocketClient(docket.url));
  });

  afterAll(async () => {
    await docket.close();
    dir.cleanup();
  });

  const moveTimeTo = async (admin: Desk, instant: string) => {
    const now = (await admin.get<{ now: string }>('/api/dev/time')).body.now;
    const minutes = Math.ceil((Date.parse(instant) - Date.parse(now)) / 60_000);
    expect(minutes).toBeGreaterThan(0);
    expectStatus('advance time', await admin.post('/api/dev/time/advance', { minutes }), 200);
  };

  /** Submitted and accepted at once, at the domain time; the deadlines as the clock route answers them. */
  const acceptedNow = async () => {
    const { caseNo } = await submit(d.clerk, { applicant });
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    const clock = await until(`the clock of ${caseNo}`, async () => {
      const answer = await d.monitor.get<CaseClock>(`/api/monitoring/clocks/${caseNo}`);
      return answer.status === 200 && answer.body.clock.deadlines ? answer.body.clock : undefined;
    });
    const deadlines = clock.deadlines ?? { promised: '', statutory: '' };
    return { promised: new Date(deadlines.promised), statutory: new Date(deadlines.statutory) };
  };
  // A unified social credit code with a valid GB 32100 check character.
  const applicant = { ...company, idNumber: '91310101MA1FL0000A' };
  const due = (local: string) => new Date(`2026-${local}T17:30:00+08:00`);

  it('accepted on a Saturday: Monday is day 1', async () => {
    // Sat 7 Mar: 10 → 9–13, 16–20 March; 20 → 23–27 March, 30 March–3 April.
    expect(await acceptedNow()).toEqual({ promised: due('03-20'), statutory: due('04-03') });
  });

  it('accepted on a weekday evening after office hours: the next working day is day 1', async () => {
    await moveTimeTo(d.admin, '2026-03-11T19:00:00+08:00');
    // Wed 11 Mar 19:00: 10 → 12, 13, 16–20, 23, 24, 25 March; 20 → 26 March–3 April, (清明 4–6 April), 7–9 April.
    expect(await acceptedNow()).toEqual({ promised: due('03-25'), statutory: due('04-09') });
  });

  it('accepted on a statutory holiday: the first working day after it is day 1', async () => {
    await moveTimeTo(d.admin, '2026-04-06T10:00:00+08:00');
    // Mon 6 Apr (清明): 10 → 7–10, 13–17, 20 April; 20 → 21–24, 27–30 April, (劳动节 1–5 May), 6, 7 May.
    expect(await acceptedNow()).toEqual({ promised: due('04-20'), statutory: due('05-07') });
  });
});
