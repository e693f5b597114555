import type { ReadModelDocument } from '@docket/projections';

/** What the piece of work is: the main task's active step, a co-handler's answer, or 牵头汇总. */
export type InboxWorkKind = 'step' | 'joint_answer' | 'consolidation';

/**
 * 待办: one open piece of work of a department, keyed `${caseNo}:${task}` (task `main`, the co-handler's
 * task id `co:<department>`, or `consolidation`). Instants are UTC.
 */
export interface InboxItem extends ReadModelDocument {
  caseNo: string;
  task: string;
  kind: InboxWorkKind;
  itemCode: string;
  itemName: string;
  department: string;
  /** The role the work needs first (the step's role; officer for a joint answer; reviewer to consolidate). */
  role: string;
  /** Every role that may do it. */
  roles: string[];
  /** `roles` sorted and joined by commas: the one field a query can match roles on (`rolesKeysFor`). */
  rolesKey: string;
  stepIndex: number | null;
  stepName: string | null;
  activeSince: string;
  /** The deadline this work answers to: the co-handler's own limit, else the case's promised deadline. */
  deadline: string;
  promisedDeadline: string;
  /** `waiting`: a consolidation not yet due (co-handlers still to answer); queries show only `open`. */
  state: 'open' | 'waiting';
  /** A special procedure (特别程序) pauses the case: the work stays listed, marked on hold. */
  onHold: boolean;
  /**
   * 分派: the user id of the staff member the task is assigned to, null while it is the department's.
   * The consolidation (牵头汇总) is the main task's work and follows the main task's assignment.
   */
  assignee: string | null;
  /** When the current assignment was made (UTC); null while unassigned. */
  assignedAt: string | null;
  /** Main task only: the item's steps, so a later step event can name the step it moves to. */
  steps?: { name: string; role: string }[];
  /** Consolidation only: the co-handlers still to answer, with their task ids. */
  awaiting?: { department: string; taskId: string }[];
}

/** The staff roles work is done in; every role set of an inbox item is a subset of them. */
export const STAFF_ROLES = ['officer', 'reviewer', 'head'] as const;

/** The stored key of a role set: sorted, comma-joined (`head,reviewer`). */
export const rolesKeyOf = (roles: readonly string[]): string => [...roles].sort().join(',');

/**
 * The keys of every role set that shares a role with `roles`: the work someone holding `roles` may do,
 * as an `in` condition on the indexed `rolesKey` (a read-model query cannot look inside an array).
 */
export function rolesKeysFor(roles: readonly string[]): string[] {
  const keys: string[] = [];
  for (let mask = 1; mask < 1 << STAFF_ROLES.length; mask++) {
    const set = STAFF_ROLES.filter((_, bit) => mask & (1 << bit));
    if (set.some((role) => roles.includes(role))) keys.push(rolesKeyOf(set));
  }
  return keys;
}
