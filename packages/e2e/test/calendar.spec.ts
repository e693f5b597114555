import { join } from 'node:path';
import { CalendarViewSchema } from '@docket/contracts';
import { createWorkingCalendar, nationalHolidaySchedules } from '@docket/domain';
import { startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { adjustableClock, silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desks, DocketClient, desks, expectStatus, submit, until } from '../src';
import { conforms, got } from './conformance';

interface AcceptedCase {
  promisedDeadline: string;
  acceptedAt: string;
}

/**
 * 工作日历: an administrator's change to the calendar is an audited event and applies to deadlines
 * computed after it; a deadline already promised stays as promised.
 */
describe('the working-day calendar through the API (embedded)', () => {
  let docket: Awaited<ReturnType<typeof startEmbedded>>;
  let ledger: EventStore;
  let dir: ReturnType<typeof tempDir>;
  let d: Desks;

  beforeAll(async () => {
    dir = tempDir('docket-e2e-calendar-');
    // Domain time fixed in a year docket ships a schedule for, on a Monday in March: the day changed below
    // and the deadlines around it stay inside that year whatever the wall clock says (the last days of a
    // year, or a year with no shipped schedule, would make the expected calendar differ from the services').
    const clock = adjustableClock('Asia/Shanghai', Date.parse('2026-03-02T10:00:00+08:00') - Date.now());
    docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger, clock });
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    d = desks(new DocketClient(docket.url));
  });

  afterAll(async () => {
    await ledger.close();
    await docket.close();
    dir.cleanup();
  });

  const acceptCase = async (): Promise<{ caseNo: string } & AcceptedCase> => {
    const { caseNo } = await submit(d.clerk);
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    const accepted = await until('the accepted case in the list', async () => {
      const answer = await d.clerk.get<AcceptedCase>(`/api/cases/${caseNo}`);
      return answer.body?.promisedDeadline ? answer.body : undefined;
    });
    return { caseNo, ...accepted };
  };

  it('a day made a holiday moves the deadlines computed after it, and not those promised before', async () => {
    const year = Number(docket.clock.now().slice(0, 4));
    const before = await acceptCase();
    // A working day between now and the first case's deadline becomes a holiday.
    const shipped = createWorkingCalendar(nationalHolidaySchedules, { timeZone: 'Asia/Shanghai' });
    const today = shipped.localDate(docket.clock.now());
    let date = shipped.addWorkingDays(today, 2);
    if (Number(date.slice(0, 4)) !== year) date = shipped.addWorkingDays(today, 1);
    expect(date < shipped.localDate(before.promisedDeadline)).toBe(true);

    const refused = await d.clerk.post(`/api/calendar/${year}/days`, {
      date,
      becomes: 'holiday',
      name: '临时调整',
      reason: '市政府通知',
    });
    expect(refused.status).toBe(403);
    const changed = await d.admin.post(`/api/calendar/${year}/days`, {
      date,
      becomes: 'holiday',
      name: '临时调整',
      reason: '市政府通知（沪府发〔2026〕1号）',
    });
    expectStatus('change the calendar', changed, 200);
    const view = await d.applicant.get<{ source: string; calendar: { holidays: { date: string }[] } }>(
      `/api/calendar/${year}`,
    );
    expect(view.body.source).toBe('published');
    // As the OpenAPI document says, field for field; the shipped year too.
    conforms('the published year', CalendarViewSchema, view.body);
    const shippedYear = await got(d.applicant, `/api/calendar/${nationalHolidaySchedules[0]!.year}`);
    conforms('a shipped year', CalendarViewSchema, shippedYear);
    expect(shippedYear).toMatchObject({ source: 'national', version: null });
    expect(view.body.calendar.holidays.map((h) => h.date)).toContain(date);

    // The change is in the ledger, audited: the year published from the national schedule, then the day.
    const events = await ledger.readStream(`calendar-${year}`);
    expect(events.map((e) => e.type)).toEqual(['CalendarYearDefined', 'CalendarDayChanged']);
    expect(events[1]?.data).toMatchObject({ date, previously: 'normal', becomes: 'holiday' });
    expect(events[1]).toMatchObject({ actor: { id: 'u-admin' }, reason: '市政府通知（沪府发〔2026〕1号）' });

    // The services follow the calendar: a case accepted now has one working day more than before.
    const changedCalendar = createWorkingCalendar(
      nationalHolidaySchedules.map((y) =>
        y.year === year ? { ...y, holidays: [...y.holidays, { date, name: '临时调整' }] } : y,
      ),
      { timeZone: 'Asia/Shanghai' },
    );
    const after = await until('a deadline counted with the changed calendar', async () => {
      const next = await acceptCase();
      const expected = changedCalendar.deadline(next.acceptedAt, { value: 10, unit: 'working_days' });
      return Date.parse(next.promisedDeadline) === Date.parse(expected) ? next : undefined;
    });
    expect(Date.parse(after.promisedDeadline)).toBeGreaterThan(
      Date.parse(shipped.deadline(after.acceptedAt, { value: 10, unit: 'working_days' })),
    );
    // The deadline promised before the change stays as promised.
    const stillBefore = await d.clerk.get<AcceptedCase>(`/api/cases/${before.caseNo}`);
    expect(stillBefore.body.promisedDeadline).toBe(before.promisedDeadline);
  });

  it('answers a year nobody published with its provisional calendar, and counts deadlines reaching into it on that', async () => {
    // 2027: neither shipped nor published. 《全国年节及纪念日放假办法》 Art. 2 (2024): its statutory holidays,
    // weekends, no 调休, marked provisional.
    const view = await got(d.applicant, '/api/calendar/2027');
    conforms('a provisional year', CalendarViewSchema, view);
    const year = CalendarViewSchema.parse(view);
    expect(year).toMatchObject({ year: 2027, source: 'provisional', provisional: true, version: null });
    expect(year.calendar.makeUpWorkdays).toEqual([]);
    expect(year.calendar.holidays.map((h) => h.date)).toEqual(
      expect.arrayContaining([
        '2027-01-01',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-10-01',
      ]),
    );
    expect(await got(d.applicant, '/api/calendar/2026')).toMatchObject({ provisional: false });

    // A case accepted on Wednesday 30 December 2026: 10 working days are Thu 31 Dec, (Fri 1 Jan 2027 off by
    // law), 4–8 January, 11–14 January: Thursday 14 January 2027, not the 13th as Monday to Friday counted.
    const now = docket.clock.now();
    const target = Date.parse('2026-12-30T10:00:00+08:00');
    expect(Date.parse(now)).toBeLessThan(target);
    const minutes = Math.ceil((target - Date.parse(now)) / 60_000);
    expectStatus('advance time', await d.admin.post('/api/dev/time/advance', { minutes }), 200);
    const accepted = await acceptCase();
    expect(new Date(accepted.promisedDeadline)).toEqual(new Date('2027-01-14T17:30:00+08:00'));
  });
});
