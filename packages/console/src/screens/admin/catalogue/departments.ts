import type { DepartmentsReply } from '@docket/contracts';
import type { z } from 'zod';
import { send } from '../../../api/client';
import { useLoad } from '../../../api/use-call';

/** The departments an item can name, as select options (GET /api/departments, public), windows left out. */
export function useDepartmentOptions(): { value: string; label: string }[] {
  const loaded = useLoad(() => send<z.infer<typeof DepartmentsReply>>('GET', '/api/departments'), []);
  return (loaded.data ?? []).filter((d) => d.kind !== 'window').map((d) => ({ value: d.id, label: d.name }));
}
