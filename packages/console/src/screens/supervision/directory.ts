import type { DepartmentsReply } from '@docket/contracts';
import type { z } from 'zod';
import { send } from '../../api/client';
import { useLoad } from '../../api/use-call';

export type Department = z.infer<typeof DepartmentsReply>[number];

/** The centre's departments (GET /api/departments, public), parents before children. */
export function useDepartments() {
  return useLoad(() => send<Department[]>('GET', '/api/departments'), []);
}

/** Departments that are scored, answer orders and are complained about: all but the district itself. */
export const scoredDepartments = (all: readonly Department[]): Department[] =>
  all.filter((department) => department.kind !== 'district');
