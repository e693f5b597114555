import {
  type CalendarYear,
  ChangeCalendarDayData,
  DefineCalendarYearData,
  SetOfficeHoursData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, CommandReplySchema, PageRequest } from './common';
import { onCalendarYear } from './decided-on';
import { command, query } from './endpoint';
import { CASE_PARAM, readAt } from './http-bindings';
import { FeedQuery, PeriodQuery, WarningsQuery, warningsRequestOf } from './http-forms';
import {
  CalendarAffectedSchema,
  CalendarViewSchema,
  CaseClockSchema,
  DepartmentTilesSchema,
  FeedSchema,
  ItemFiguresListSchema,
  OpenWarningPageSchema,
} from './http-views';

/** A calendar year: a number, or four digits as a path has it. */
const Year = z.union([
  z.number().int().min(2000).max(2100),
  z
    .string()
    .regex(/^[0-9]{4}$/, 'a calendar year')
    .transform(Number)
    .pipe(z.number().int().min(2000).max(2100)),
]);

/**
 * The calendar of one year as in force: published by an administrator, the national schedule shipped, or,
 * for a year nobody published, the provisional calendar deadlines count on (statutory holidays, no 调休).
 */
export interface CalendarView {
  year: number;
  source: 'published' | 'national' | 'provisional';
  /** True exactly when `source` is 'provisional'. */
  provisional: boolean;
  version: number | null;
  calendar: CalendarYear;
}

const Day = z.iso.date();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, yyyy-mm');

/** A period of local dates, both included, and which part of the viewer's department tree. */
export const PeriodRequest = z.object({
  from: Day,
  to: Day,
  /** A department of the viewer's subtree (default: the viewer's whole reach). */
  department: z.string().min(1).max(64).optional(),
});

/** 实时监控: one department's tile. */
export interface DepartmentTile {
  department: string;
  name: string;
  /** In the period (by local date). */
  received: number;
  accepted: number;
  closed: number;
  reminders: number;
  yellow: number;
  red: number;
  complaints: number;
  /** Now: open clocks (running or paused, 在办). */
  inProgress: number;
  /** Now: open clocks whose promised deadline the monitoring recorded passing (超期), not moved since. */
  overdue: number;
  cardsUp: { yellow: number; red: number };
  /** 办结率: closed on time / closed (null when none closed). */
  onTimeRate: number | null;
  /** 提前办结率: closed at least a working day before the promised deadline / closed. */
  earlyRate: number | null;
  /** 平均办理时间 against the promised limit, in working days (special procedures left out). */
  averageWorkingDays: number | null;
  averagePromisedWorkingDays: number | null;
}

/** The same figures per service item, over the period. */
export interface ItemFigures {
  itemCode: string;
  department: string;
  closed: number;
  onTimeRate: number | null;
  earlyRate: number | null;
  averageWorkingDays: number | null;
  averagePromisedWorkingDays: number | null;
}

/** An open warning: a card up (yellow or red), on a case or one of its steps. */
export interface OpenWarning {
  id: string;
  caseNo: string;
  department: string;
  /** The card's level; null for a co-handler's lapse (no card: cards are the case's and its steps'). */
  level: 'yellow' | 'red' | null;
  scope: 'case' | 'step' | 'co_handler';
  stepIndex: number | null;
  /** 协办超期: the co-handling department whose answer is past its limit (scope `co_handler`). */
  coHandler: string | null;
  deadline: string;
  raisedAt: string;
}

/** One entry of the live feed (实时动态): a warning, a card withdrawn, a case stopped, an anomaly. */
export interface FeedItem {
  /** The ledger position: the SSE event id a client resumes after. */
  position: bigint;
  caseNo: string;
  /** The answerable department (null for what concerns no department). */
  department: string | null;
  kind: string;
  at: string;
  details: Record<string, unknown>;
}

/**
 * What a monthly score deducts for, as the monitoring records it: cards raised, refusals without reason,
 * cases deemed approved.
 */
export interface MonitoringCounts {
  department: string;
  month: string;
  yellow: number;
  red: number;
  refusalWithoutReason: number;
  /**
   * 超时默认: the department's cases deemed approved in the month (it let the deadline pass without a
   * decision), by case number, in order.
   */
  deemedApprovals: string[];
  /**
   * Whether the counts include every event up to the position the request named (docket-min-position);
   * false when monitoring's read model was still behind it after the wait. A score lock refuses then.
   */
  complete: boolean;
}

/** The open cases a change of one day may touch (the calendar editor asks before it changes a day). */
export type CalendarAffected = z.infer<typeof CalendarAffectedSchema>;

