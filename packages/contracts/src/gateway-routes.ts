// The gateway's own routes (who am I, sign-in configuration, development tokens and time, health, a
// department's staff): their request and reply schemas, here beside every other operation's so that
// the console and the test clients type them from one place.
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

/** The centre's departments (区 → 街道 → 社区, and the units in them), as screens name them. */
export const DepartmentsReply = z
  .array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string().describe('district, street, community, department or window'),
      parent: z.string().optional(),
    }),
  )
  .describe('every department of the directory, parents before children');

/** 分派: whom a department's tasks may be assigned to. */
export const DepartmentStaffReply = z
  .array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) }))
  .describe('the staff of the department, by name');

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
      degraded: z
        .array(z.string())
        .optional()
        .describe('why the service cannot do all its work now (disk full, a read model stopped): 503'),
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

export const AuthConfigReply = z.object({
  mode: z
    .enum(['development', 'oidc', 'none'])
    .describe(
      '`oidc`: sign in with the identity provider (authorization code + PKCE); `development`: development tokens ' +
        '(POST /api/dev/tokens); `none`: tokens come from the deployment’s own issuer, the console offers no sign-in',
    ),
  devTokens: z
    .boolean()
    .describe('whether POST /api/dev/tokens exists (the embedded mode, also beside OIDC)'),
  oidc: z
    .object({
      issuer: z.string(),
      clientId: z.string(),
      scopes: z.string().describe('space-separated, `openid` among them'),
      authorizationEndpoint: z.string().optional(),
      tokenEndpoint: z.string().optional(),
      endSessionEndpoint: z.string().optional(),
    })
    .optional()
    .describe('with mode `oidc`; the endpoints are missing when the provider could not be asked just now'),
});

/** GET /api/live: one notice of the stream (an SSE `case` event's data; the event's id is its position). */
export const CaseNoticeSchema = z
  .object({
    caseNo: z.string(),
    type: z.string().describe('the event, e.g. `ReviewStepPassed`'),
    position: z
      .string()
      .describe('its ledger position: re-read with X-Docket-Min-Position set to it to see the change'),
  })
  .describe('a case the viewer may see has moved');
export type CaseNotice = z.infer<typeof CaseNoticeSchema>;
