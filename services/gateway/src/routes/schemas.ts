import { CommandReplySchema } from '@docket/contracts';
import { z } from 'zod';

/** The reply to a submission: the command reply plus the case number and, this once, the query code. */
export const SubmitReplySchema = CommandReplySchema.extend({
  caseNo: z.string(),
  queryCode: z.string().describe('the applicant looks the case up with it; only its hash is stored'),
});

const digits = z.string().regex(/^[0-9]{1,7}$/, 'a non-negative integer');

/** GET /api/cases: every filter is on an indexed field of the case list. */
export const CaseSearchQuery = z.object({
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's subtree"),
  status: z.string().max(400).optional().describe('one or more case statuses, comma separated'),
  itemCode: z.string().min(1).max(64).optional(),
  applicantNamePrefix: z.string().min(1).max(200).optional(),
  submittedFrom: z.string().max(40).optional().describe('ISO-8601 instant with offset (inclusive)'),
  submittedBefore: z.string().max(40).optional().describe('ISO-8601 instant with offset (exclusive)'),
  overdue: z.enum(['true', 'false']).optional().describe('only running cases past their promised deadline'),
  offset: digits.optional(),
  limit: digits.optional(),
});

export const InboxQuery = z.object({
  role: z.enum(['officer', 'reviewer', 'head']).optional(),
  department: z.string().min(1).max(64).optional(),
});

export const StatusLookup = z.object({
  caseNo: z.string().min(1).max(64),
  queryCode: z.string().min(1).max(64).describe('as printed on the receipt, e.g. 7K3Q-XM2A'),
});

export const DevTokenRequest = z.object({ userId: z.string().min(1).max(128) });

export const DevTokenReply = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('seconds'),
  user: z.object({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    department: z.string().optional(),
  }),
});

export const ActorSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  department: z.string().optional(),
});

export const HealthReply = z.object({
  status: z.enum(['ok', 'degraded']),
  warnings: z
    .array(z.string())
    .optional()
    .describe("what an operator must act on, e.g. next year's working-day calendar not yet published"),
  services: z.record(
    z.string(),
    z.object({
      up: z.boolean(),
      checkpoints: z.record(z.string(), z.string().nullable()).optional(),
      warnings: z.array(z.string()).optional(),
      error: z.string().optional(),
    }),
  ),
});

/** Moving domain time forward (embedded mode and tests): natural time, any mix of the three. */
export const AdvanceTimeRequest = z
  .object({
    days: z.number().min(0).max(3650).optional(),
    hours: z.number().min(0).max(87_600).optional(),
    minutes: z.number().min(0).max(5_256_000).optional(),
  })
  .refine((d) => (d.days ?? 0) + (d.hours ?? 0) + (d.minutes ?? 0) > 0, { message: 'advance by something' });

export const DomainTimeReply = z.object({
  now: z.string().describe('domain time, with the centre’s offset'),
  offsetMs: z.number().describe('how far domain time is ahead of the wall clock'),
});

/** A period of local dates (both included) over the viewer's departments. */
export const PeriodQuery = z.object({
  from: z.iso.date().describe('first local date, yyyy-mm-dd'),
  to: z.iso.date().describe('last local date, yyyy-mm-dd'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's subtree"),
});

export const WarningsQuery = z.object({
  department: z.string().min(1).max(64).optional(),
  offset: z
    .string()
    .regex(/^[0-9]{1,7}$/)
    .optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/)
    .optional(),
});

export const FeedQuery = z.object({
  after: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional()
    .describe('a position: only what came after it'),
});

/** The reply to a complaint's submission or an order's issue: the command reply and the id drawn. */
export const SupervisionItemReplySchema = CommandReplySchema.extend({
  id: z.string().describe('投诉编号 (TS-…) or 督办单编号 (DB-…), drawn by the supervision service'),
});

const pageParams = {
  offset: z
    .string()
    .regex(/^[0-9]{1,7}$/)
    .optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/)
    .optional(),
};

/** GET /api/supervision/complaints. */
export const ComplaintListQuery = z.object({
  status: z
    .string()
    .max(100)
    .optional()
    .describe('one or more of submitted, accepted, declined, closed, comma separated'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  ...pageParams,
});

/** GET /api/supervision/orders. */
export const SupervisionOrderListQuery = z.object({
  status: z.string().max(100).optional().describe('one or more of issued, answered, closed, comma separated'),
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  ...pageParams,
});

/** GET /api/supervision/ratings. */
export const RatingListQuery = z.object({
  department: z.string().min(1).max(64).optional().describe("a department of the viewer's reach"),
  month: z.string().max(7).optional().describe('the local month the rating was given in, yyyy-mm'),
  dissatisfied: z
    .enum(['true', 'false'])
    .optional()
    .describe('only ratings that count (true) or no longer count (false) as dissatisfied'),
  ...pageParams,
});
