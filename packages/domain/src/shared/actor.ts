import { z } from 'zod';

/** Roles from the domain brief. A user may hold several. */
export const Role = z.enum([
  'clerk', // 窗口受理人员
  'officer', // 承办人
  'reviewer', // 审核人
  'head', // 批准人 / department head
  // 本级人民政府负责人: the head of the people's government at the level of the lead department. 行政许可法
  // Art. 42: a joint case's extension (45 + 15 working days) is approved by this office, not a department head.
  'government_head',
  'monitor', // 电子监察员
  'supervisor', // 效能监察
  'auditor', // 审计
  'applicant', // 申请人
  'admin',
]);
export type Role = z.infer<typeof Role>;

/**
 * Who did something. People carry their id, name, roles and department; the system acts as
 * `system:<service>` (for example `system:monitoring` when it records a deemed approval).
 */
export const Actor = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  roles: z.array(Role),
  department: z.string().max(64).optional(),
});
export type Actor = z.infer<typeof Actor>;

export const systemActor = (service: string): Actor => ({
  id: `system:${service}`,
  name: `docket ${service}`,
  roles: [],
});

export const isSystem = (actor: Actor): boolean => actor.id.startsWith('system:');
