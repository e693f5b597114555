import type { ClockState } from '@docket/domain';
import {
  type CalendarYear,
  ChangeCalendarDayData,
  DefineCalendarYearData,
  SetOfficeHoursData,
} from '@docket/domain';
import { z } from 'zod';
import { CaseNo, type CommandReply, PageRequest } from './common';
import { command, query, replies } from './endpoint';

const Year = z.number().int().min(2000).max(2100);

/** The calendar of one year as in force: published by an administrator, or the national schedule shipped. */
export interface CalendarView {
  year: number;
  source: 'published' | 'national';
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
  level: 'yellow' | 'red';
  scope: 'case' | 'step';
  stepIndex: number | null;
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

/** What a monthly score deducts for, as the monitoring records it: cards raised, refusals without reason. */
export interface MonitoringCounts {
  department: string;
  month: string;
  yellow: number;
  red: number;
  refusalWithoutReason: number;
  /**
   * Whether the counts include every event up to the position the request named (docket-min-position);
   * false when monitoring's read model was still behind it after the wait. A score lock refuses then.
   */
  complete: boolean;
}

/** The monitoring service's contract (电子监察 and the working-day calendar). */
export const monitoring = {
  defineCalendarYear: command(
    'monitoring.cmd.defineCalendarYear',
    DefineCalendarYearData,
    replies<CommandReply>(),
  ),
  changeCalendarDay: command(
    'monitoring.cmd.changeCalendarDay',
    z.object({ year: Year, data: ChangeCalendarDayData }),
    replies<CommandReply>(),
  ),
  setOfficeHours: command(
    'monitoring.cmd.setOfficeHours',
    z.object({ year: Year, data: SetOfficeHoursData }),
    replies<CommandReply>(),
  ),
  calendar: query('monitoring.qry.calendar', z.object({ year: Year }), replies<CalendarView>()),
  tiles: query('monitoring.qry.tiles', PeriodRequest, replies<DepartmentTile[]>()),
  items: query('monitoring.qry.items', PeriodRequest, replies<ItemFigures[]>()),
  warnings: query(
    'monitoring.qry.warnings',
    z.object({
      department: z.string().min(1).max(64).optional(),
      page: PageRequest.default({ offset: 0, limit: 50 }),
    }),
    replies<{ total: number; items: OpenWarning[] }>(),
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
    replies<FeedItem[]>(),
  ),
  clock: query(
    'monitoring.qry.clock',
    z.object({ caseNo: CaseNo }),
    replies<{ caseNo: string; clock: ClockState }>(),
  ),
  /** For the supervision service's monthly scores. System only. */
  counts: query(
    'monitoring.qry.counts',
    z.object({ department: z.string().min(1).max(64), month: Month }),
    replies<MonitoringCounts>(),
  ),
} as const;
