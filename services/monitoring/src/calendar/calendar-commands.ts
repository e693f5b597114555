import {
  type CalendarView,
  type CommandReply,
  EXPECTED_REVISION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  monitoring,
  parseRequest,
  REQUEST_FINGERPRINT_HEADER,
} from '@docket/contracts';
import {
  type CalendarCommand,
  type CalendarEvent,
  type CalendarState,
  calendarDecider,
  calendarOf,
  calendarStreamName,
  domainError,
  NATIONAL_HOLIDAY_SOURCE,
  nationalHolidaySchedules,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import { type CommandRunner, createCommandRunner, replyOf, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';

/** A year docket has no schedule for, and nobody published. */
export const CalendarYearUnknown = domainError('CalendarYearUnknown', 'not_found', (year: number) => ({
  message: `there is no working-day calendar for ${year}: publish it first`,
  details: { year },
}));

/** The root of the department tree: the calendar is the whole centre's. */
const rootOf = (deps: ServiceDeps): string => deps.directory.tree.all.find((d) => d.parent === undefined)!.id;

/**
 * 工作日历: publishing a year and changing it, by an administrator of the centre, each change an audited
 * event on `calendar-<year>`. A year docket ships the national schedule for is published from that
 * schedule on its first change, so the change applies to what was in force. Deadlines computed after a
 * change use it (every service follows these streams); deadlines already promised stay as promised.
 */
@Injectable()
export class CalendarCommands {
  private readonly runner: CommandRunner<CalendarCommand, CalendarState>;

  constructor(@Inject(MONITORING) deps: ServiceDeps) {
    const root = rootOf(deps);
    this.runner = createCommandRunner<CalendarCommand, CalendarState, CalendarEvent>({
      ledger: deps.ledger,
      decider: calendarDecider,
      clock: deps.clock,
      authorise: (command) =>
        authoriseCommand(command.metadata.actor, command.type, { department: root }, deps.directory.tree),
    });
  }

  async define(payload: unknown, headers: Headers, subject: string): Promise<CommandReply> {
    const data = parseRequest(monitoring.defineCalendarYear.request, payload);
    return replyOf(
      await this.runner.run(calendarStreamName(data.year), 'DefineCalendarYear', data, { subject, headers }),
    );
  }

  async changeDay(payload: unknown, headers: Headers, subject: string): Promise<CommandReply> {
    const { year, data } = parseRequest(monitoring.changeCalendarDay.request, payload);
    await this.publishShipped(year, headers, subject);
    return replyOf(
      await this.runner.run(calendarStreamName(year), 'ChangeCalendarDay', data, { subject, headers }),
    );
  }

  async setOfficeHours(payload: unknown, headers: Headers, subject: string): Promise<CommandReply> {
    const { year, data } = parseRequest(monitoring.setOfficeHours.request, payload);
    await this.publishShipped(year, headers, subject);
    return replyOf(
      await this.runner.run(calendarStreamName(year), 'SetOfficeHours', data, { subject, headers }),
    );
  }

  async view(payload: unknown): Promise<CalendarView> {
    const { year } = parseRequest(monitoring.calendar.request, payload);
    const { state } = await this.runner.load(calendarStreamName(year));
    const published = calendarOf(state);
    if (published !== undefined && state.defined)
      return { year, source: 'published', version: state.version, calendar: published };
    const shipped = nationalHolidaySchedules.find((y) => y.year === year);
    if (shipped === undefined) throw new CalendarYearUnknown(year);
    return { year, source: 'national', version: null, calendar: shipped };
  }

  /** A year still running on the shipped national schedule is published from it before its first change. */
  private async publishShipped(year: number, headers: Headers, subject: string): Promise<void> {
    const { state } = await this.runner.load(calendarStreamName(year));
    if (state.defined) return;
    const shipped = nationalHolidaySchedules.find((y) => y.year === year);
    if (shipped === undefined) return; // the decider answers that the year is not defined
    // The request's own control headers belong to the change, not to this first step.
    const {
      [IDEMPOTENCY_KEY_HEADER]: _key,
      [REQUEST_FINGERPRINT_HEADER]: _fingerprint,
      [EXPECTED_REVISION_HEADER]: _revision,
      ...plain
    } = headers;
    await this.runner.run(
      calendarStreamName(year),
      'DefineCalendarYear',
      { ...shipped, source: NATIONAL_HOLIDAY_SOURCE },
      { subject, headers: plain },
    );
  }
}
