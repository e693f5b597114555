import { type Actor, isSystem, type Role } from '@docket/domain';
import type { DepartmentTree } from './departments';
import { Forbidden } from './errors';

/**
 * - `own-department`: the target department is within the actor's jurisdiction (their department's subtree;
 *   for a window clerk, the subtree of the department the window serves: see DepartmentTree.jurisdiction).
 * - `any`: anywhere.
 * - `self`: the applicant acting on their own case (`target.applicantUserId === actor.id`).
 * - `system`: system actors (`system:<service>`) only; roles do not matter.
 */
export type Scope = 'own-department' | 'any' | 'self' | 'system';

/** One way to be allowed: holding one of `roles`, within `scope`. */
export interface Grant {
  roles: readonly Role[];
  scope: Scope;
}

export interface Rule {
  /** The command or query the rule guards, named in every refusal. */
  action: string;
  /** Any grant that holds allows the action. */
  grants: readonly Grant[];
  /** A write changes the record: actors holding any of `readOnlyRoles` are refused it. */
  write: boolean;
  /** Roles that watch and never act here, even combined with an allowed role (default: auditor). */
  readOnlyRoles?: readonly Role[];
}

export interface Target {
  /** The department the command acts on: the case's (item's or lead) department, or the one it names. */
  department?: string;
  /** The applicant account of the case, for `self`. */
  applicantUserId?: string;
}

/** Auditors (审计) read everything and change nothing, anywhere. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];

export const isReadOnlyRole = (role: Role): boolean => READ_ONLY_ROLES.includes(role);

/** A rule with one grant, the common case. */
export function rule(
  action: string,
  roles: readonly Role[],
  scope: Scope,
  options: { write?: boolean; readOnlyRoles?: readonly Role[] } = {},
): Rule {
  return {
    action,
    grants: [{ roles, scope }],
    write: options.write ?? true,
    ...(options.readOnlyRoles ? { readOnlyRoles: options.readOnlyRoles } : {}),
  };
}

/**
 * The gate in front of the deciders: throws Forbidden (403) naming the missing role or scope. Deciders check
 * roles again and departments exactly; this layer adds the subtree and read-only rules.
 */
export function authorise(actor: Actor, rule: Rule, target: Target, tree: DepartmentTree): void {
  if (rule.write) {
    const readOnly = actor.roles.filter((role) => (rule.readOnlyRoles ?? READ_ONLY_ROLES).includes(role));
    if (readOnly.length > 0) {
      throw new Forbidden(rule.action, `read-only role ${readOnly.join(', ')}`, {
        missing: 'write',
        roles: readOnly,
      });
    }
  }
  const refusals: string[] = [];
  for (const grant of rule.grants) {
    const refusal = refusalOf(actor, grant, target, tree);
    if (refusal === undefined) return;
    refusals.push(refusal);
  }
  throw new Forbidden(rule.action, refusals.join('; or '), { actor: actor.id, roles: actor.roles });
}

/** The same decision as a boolean, for filtering lists and showing buttons. */
export const isAllowed = (actor: Actor, rule: Rule, target: Target, tree: DepartmentTree): boolean => {
  try {
    authorise(actor, rule, target, tree);
    return true;
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
};

/** `authorise` bound to a centre's department tree. */
export function createAuthoriser(tree: DepartmentTree): {
  authorise(actor: Actor, rule: Rule, target: Target): void;
  isAllowed(actor: Actor, rule: Rule, target: Target): boolean;
} {
  return {
    authorise: (actor, rule, target) => authorise(actor, rule, target, tree),
    isAllowed: (actor, rule, target) => isAllowed(actor, rule, target, tree),
  };
}

function refusalOf(actor: Actor, grant: Grant, target: Target, tree: DepartmentTree): string | undefined {
  if (grant.scope === 'system')
    return isSystem(actor) ? undefined : 'scope system: only the system performs it';
  if (isSystem(actor)) return `a system actor holds no role (needs ${grant.roles.join(' or ')})`;
  if (!grant.roles.some((role) => actor.roles.includes(role))) {
    return `needs role ${grant.roles.join(' or ')}`;
  }
  const roles = grant.roles.join(' or ');
  switch (grant.scope) {
    case 'any':
      return undefined;
    case 'self':
      return target.applicantUserId !== undefined && target.applicantUserId === actor.id
        ? undefined
        : `scope self: as ${roles}, only on the actor's own case`;
    case 'own-department': {
      if (target.department === undefined) return 'scope own-department: the target names no department';
      if (actor.department === undefined || !tree.has(actor.department)) {
        return `scope own-department: as ${roles}, the actor belongs to no known department`;
      }
      const reach = tree.jurisdiction(actor.department).id;
      return tree.contains(reach, target.department)
        ? undefined
        : `scope own-department: ${target.department} is outside ${reach}`;
    }
  }
}
