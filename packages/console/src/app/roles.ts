import type { Role } from '@docket/domain';

/** The roles that see each area of the console (the API refuses the others anyway). */
export const AREA_ROLES = {
  window: ['clerk'],
  cases: ['clerk', 'officer', 'reviewer', 'head', 'monitor', 'supervisor', 'auditor', 'admin'],
  inbox: ['officer', 'reviewer', 'head'],
} as const satisfies Record<string, readonly Role[]>;
