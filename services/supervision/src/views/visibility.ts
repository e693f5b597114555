import { type Actor, isSystem } from '@docket/domain';
import { type DepartmentTree, Forbidden, maskPhone, rootOf } from '@docket/identity';

/**
 * Who reads what of supervision:
 * - `all`: auditors (审计 replays everything) and the services themselves;
 * - `departments`: supervisors and monitors, their jurisdiction's subtree;
 * - `department`: a department's staff (officers, reviewers, heads), what concerns their own department
 *   exactly (the orders it must answer, the complaints and ratings about it);
 * - `own`: applicants, the complaints they filed and the ratings they gave themselves.
 */
export type Reach =
  | { kind: 'all' }
  | { kind: 'departments'; departments: string[] }
  | { kind: 'department'; department: string }
  | { kind: 'own'; userId: string };

export type Readable = 'complaints' | 'orders' | 'ratings' | 'scores';

const STAFF = ['officer', 'reviewer', 'head'] as const;

/** @throws Forbidden for anyone with no part in supervision (clerks, administrators), and applicants for orders and scores. */
export function reachOf(actor: Actor, what: Readable, tree: DepartmentTree): Reach {
  if (isSystem(actor) || actor.roles.includes('auditor')) return { kind: 'all' };
  const known = actor.department !== undefined && tree.has(actor.department);
  if (known && (actor.roles.includes('supervisor') || actor.roles.includes('monitor')))
    return {
      kind: 'departments',
      departments: tree.subtree(tree.jurisdiction(actor.department!).id).map((d) => d.id),
    };
  if (known && STAFF.some((role) => actor.roles.includes(role)))
    return { kind: 'department', department: actor.department! };
  if (actor.roles.includes('applicant') && (what === 'complaints' || what === 'ratings'))
    return { kind: 'own', userId: actor.id };
  throw new Forbidden(`Read${capitalised(what)}`, `${what} are not for ${actor.id}'s roles`);
}

const capitalised = (what: string) => what.charAt(0).toUpperCase() + what.slice(1);

/**
 * The departments a list covers: the reach, narrowed to the subtree of the department asked for (which
 * must be within the reach). `undefined`: no department condition (everything, or the viewer's own).
 * @throws Forbidden when the department asked for is outside the reach.
 */
export function departmentsFor(
  reach: Reach,
  asked: string | undefined,
  tree: DepartmentTree,
  action: string,
): string[] | undefined {
  const subtreeOf = (id: string) => (tree.has(id) ? tree.subtree(id).map((d) => d.id) : [id]);
  const outside = () => new Forbidden(action, `department ${asked} is outside what the viewer may see`);
  switch (reach.kind) {
    case 'all':
    case 'own':
      return asked === undefined ? undefined : subtreeOf(asked);
    case 'departments':
      if (asked === undefined) return reach.departments;
      if (!reach.departments.includes(asked)) throw outside();
      return subtreeOf(asked);
    case 'department':
      if (asked !== undefined && asked !== reach.department) throw outside();
      return [reach.department];
  }
}

/** Whether one item is within the reach: its department (undefined: the centre as a whole) and its person. */
export function canRead(
  reach: Reach,
  item: { department: string | undefined; userId: string | undefined },
  tree: DepartmentTree,
): boolean {
  const department = item.department ?? rootOf(tree);
  switch (reach.kind) {
    case 'all':
      return true;
    case 'departments':
      return reach.departments.includes(department);
    case 'department':
      return reach.department === department;
    case 'own':
      return item.userId !== undefined && item.userId === reach.userId;
  }
}

/**
 * PIPL: the complainant's phone, in full, for those who need it to call back: the complainant themself,
 * the supervisors who handle the complaint (效能监察, whose subtree it falls in), and the services.
 * Everyone else (monitors, auditors, and the staff of the department complained about, who must not be
 * able to reach the complainant behind the supervisors' backs) sees it masked. The read model and the
 * ledger keep the full number; masking is for what is shown.
 */
export function canSeeComplainantPhone(
  actor: Actor,
  complaint: { department: string | undefined; userId: string | undefined },
  tree: DepartmentTree,
): boolean {
  if (isSystem(actor)) return true;
  if (complaint.userId !== undefined && complaint.userId === actor.id) return true;
  if (!actor.roles.includes('supervisor') || actor.department === undefined || !tree.has(actor.department))
    return false;
  return tree.contains(tree.jurisdiction(actor.department).id, complaint.department ?? rootOf(tree));
}

/** The phone as this viewer may see it. */
export const phoneFor = (phone: string | null | undefined, visible: boolean): string | null | undefined =>
  phone == null || visible ? phone : maskPhone(phone);
