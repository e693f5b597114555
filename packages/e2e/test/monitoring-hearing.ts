import { expect, it } from 'vitest';
import { type Desk, expectStatus, reviewOpened, submit, until } from '../src';
import type { MonitoringContext } from './monitoring-suite';

/** Asia/Shanghai keeps UTC+8 all year: local dates and times are a fixed shift from UTC. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const localDate = (instant: string) =>
  new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const localInstant = (date: string, time: string) => `${date}T${time}+08:00`;

interface CalendarView {
  source: string;
  calendar: { holidays: { date: string }[]; makeUpWorkdays: { date: string }[] };
}
interface ClockView {
  clock: {
    status: string;
    promised: { deadline: string };
    deadlines: { promised: string; statutory: string };
    pauses: { kind: string; from: string; to?: string; pausedWorkingMinutes?: number }[];
  };
}

async function domainNow(admin: Desk): Promise<string> {
  return (await admin.get<{ now: string }>('/api/dev/time')).body.now;
}

async function moveTimeTo(admin: Desk, instant: string): Promise<void> {
  const minutes = Math.ceil((Date.parse(instant) - Date.parse(await domainNow(admin))) / 60_000);
  expect(minutes).toBeGreaterThan(0);
  expectStatus('advance time', await admin.post('/api/dev/time/advance', { minutes }), 200);
}

/**
 * A year's calendar as in force, published first (an empty schedule) when docket ships none for it (such a
 * year answers with its provisional calendar, which cannot be changed a day at a time).
 */
async function calendarOf(admin: Desk, year: number): Promise<CalendarView> {
  const found = await admin.get<CalendarView>(`/api/calendar/${year}`);
  if (found.status === 200 && found.body.source !== 'provisional') return found.body;
  expectStatus('publish the year', await admin.post('/api/calendar', { year, source: 'e2e' }), 201);
  return expectStatus('the year', await admin.get<CalendarView>(`/api/calendar/${year}`), 200).body;
}

/**
 * 特别程序: a hearing pauses the case's clock; the working time it took is counted on the calendar as in
 * force, so days the administrator has made a national holiday do not count and a make-up working day
 * (调休) does, and both the review's deadlines and the clock's move by exactly that.
 */
export function hearingAcrossHolidays(context: MonitoringContext) {
  it('a hearing across a national holiday and a make-up working day moves the deadlines by its working time', async () => {
    const d = context.desks();
    // The week of the hearing: Monday to the next Monday, with Wednesday and Thursday a holiday and
    // Saturday a make-up working day.
    let monday = plusDays(localDate(await domainNow(d.admin)), 2);
    while (weekday(monday) !== 1) monday = plusDays(monday, 1);
    const week = Array.from({ length: 8 }, (_, i) => plusDays(monday, i));
    for (const year of new Set(week.map((date) => Number(date.slice(0, 4))))) {
      const { calendar } = await calendarOf(d.admin, year);
      const listed = [...calendar.holidays, ...calendar.makeUpWorkdays].map((e) => e.date);
      expect(listed.filter((date) => week.includes(date))).toEqual([]); // an ordinary week so far
    }
    const [wednesday, thursday, saturday] = [week[2]!, week[3]!, week[5]!];
    for (const [date, becomes, name] of [
      [wednesday, 'holiday', '国家法定节假日'],
      [thursday, 'holiday', '国家法定节假日'],
      [saturday, 'workday', '调休上班'],
    ] as const) {
      const year = date.slice(0, 4);
      const changed = await d.admin.post(`/api/calendar/${year}/days`, {
        date,
        becomes,
        name,
        reason: '国务院办公厅通知',
      });
      expectStatus(`make ${date} a ${becomes}`, changed, 200);
    }

    await moveTimeTo(d.admin, localInstant(monday, '10:00:00'));
    const { caseNo } = await submit(d.clerk);
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    await reviewOpened(d.officer, caseNo);
    const clock = async () => (await d.monitor.get<ClockView>(`/api/monitoring/clocks/${caseNo}`)).body.clock;
    const running = await until('the clock', async () =>
      (await clock())?.status === 'running' ? clock() : undefined,
    );

    expectStatus(
      'start the hearing',
      await d.officer.post(`/api/reviews/${caseNo}/special-procedures`, {
        kind: 'hearing',
        reason: '申请人申请听证',
        expectedEnd: localInstant(week[7]!, '12:00:00'),
      }),
      200,
    );
    await until('the clock paused', async () => ((await clock()).status === 'paused' ? true : undefined));

    // The hearing ends the next Monday at 11:00.
    await moveTimeTo(d.admin, localInstant(week[7]!, '11:00:00'));
    expectStatus(
      'end the hearing',
      await d.officer.post(`/api/reviews/${caseNo}/special-procedures/current/end`, {
        result: '听证会已举行',
      }),
      200,
    );
    const resumed = await until('the clock resumed', async () => {
      const now = await clock();
      return now.status === 'running' && now.pauses.length === 1 ? now : undefined;
    });

    // Mon 10:00–17:30 (360) + Tue (420) + Sat, made a working day (420) + Fri (420) + Mon 09:00–11:00
    // (120) = 1740 working minutes; the holiday Wednesday and Thursday count nothing. The requests
    // take seconds of domain time, so a minute either way.
    const paused = resumed.pauses[0]!;
    expect(paused.kind).toBe('hearing');
    expect(Math.abs(paused.pausedWorkingMinutes! - 1740)).toBeLessThanOrEqual(1);
    const review = await d.officer.get<{ review: { deadlines: { promised: string; statutory: string } } }>(
      `/api/reviews/${caseNo}`,
    );
    // The review moved its deadlines; the clock took them as given, and its warnings with them.
    expect(resumed.deadlines).toEqual(review.body.review.deadlines);
    expect(resumed.promised.deadline).toBe(review.body.review.deadlines.promised);
    expect(Date.parse(resumed.deadlines.promised)).toBeGreaterThan(Date.parse(running.deadlines.promised));
  });
}
