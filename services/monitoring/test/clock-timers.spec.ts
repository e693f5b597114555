import { join } from 'node:path';
import {
  type ClockCommandOf,
  clockStreamName,
  createWorkingCalendar,
  nationalHolidaySchedules,
} from '@docket/domain';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { demoDirectory } from '@docket/identity';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { adjustableClock, hostProjections, type ServiceDeps, silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClockBook } from '../src/clocks/clock-book';
import { ClockCommands } from '../src/clocks/clock-commands';
import { ClockTimers } from '../src/clocks/clock-timers';
import { dueClocks } from '../src/clocks/due-clocks';
import { TimerScheduler } from '../src/clocks/timer-scheduler';
import type { MonitoringDeps } from '../src/monitoring-deps';
import { CLOCKS, type ClockDocument, clocksProjection } from '../src/views/clocks.projection';

const TIME_ZONE = 'Asia/Shanghai';
/**
 * A Monday evening: a clock started then, promised in 2 working days (Tuesday is day 1: 民法典 Art. 201),
 * is due Wednesday 17:30 and owes its reminder Tuesday 17:30.
 */
const MONDAY = '2026-12-07T18:00:00+08:00';
const TUESDAY_EVENING = '2026-12-08T18:01:00+08:00';
const calendar = createWorkingCalendar(nationalHolidaySchedules, { timeZone: TIME_ZONE });

const startData = (caseNo: string): ClockCommandOf<'StartClock'>['data'] => ({
  caseNo,
  itemCode: '310101-FOOD-BL',
  itemName: '食品经营许可',
  department: 'huangpu-market',
  acceptingUnit: 'huangpu-window',
  category: 'promised',
  startedAt: MONDAY,
  promisedDeadline: calendar.deadline(MONDAY, { value: 2, unit: 'working_days' }),
  statutoryDeadline: calendar.deadline(MONDAY, { value: 10, unit: 'working_days' }),
  deemedApprovalOnTimeout: false,
  deemedApprovalDeadline: 'statutory',
  coHandlers: [],
  steps: [{ index: 0, name: '承办', limit: { value: 5, unit: 'working_days' } }],
  causationEventId: `opened-${caseNo}`,
});

