import {
  type CalendarView,
  type CommandReply,
  EXPECTED_REVISION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  monitoring,
  type ParsedRequestOf,
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
  provisionalCalendarYear,
} from '@docket/domain';
import { authoriseCommand, rootOf } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import {
  type CommandRunner,
  createCommandRunner,
  type Message,
  replyOf,
  type ServiceDeps,
} from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';

/** A year docket has no schedule for, and nobody published. */
export const CalendarYearUnknown = domainError('CalendarYearUnknown', 'not_found', (year: number) => ({
  message: `there is no working-day calendar for ${year}: publish it first`,
  details: { year },
}));

/**
 * 工作日历: publishing a year and changing it, by an administrator of the centre, each change an audited
 * event on `calendar-<year>`. A year docket ships the national schedule for is published from that
 * schedule on its first change, so the change applies to what was in force. Deadlines computed after a
 * change use it (every service follows these streams); deadlines already promised stay as promised.
 */
@Injectable()
export class CalendarCommands {
  readonly runner: CommandRunner<CalendarCommand, CalendarState>;
  private readonly timeZone: string;

  constructor(@Inject(MONITORING) deps: ServiceDeps) {
    this.timeZone = deps.clock.timeZone;
    // The calendar is the whole centre's: its changes are authorised as the root department's.
    const root = rootOf(deps.directory.tree);
    this.runner = createCommandRunner<CalendarCommand, CalendarState, CalendarEvent>({
      ledger: deps.ledger,
      decider: calendarDecider,
      clock: deps.clock,
      authorise: (command) =>
        authoriseCommand(command.metadata.actor, command.type, { department: root }, deps.directory.tree),
    });
  }

  async changeCalendarDay(
    { year, data }: ParsedRequestOf<typeof monitoring.changeCalendarDay>,
    { headers, subject }: Message,
  ): Promise<CommandReply> {
    await this.publishShipped(year, headers, subject);
    return replyOf(
      await this.runner.run(calendarStreamName(year), 'ChangeCalendarDay', data, { subject, headers }),
    );
  }

  async setOfficeHours(
    { year, data }: ParsedRequestOf<typeof monitoring.setOfficeHours>,
    { headers, subject }: Message,
  ): Promise<CommandReply> {
    await this.publishShipped(year, headers, subject);
    return replyOf(
      await this.runner.run(calendarStreamName(year), 'SetOfficeHours', data, { subject, headers }),
    );
  }

  async calendar({ year }: ParsedRequestOf<typeof monitoring.calendar>): Promise<CalendarView> {
    const { state } = await this.runner.load(calendarStreamName(year));
    const published = calendarOf(state);
    if (published !== undefined && state.defined)
      return { year, source: 'published', provisional: false, version: state.version, calendar: published };
    const shipped = nationalHolidaySchedules.find((y) => y.year === year);
    if (shipped !== undefined)
      return { year, source: 'national', provisional: false, version: null, calendar: shipped };
    // Nobody published the year: the provisional calendar deadlines count on (《全国年节及纪念日放假办法》 Art. 2),
    // with the office hours of the year before as published (the arithmetic takes the latest loaded year's).
    const before = calendarOf((await this.runner.load(calendarStreamName(year - 1))).state);
    const provisional = provisionalCalendarYear(year, {
      timeZone: this.timeZone,
      ...(before === undefined ? {} : { officeHours: before.officeHours }),
    });
    if (provisional === undefined) throw new CalendarYearUnknown(year);
    return { year, source: 'provisional', provisional: true, version: null, calendar: provisional };
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