/** The monitoring service's contract (电子监察 and the working-day calendar). */
export const monitoring = {
  defineCalendarYear: command('monitoring.cmd.defineCalendarYear', DefineCalendarYearData, {
    reply: CommandReplySchema,
    does: 'DefineCalendarYear',
    decidedOn: onCalendarYear,
    http: {
      operationId: 'defineCalendarYear',
      method: 'POST',
      path: '/api/calendar',
      tag: 'calendar',
      summary:
        "Publish a year's schedule (an administrator of the centre), e.g. when the State Council announces it",
      access: 'bearer',
      binds: 'spread',
      success: 201,
      problems: [400, 401, 403, 409, 422],
    },
  }),
  changeCalendarDay: command(
    'monitoring.cmd.changeCalendarDay',
    z.object({ year: Year, data: ChangeCalendarDayData }),
    {
      reply: CommandReplySchema,
      does: 'ChangeCalendarDay',
      decidedOn: onCalendarYear,
      http: {
        operationId: 'changeCalendarDay',
        method: 'POST',
        path: '/api/calendar/{year}/days',
        tag: 'calendar',
        summary:
          'Make a date a holiday, a make-up working day or an ordinary day again (audited; applies to deadlines computed after it)',
        access: 'bearer',
        params: { year: 'the calendar year' },
        binds: 'data',
        success: 200,
        conditional: true,
        problems: [400, 401, 403, 404, 409, 422],
      },
    },
  ),
  setOfficeHours: command(
    'monitoring.cmd.setOfficeHours',
    z.object({ year: Year, data: SetOfficeHoursData }),
    {
      reply: CommandReplySchema,
      does: 'SetOfficeHours',
      decidedOn: onCalendarYear,
      http: {
        operationId: 'setOfficeHours',
        method: 'PUT',
        path: '/api/calendar/{year}/office-hours',
        tag: 'calendar',
        summary: "Change a year's office hours (audited)",
        access: 'bearer',
        params: { year: 'the calendar year' },
        binds: 'data',
        success: 200,
        conditional: true,
        problems: [400, 401, 403, 404, 409, 422],
      },
    },
  ),
  calendar: query('monitoring.qry.calendar', z.object({ year: Year }), {
    reply: CalendarViewSchema,
    http: {
      operationId: 'getCalendar',
      method: 'GET',
      path: '/api/calendar/{year}',
      tag: 'calendar',
      summary:
        "A year's working-day calendar as in force: holidays, make-up working days (调休), office hours",
      description:
        'A year nobody published answers with its provisional calendar (source provisional, provisional ' +
        'true): the statutory holidays of 《全国年节及纪念日放假办法》 Art. 2 as revised in 2024, weekends, no ' +
        '调休; deadlines reaching into it count on that until an administrator publishes the year with ' +
        'POST /api/calendar. 404 only for a year no provisional calendar covers (after 2099).',
      access: 'public',
      params: { year: 'the calendar year, e.g. 2026' },
      binds: 'none',
      success: 200,
      problems: [400, 404],
    },
  }),
  /** Before an administrator changes a day: the open cases whose deadlines lie on or after it. */
  calendarAffected: query('monitoring.qry.calendarAffected', z.object({ date: Day }), {
    reply: CalendarAffectedSchema,
    http: {
      operationId: 'calendarAffectedCases',
      method: 'GET',
      path: '/api/calendar/days/{date}/affected-cases',
      tag: 'calendar',
      summary:
        'The open cases whose deadlines fall on or after a date: those a change of that day may move when their deadlines are computed again',
      access: 'bearer',
      params: { date: 'the local date, yyyy-mm-dd' },
      binds: 'none',
      success: 200,
      problems: [400, 401, 403],
    },
  }),
  tiles: query('monitoring.qry.tiles', PeriodRequest, {
    reply: DepartmentTilesSchema,
    http: readAt({
      operationId: 'monitoringTiles',
      path: '/api/monitoring/tiles',
      tag: 'monitoring',
      summary:
        '实时监控: per department, received / accepted / closed / warnings / complaints in a period; in progress, overdue and cards up now; on-time and early rates, average working days',
      query: PeriodQuery,
      problems: [400, 401, 403],
    }),
  }),
  items: query('monitoring.qry.items', PeriodRequest, {
    reply: ItemFiguresListSchema,
    http: readAt({
      operationId: 'monitoringItems',
      path: '/api/monitoring/items',
      tag: 'monitoring',
      summary: 'The same rates per service item over a period',
      query: PeriodQuery,
      problems: [400, 401, 403],
    }),
  }),
  warnings: query(
    'monitoring.qry.warnings',
    z.object({
      department: z.string().min(1).max(64).optional(),
      page: PageRequest.default({ offset: 0, limit: 50 }),
    }),
    {
      reply: OpenWarningPageSchema,
      http: {
        operationId: 'monitoringWarnings',
        method: 'GET',
        path: '/api/monitoring/warnings',
        tag: 'monitoring',
        summary: 'The open warnings: yellow and red cards up, newest first',
        access: 'bearer',
        query: WarningsQuery,
        fromQuery: warningsRequestOf,
        binds: 'none',
        success: 200,
        problems: [400, 401, 403],
      },
    },
  ),
  feed: query(
    'monitoring.qry.feed',
    z.object({
      after: z
        .string()
        .regex(/^[0-9]{1,19}$/)
        .optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    {
      reply: FeedSchema,
      http: {
        operationId: 'monitoringFeed',
        method: 'GET',
        path: '/api/monitoring/feed',
        tag: 'monitoring',
        summary:
          '实时动态: warnings, withdrawals, completions and anomalies as they happen (Server-Sent Events; JSON with Accept: application/json)',
        description:
          'With Accept: text/event-stream the answer is a stream: each item an event whose id is its ledger position; reconnect with Last-Event-ID (or ?after=) to resume.',
        access: 'bearer',
        query: FeedQuery,
        binds: 'none',
        success: 200,
        // JSON as below; with Accept: text/event-stream, a stream of the same items.,
        problems: [400, 401, 403],
      },
    },
  ),
  clock: query('monitoring.qry.clock', z.object({ caseNo: CaseNo }), {
    reply: CaseClockSchema,
    http: readAt({
      operationId: 'caseClock',
      path: '/api/monitoring/clocks/{caseNo}',
      tag: 'monitoring',
      summary: "A case's clock: deadlines, pauses, steps, every warning and card, anomalies",
      description:
        'For watchers who may see the case (its department and those above it, its co-handlers, auditors): 403 otherwise, as the case answers.',
      params: CASE_PARAM,
      problems: [400, 401, 403, 404],
    }),
  }),
  /** For the supervision service's monthly scores. System only. */
  counts: query('monitoring.qry.counts', z.object({ department: z.string().min(1).max(64), month: Month }), {
    reply: z.custom<MonitoringCounts>(),
    internal: true,
  }),
} as const;