/** The ledger, counting the streams read from it. */
function counting(ledger: EventStore) {
  const counted = { reads: 0 };
  const view = new Proxy(ledger, {
    get(target, property, receiver) {
      if (property === 'readStream')
        return (...args: Parameters<EventStore['readStream']>) => {
          counted.reads += 1;
          return target.readStream(...args);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return Object.assign(counted, { ledger: view });
}

describe('the timers, evaluated on the clock states monitoring holds', () => {
  let dir: ReturnType<typeof tempDir>;
  let ledger: EventStore;
  let deps: ServiceDeps;

  beforeEach(() => {
    dir = tempDir('docket-clock-timers-');
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    deps = {
      ledger,
      calendar,
      clock: adjustableClock(TIME_ZONE, Date.parse(MONDAY) - Date.now()),
      directory: demoDirectory(),
      logger: silentLogger,
    } as unknown as ServiceDeps;
  });
  afterEach(async () => {
    await ledger.close();
    dir.cleanup();
  });

  /** The service's pieces over `store` (the ledger by default): its clock commands tell its book. */
  const monitoringOn = (store: EventStore = ledger) => {
    const book = new ClockBook();
    const clocks = new ClockCommands({ ...deps, ledger: store }, book);
    return { book, clocks, timers: new ClockTimers(store, clocks, book) };
  };
  const events = (caseNo: string) => ledger.readStream(clockStreamName(caseNo));
  /** What an event says, without what only the ledger gives it (id, position, recording time, hash). */
  const said = ({ id: _i, position: _p, recordedAt: _r, hash: _h, ...rest }: RecordedEvent) => rest;

  it('records what the command path records, envelope and all', async () => {
    const other = openSqliteLedger({ path: join(dir.path, 'other.db') });
    const byRunner = new ClockCommands({ ...deps, ledger: other });
    await byRunner.run('C-1', 'StartClock', startData('C-1'), { now: MONDAY });
    await byRunner.run('C-1', 'EvaluateTimers', {}, { now: TUESDAY_EVENING });
    const { clocks, timers } = monitoringOn();
    await clocks.run('C-1', 'StartClock', startData('C-1'), { now: MONDAY });
    await timers.evaluate('C-1', 0n, TUESDAY_EVENING);

    const expected = (await other.readStream(clockStreamName('C-1'))).map(said);
    await other.close();
    expect((await events('C-1')).map(said)).toEqual(expected);
    expect(expected.map((e) => e.type)).toEqual(['ClockStarted', 'ReminderIssued']);
  });

  it('reads nothing for a clock it holds, and fires each warning once', async () => {
    const ledgerSeen = counting(ledger);
    const { clocks, timers, book } = monitoringOn(ledgerSeen.ledger);
    await clocks.run('C-1', 'StartClock', startData('C-1'));
    const reads = ledgerSeen.reads;
    await timers.evaluate('C-1', 0n, TUESDAY_EVENING);
    await timers.evaluate('C-1', 0n, TUESDAY_EVENING);
    expect(ledgerSeen.reads).toBe(reads);
    expect((await events('C-1')).map((e) => e.type)).toEqual(['ClockStarted', 'ReminderIssued']);
    expect(book.current('C-1', 1n)?.revision).toBe(1n);
  });

  it('reads the clock it does not hold (as after a restart), once', async () => {
    await new ClockCommands(deps).run('C-1', 'StartClock', startData('C-1'));
    const ledgerSeen = counting(ledger);
    const { timers } = monitoringOn(ledgerSeen.ledger);
    await timers.evaluate('C-1', 0n, TUESDAY_EVENING);
    await timers.evaluate('C-1', 1n, TUESDAY_EVENING);
    expect(ledgerSeen.reads).toBe(1);
    expect((await events('C-1')).map((e) => e.type)).toEqual(['ClockStarted', 'ReminderIssued']);
  });

  it('decides again on the ledger when another writer got there first: the warning is not fired twice', async () => {
    const { clocks, timers, book } = monitoringOn();
    await clocks.run('C-1', 'StartClock', startData('C-1'));
    // Another instance evaluates the same clock; this one's state (revision 0) is now behind.
    await new ClockCommands(deps).run('C-1', 'EvaluateTimers', {}, { now: TUESDAY_EVENING });
    await timers.evaluate('C-1', 0n, TUESDAY_EVENING);
    expect((await events('C-1')).map((e) => e.type)).toEqual(['ClockStarted', 'ReminderIssued']);
    expect(book.current('C-1', 1n)?.revision).toBe(1n);
  });

  it('reads the ledger when the read model has seen a later revision than the state held', async () => {
    const { clocks, timers } = monitoringOn();
    await clocks.run('C-1', 'StartClock', startData('C-1'));
    await clocks.run('C-1', 'PauseClock', { kind: 'hearing', causationEventId: 'hearing' }, { now: MONDAY });
    // Resumed by another writer: on the paused state held here nothing would be due, and nothing appended
    // would have told it otherwise.
    const { promisedDeadline, statutoryDeadline } = startData('C-1');
    await new ClockCommands(deps).run(
      'C-1',
      'ResumeClock',
      {
        deadlines: { promised: promisedDeadline, statutory: statutoryDeadline },
        coHandlerDeadlines: {},
        causationEventId: 'hearing-ended',
      },
      { now: MONDAY },
    );
    await timers.evaluate('C-1', 2n, TUESDAY_EVENING);
    expect((await events('C-1')).map((e) => e.type)).toEqual([
      'ClockStarted',
      'ClockPaused',
      'ClockResumed',
      'ReminderIssued',
    ]);
  });
});

describe('the clock book', () => {
  const event = (stream: string, revision: bigint, type: string, data: unknown) =>
    ({ stream, revision, type, data }) as RecordedEvent;

  it('folds the relayed events that are the next revision, and drops a clock after a gap', async () => {
    const dir = tempDir('docket-clock-book-');
    const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    try {
      const deps = { ledger, calendar, clock: adjustableClock(TIME_ZONE), directory: demoDirectory() };
      const clocks = new ClockCommands(deps as unknown as ServiceDeps);
      await clocks.run('C-1', 'StartClock', startData('C-1'));
      await clocks.run('C-1', 'EvaluateTimers', {}, { now: TUESDAY_EVENING });
      await clocks.run(
        'C-1',
        'PauseClock',
        { kind: 'hearing', causationEventId: 'h' },
        { now: TUESDAY_EVENING },
      );
      const [started, reminded, paused] = await ledger.readStream(clockStreamName('C-1'));
      const { state } = await clocks.runner.load(clockStreamName('C-1'));

      const book = new ClockBook();
      book.observe(reminded!); // not the first: nothing to fold it onto
      expect(book.size).toBe(0);
      for (const e of [started!, started!, reminded!, paused!]) book.observe(e);
      expect(book.current('C-1', 2n)).toEqual({ state, revision: 2n });

      book.observe(event('clock-C-1', 4n, 'ClockResumed', {})); // revision 3 was missed
      expect(book.current('C-1', 0n)).toBeUndefined();
    } finally {
      await ledger.close();
      dir.cleanup();
    }
  });

  it('keeps the newer of two states, trusts none without a revision to compare, drops stopped clocks', () => {
    const book = new ClockBook(2);
    const running = { status: 'running' } as never;
    book.remember('C-1', running, 3n);
    book.remember('C-1', running, 2n);
    expect(book.current('C-1', 3n)?.revision).toBe(3n);
    expect(book.current('C-1', 4n)).toBeUndefined();
    expect(book.current('C-1', undefined)).toBeUndefined();
    book.remember('C-1', { status: 'stopped' } as never, 4n);
    expect(book.size).toBe(0);
    for (const caseNo of ['C-1', 'C-2', 'C-3']) book.remember(caseNo, running, 0n);
    expect(book.size).toBe(2);
    expect(book.current('C-1', 0n)).toBeUndefined();
  });
});

describe('the due clocks, page by page', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: ReadModelStore;

  beforeEach(async () => {
    dir = tempDir('docket-due-clocks-');
    store = openSqliteReadModelStore({ path: join(dir.path, 'read.db') });
    await store.ensureCollections(clocksProjection.collections);
  });
  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  const put = (docs: Pick<ClockDocument, 'id' | 'nextDueAt'>[]) =>
    store.applyBatch('test', 1n, (tx) => {
      for (const doc of docs) tx.put(CLOCKS, { ...doc, caseNo: doc.id });
    });

  it('lists every clock due before the instant once, in order, many due at the same instant', async () => {
    const at = (hour: number) => `2026-12-08T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const docs = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: `A-${i}`, nextDueAt: at(1) })),
      ...Array.from({ length: 7 }, (_, i) => ({ id: `B-${i}`, nextDueAt: at(2) })),
      { id: 'C-0', nextDueAt: at(3) },
      { id: 'D-0', nextDueAt: at(9) },
      { id: 'E-0', nextDueAt: null },
    ];
    await put(docs);
    const pages: string[][] = [];
    for await (const page of dueClocks(store, at(5), 4)) {
      pages.push(page.map((d) => d.id));
      // The read model moves evaluated clocks on while the pass goes on: they are not listed again.
      await put(page.map((d) => ({ id: d.id, nextDueAt: at(10) })));
    }
    expect(pages.every((p) => p.length <= 4)).toBe(true);
    expect(pages.flat()).toEqual(docs.slice(0, 18).map((d) => d.id));
  });
});

describe('the scheduler', () => {
  it('fires what is due once, without waiting for the read model between pages or looks', async () => {
    const dir = tempDir('docket-scheduler-');
    const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const readModels = openSqliteReadModelStore({ path: join(dir.path, 'read.db') });
    const clock = adjustableClock(TIME_ZONE, Date.parse(MONDAY) - Date.now());
    const deps = {
      ledger,
      readModels,
      calendar,
      clock,
      directory: demoDirectory(),
      logger: silentLogger,
    } as unknown as MonitoringDeps;
    const projections = hostProjections({
      ledger,
      store: readModels,
      projections: [clocksProjection],
      logger: silentLogger,
    });
    try {
      const caseNos = Array.from({ length: 1500 }, (_, i) => `C-${String(i).padStart(4, '0')}`);
      // Started by another instance: this one holds none of them.
      const elsewhere = new ClockCommands(deps);
      for (const caseNo of caseNos) await elsewhere.run(caseNo, 'StartClock', startData(caseNo));
      await projections.catchUp();
      const book = new ClockBook();
      const scheduler = new TimerScheduler(deps, new ClockCommands(deps, book), book);
      clock.advance(Date.parse(TUESDAY_EVENING) - clock.epochMs());

      expect(await scheduler.evaluateDue()).toBe(caseNos.length);
      // The read model has not applied the reminders: the next look lists the same clocks, and the states
      // held say that nothing is due.
      expect(await scheduler.evaluateDue()).toBe(caseNos.length);
      const fired = await ledger.readAll({ filter: { eventTypes: ['ReminderIssued'] } });
      expect(fired.length).toBe(caseNos.length);
      expect(new Set(fired.map((e) => e.stream)).size).toBe(caseNos.length);

      await projections.catchUp();
      expect(await scheduler.evaluateDue()).toBe(0);
    } finally {
      await projections.close();
      await readModels.close();
      await ledger.close();
      dir.cleanup();
    }
  }, 60_000);
});
