import { utc } from '@docket/domain';
import type { FieldRange, ReadModelStore, Where } from '@docket/projections';
import { type InboxItem, rolesKeysFor } from './inbox-item';
import { INBOX } from './projection';

export interface InboxQuery {
  /** The departments whose work to list (the actor's own, or a subtree for a head). */
  departments: readonly string[];
  /** Only work someone holding any of these roles may do. */
  roles?: readonly string[];
  /** Only work assigned to this user id; null: only work nobody holds (the department's pool). */
  assignee?: string | null;
  /** Only work on cases of this service item. */
  itemCode?: string;
  /** Deadline at or after this instant (any offset). */
  deadlineFrom?: string;
  /** Deadline before this instant (any offset). */
  deadlineBefore?: string;
}

export interface InboxPage {
  /** Every piece of work the query matches, across all pages. */
  total: number;
  items: InboxItem[];
}

/** The query as a store condition: every field is indexed with the department and state. */
export function inboxWhere(query: InboxQuery): Where {
  const where: Where = { department: { in: [...query.departments] }, state: 'open' };
  if (query.roles !== undefined) where.rolesKey = { in: rolesKeysFor(query.roles) };
  if (query.assignee !== undefined) where.assignee = query.assignee;
  if (query.itemCode !== undefined) where.itemCode = query.itemCode;
  const deadline: FieldRange = {};
  if (query.deadlineFrom !== undefined) deadline.gte = utc(query.deadlineFrom);
  if (query.deadlineBefore !== undefined) deadline.lt = utc(query.deadlineBefore);
  if (Object.keys(deadline).length > 0) where.deadline = deadline;
  return where;
}

/** 待办列表: open work of the departments, most urgent deadline first (ties by id), a page at a time. */
export async function inbox(
  store: ReadModelStore,
  query: InboxQuery,
  page: { offset: number; limit: number } = { offset: 0, limit: 1000 },
): Promise<InboxPage> {
  const where = inboxWhere(query);
  const [total, items] = await Promise.all([
    store.count(INBOX, where),
    store.find<InboxItem>(INBOX, {
      where,
      orderBy: [{ field: 'deadline', direction: 'asc' }],
      offset: page.offset,
      limit: page.limit,
    }),
  ]);
  return { total, items };
}
