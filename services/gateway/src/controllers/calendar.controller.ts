import { Controller, Get, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayHttp } from '../http/gateway-http';
import { HttpProblem } from '../http/problem';
import { nestPath } from '../routes/route';
import { routes } from '../routes/table';

/** The path's year: four digits, or a 400 before anything crosses the bus. */
function yearOf(request: FastifyRequest): number {
  const { year } = request.params as { year: string };
  if (!/^[0-9]{4}$/.test(year))
    throw new HttpProblem('InvalidYear', 'invalid', `${year} is not a calendar year`);
  return Number(year);
}

/** 工作日历, forwarded to the monitoring service (which owns `calendar-<year>`). */
@Controller()
export class CalendarController {
  constructor(private readonly http: GatewayHttp) {}

  @Get(nestPath(routes.getCalendar.path))
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.query(routes.getCalendar, request, reply, () => ({ year: yearOf(request) }));
  }

  @Post(nestPath(routes.defineCalendarYear.path))
  define(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.http.command(routes.defineCalendarYear, request, reply, (body) => body);
  }

  @Post(nestPath(routes.changeCalendarDay.path))
  changeDay(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const year = yearOf(request);
    return this.http.command(routes.changeCalendarDay, request, reply, (data) => ({ year, data }));
  }

  @Put(nestPath(routes.setOfficeHours.path))
  setOfficeHours(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const year = yearOf(request);
    return this.http.command(routes.setOfficeHours, request, reply, (data) => ({ year, data }));
  }
}
