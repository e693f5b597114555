import { type CalendarView, type CommandReply, monitoring } from '@docket/contracts';
import { BusContext } from '@docket/nest-bus';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarCommands } from './calendar/calendar-commands';

/** The monitoring service's bus surface: its contract (@docket/contracts `monitoring`). */
@Controller()
export class MonitoringController {
  constructor(private readonly calendar: CalendarCommands) {}

  @MessagePattern(monitoring.defineCalendarYear.subject)
  defineCalendarYear(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.define(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.changeCalendarDay.subject)
  changeCalendarDay(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.changeDay(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.setOfficeHours.subject)
  setOfficeHours(@Payload() payload: unknown, @Ctx() ctx: BusContext): Promise<CommandReply> {
    return this.calendar.setOfficeHours(payload, ctx.getHeaders(), ctx.getSubject());
  }

  @MessagePattern(monitoring.calendar.subject)
  calendarOf(@Payload() payload: unknown): Promise<CalendarView> {
    return this.calendar.view(payload);
  }
}
