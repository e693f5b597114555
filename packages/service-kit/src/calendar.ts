import {
  type CalendarEvent,
  type CalendarState,
  type CalendarYear,
  calendarOf,
  createWorkingCalendar,
  evolveCalendar,
  initialCalendarState,
  nationalHolidaySchedules,
  type WorkingCalendar,
} from '@docket/domain';
import type { EventStore, RecordedEvent, Subscription } from '@docket/event-store';
import type { Logger } from './logger';

export interface LiveCalendar {
  /** Always the calendar in force: its methods answer with the latest version of every year. */
  readonly calendar: WorkingCalendar;
  /** Reads every calendar event so far, then follows new ones. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every calendar event up to the ledger's head is applied (read your writes). */
  settled(): Promise<void>;
}

/**
 * The working-day calendar in force (限时办结): the national schedules docket ships, overlaid by each
 * year an administrator has published or changed (the `calendar-<year>` streams the monitoring service
 * writes). Every service computes deadlines with it; a change reaches each of them as soon as its
 * subscription sees the event, and applies to deadlines computed after it (recorded deadlines stay).
 */
export function liveCalendar(
  ledger: EventStore,
  options: { timeZone: string; logger?: Logger },
): LiveCalendar {
  const years = new Map<number, CalendarState>();
  const build = (): WorkingCalendar => {
    const published = [...years.values()].map(calendarOf).filter((y): y is CalendarYear => y !== undefined);
    const shipped = nationalHolidaySchedules.filter((n) => !published.some((p) => p.year === n.year));
    return createWorkingCalendar([...shipped, ...published], { timeZone: options.timeZone });
  };
  let current = build();
  let subscription: Subscription | undefined;
  let running: Promise<void> | undefined;
  let applied: bigint | undefined;

  const apply = (event: RecordedEvent) => {
    const year = Number(event.stream.slice('calendar-'.length));
    const next = evolveCalendar(years.get(year) ?? initialCalendarState(), {
      type: event.type,
      data: event.data,
    } as CalendarEvent);
    years.set(year, next);
    try {
      current = build();
    } catch (error) {
      // The decider validated the year; a calendar that still cannot be built keeps the previous one.
      options.logger?.error(`calendar ${year} could not be applied; keeping the previous calendar`, error);
    }
    applied = event.position;
  };

  const calendar: WorkingCalendar = {
    get timeZone() {
      return current.timeZone;
    },
    get minutesPerWorkingDay() {
      return current.minutesPerWorkingDay;
    },
    get loadedYears() {
      return current.loadedYears;
    },
    isWorkingDay: (date) => current.isWorkingDay(date),
    localDate: (instant) => current.localDate(instant),
    addWorkingDays: (date, n) => current.addWorkingDays(date, n),
    deadline: (start, limit, pauses) => current.deadline(start, limit, pauses),
    workingDaysBetween: (from, to) => current.workingDaysBetween(from, to),
    addWorkingMinutes: (instant, minutes) => current.addWorkingMinutes(instant, minutes),
  };

  return {
    calendar,
    async start() {
      if (running) return;
      for (const event of await ledger.readAll({ filter: { streamPrefixes: ['calendar-'] } })) apply(event);
      subscription = ledger.subscribeToAll({
        ...(applied === undefined ? {} : { after: applied }),
        filter: { streamPrefixes: ['calendar-'] },
      });
      const live = subscription;
      running = (async () => {
        for await (const event of live) apply(event);
      })().catch((error) => options.logger?.error('calendar subscription ended', error));
    },
    async stop() {
      await subscription?.stop();
      await running;
      running = undefined;
    },
    async settled() {
      const head = await ledger.readAll({ filter: { streamPrefixes: ['calendar-'] } });
      const last = head.at(-1)?.position;
      for (
        let wait = 1;
        last !== undefined && (applied === undefined || applied < last);
        wait = Math.min(wait * 2, 20)
      )
        await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

/**
 * What an operator must act on in the working-day calendar, as of `nowMs`: the current year without a
 * holiday schedule, or the next one missing within `horizonDays` of the year's end. Such days count on the
 * year's provisional calendar (never refused): the statutory holidays of 《全国年节及纪念日放假办法》 with
 * weekends, but without the make-up working days (调休) and longer breaks only the yearly notice sets; the
 * State Council announces each year's schedule late in the year before, and an administrator publishes it
 * with `POST /api/calendar`.
 */
export function calendarWarnings(calendar: WorkingCalendar, nowMs: number, horizonDays = 60): string[] {
  const today = calendar.localDate(new Date(nowMs).toISOString());
  const year = Number(today.slice(0, 4));
  const loaded = new Set(calendar.loadedYears);
  if (!loaded.has(year)) {
    return [
      `the working-day calendar has no schedule for ${year}: deadlines count on its provisional calendar (statutory holidays only, no make-up working days); publish it with POST /api/calendar`,
    ];
  }
  const daysLeft = Math.round((Date.UTC(year + 1, 0, 1) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft <= horizonDays && !loaded.has(year + 1)) {
    return [
      `the working-day calendar has no schedule for ${year + 1}, which starts in ${daysLeft} days: deadlines that reach into it count on its provisional calendar (statutory holidays only, no make-up working days); publish it with POST /api/calendar`,
    ];
  }
  return [];
}
