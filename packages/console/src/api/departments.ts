import type { DepartmentsReply } from '@docket/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { send } from './client';

type Departments = z.infer<typeof DepartmentsReply>;

let loaded: Promise<Map<string, string>> | undefined;

/** The centre's departments by id (GET /api/departments, public), asked once per page load. */
function departmentNames(): Promise<Map<string, string>> {
  loaded ??= send<Departments>('GET', '/api/departments').then(
    (all) => new Map(all.map((department) => [department.id, department.name])),
    (error: unknown) => {
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}

/**
 * Names a department as people know it (黄浦区市场监督管理局, not huangpu-market). Until the names are
 * loaded, or for an id the directory does not hold, the id itself.
 */
export function useDepartmentName(): (id: string | null | undefined) => string {
  const [names, setNames] = useState<Map<string, string>>();
  useEffect(() => {
    let live = true;
    departmentNames().then(
      (map) => live && setNames(map),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  // Stable while the names are: screens memoise what they draw with it.
  return useCallback((id) => (id ? (names?.get(id) ?? id) : '—'), [names]);
}
