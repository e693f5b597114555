import { z } from 'zod';
import { CommandReplySchema } from './common';

// What HTTP adds to the contracts: query strings as text (decoded into the requests' values by each
// endpoint's `fromQuery`) and the replies of the commands that create something.

/** The reply to a submission: the command reply plus the case number and, this once, the query code. */
export const SubmitReplySchema = CommandReplySchema.extend({
  caseNo: z.string(),
  queryCode: z.string().describe('the applicant looks the case up with it; only its hash is stored'),
});

/** The reply to a complaint's submission or an order's issue: the command reply and the id drawn. */
export const SupervisionItemReplySchema = CommandReplySchema.extend({
  id: z.string().describe('投诉编号 (TS-…) or 督办单编号 (DB-…), drawn by the supervision service'),
});

const offset = z
  .string()
  .regex(/^[0-9]{1,7}$/, 'a non-negative integer')
  .optional();
const limit = z
  .string()
  .regex(/^[0-9]{1,3}$/, 'a non-negative integer')
  .optional();
const boolean = z.enum(['true', 'false']);

/** `a,b,c` → `['a', 'b', 'c']`. */
const list = (text: string): string[] => text.split(',').map((s) => s.trim());

/** Query parameters that carry plain text, with `undefined` (absent) dropped. */
const present = (query: Record<string, string | undefined>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));

/** `offset` and `limit` as a page request (numbers; the request's schema checks them). */
export const pageOf = (query: Record<string, string | undefined>, defaultLimit = 20) => ({
  offset: Number(query.offset ?? 0),
  limit: Number(query.limit ?? defaultLimit),
});

/** GET /api/cases: every filter is on an indexed field of the case list. */
export const CaseSearchQuery = z.object({
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's subtree"),
  status: z.string().max(400).optional().describe('one or more case statuses, comma separated'),
  itemCode: z.string().min(1).max(64).optional(),
  applicantNamePrefix: z.string().min(1).max(200).optional(),
  submittedFrom: z.string().max(40).optional().describe('ISO-8601 instant with offset (inclusive)'),
  submittedBefore: z.string().max(40).optional().describe('ISO-8601 instant with offset (exclusive)'),
  overdue: boolean.optional().describe('only running cases past their promised deadline'),
  offset: z
    .string()
    .regex(/^[0-9]{1,7}$/, 'a non-negative integer')
    .optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,7}$/, 'a non-negative integer')
    .optional(),
});

/** A list's query string → its request: statuses as a list, flags as booleans, the page as numbers. */
export function listRequestOf(
  query: Record<string, string | undefined>,
  defaultLimit = 20,
): Record<string, unknown> {
  const { status, overdue, dissatisfied, offset: _o, limit: _l, ...rest } = query;
  return {
    ...present(rest),
    ...(status === undefined ? {} : { status: list(status) }),
    ...(overdue === undefined ? {} : { overdue: overdue === 'true' }),
    ...(dissatisfied === undefined ? {} : { dissatisfied: dissatisfied === 'true' }),
    page: pageOf(query, defaultLimit),
  };
}

export const InboxQuery = z.object({
  role: z.enum(['officer', 'reviewer', 'head']).optional(),
  department: z.string().min(1).max(64).optional(),
  assignee: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe('`mine`, `unassigned`, or a user id: only work assigned so'),
  itemCode: z.string().min(1).max(64).optional(),
  deadlineFrom: z.string().max(40).optional().describe('ISO-8601 instant with offset (inclusive)'),
  deadlineBefore: z.string().max(40).optional().describe('ISO-8601 instant with offset (exclusive)'),
  offset,
  limit: limit.describe('default 50, at most 200'),
});

/** A period of local dates (both included) over the viewer's departments. */
export const PeriodQuery = z.object({
  from: z.iso.date().describe('first local date, yyyy-mm-dd'),
  to: z.iso.date().describe('last local date, yyyy-mm-dd'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's subtree"),
});

export const WarningsQuery = z.object({ department: z.string().min(1).max(64).optional(), offset, limit });

/** The open warnings' query string: a page of 50 by default. */
export const warningsRequestOf = (query: Record<string, string | undefined>): Record<string, unknown> => ({
  ...(query.department === undefined ? {} : { department: query.department }),
  page: pageOf(query, 50),
});

export const FeedQuery = z.object({
  after: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional()
    .describe('a position: only what came after it'),
});

/** GET /api/supervision/complaints. */
export const ComplaintListQuery = z.object({
  status: z
    .string()
    .max(100)
    .optional()
    .describe('one or more of submitted, accepted, declined, closed, comma separated'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  offset,
  limit,
});

/** GET /api/supervision/orders. */
export const SupervisionOrderListQuery = z.object({
  status: z.string().max(100).optional().describe('one or more of issued, answered, closed, comma separated'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  offset,
  limit,
});

/** GET /api/supervision/ratings. */
export const RatingListQuery = z.object({
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  month: z.string().max(7).optional().describe('the local month the rating was given in, yyyy-mm'),
  dissatisfied: boolean
    .optional()
    .describe('only ratings that count (true) or no longer count (false) as dissatisfied'),
  offset,
  limit,
});

export const AuditStateQuery = z.object({
  asOf: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('a global ledger position (digits) or an ISO-8601 instant with offset; default: now'),
});

/** `?asOf=`: digits are a ledger position, anything else an instant (the request's schema checks it). */
export function asOfRequestOf(query: Record<string, string | undefined>): Record<string, unknown> {
  const { asOf } = query;
  if (asOf === undefined) return {};
  return /^[0-9]+$/.test(asOf) ? { asOf: { position: asOf } } : { asOf: { instant: asOf } };
}

export const AuditExportQuery = z.object({
  format: z.enum(['json', 'html']).optional().describe('html: the printable timeline (as Accept: text/html)'),
});
