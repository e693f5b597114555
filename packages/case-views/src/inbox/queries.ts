import type { ReadModelStore } from '@docket/projections';
import type { InboxItem } from './inbox-item';
import { INBOX } from './projection';

export interface InboxQuery {
  /** The departments whose work to list (the actor's own, or a subtree for a head). */
  departments: readonly string[];
  /** Only work this role may do. */
  role?: string;
  /** Only work assigned to this user id; null: only work nobody holds (the department's pool). */
  assignee?: string | null;
}

/** 待办列表: open work of the departments, most urgent deadline first (ties by id). */
export async function inbox(store: ReadModelStore, query: InboxQuery): Promise<InboxItem[]> {
  const items = await store.find<InboxItem>(INBOX, {
    where: { department: { in: [...query.departments] }, state: 'open' },
    orderBy: [{ field: 'deadline', direction: 'asc' }],
  });
  const { role, assignee } = query;
  // Items stored before 分派 existed carry no assignee: they are the department's.
  const listed = items.map((item) => ({
    ...item,
    assignee: item.assignee ?? null,
    assignedAt: item.assignedAt ?? null,
  }));
  return listed.filter(
    (item) =>
      (role === undefined || item.roles.includes(role)) &&
      (assignee === undefined || item.assignee === assignee),
  );
}
