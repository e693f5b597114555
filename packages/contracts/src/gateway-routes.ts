import { z } from 'zod';

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
