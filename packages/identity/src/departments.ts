import {
  DepartmentCycle,
  DuplicateDepartment,
  InvalidDepartment,
  MisplacedDepartment,
  UnknownDepartment,
  UnknownParentDepartment,
} from './errors';

/**
 * - `district` 区: the root of a centre's tree.
 * - `street` 街道 under a district; `community` 社区 under a street.
 * - `functional` 职能部门 (market regulation, planning, fire, ...) and `window` 窗口 units (the one-stop
 *   windows) sit under a district or a street.
 */
export type DepartmentKind = 'district' | 'street' | 'community' | 'functional' | 'window';

export interface Department {
  id: string;
  name: string;
  parent?: string;
  kind: DepartmentKind;
}

export interface DepartmentTree {
  /** Every department, in the order given. */
  readonly all: readonly Department[];
  has(id: string): boolean;
  /** @throws UnknownDepartment */
  get(id: string): Department;
  /** A department contains itself and everything below it. Unknown ids are contained by nothing. */
  contains(ancestorId: string, departmentId: string): boolean;
  /** Parent first, up to the root; the department itself is not included. @throws UnknownDepartment */
  ancestors(id: string): Department[];
  /** The department itself first, then everything below it depth-first. @throws UnknownDepartment */
  subtree(id: string): Department[];
  /** Direct children, in the order given. @throws UnknownDepartment */
  children(id: string): Department[];
  /**
   * The department whose subtree a member of `id` acts for: a window unit receives cases for the
   * department it sits under (the district centre's windows take every district item), anyone else
   * acts for their own department. @throws UnknownDepartment
   */
  jurisdiction(id: string): Department;
}

/** Ids travel in actors (≤ 64 chars) and in stream names (`score-<dept>-<yyyy-mm>`), so they stay plain. */
const DEPARTMENT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const ALLOWED_PARENTS: Record<DepartmentKind, readonly DepartmentKind[]> = {
  district: [],
  street: ['district'],
  community: ['street'],
  functional: ['district', 'street'],
  window: ['district', 'street'],
};

/**
 * Validates the departments (ids, parents, no cycles, the 区/街道/社区 placement) and answers questions
 * about the tree. Validation is complete before anything is answered, so a tree in hand is always sound.
 */
export function createDepartmentTree(departments: readonly Department[]): DepartmentTree {
  const byId = new Map<string, Department>();
  for (const department of departments) {
    if (!DEPARTMENT_ID.test(department.id)) {
      throw new InvalidDepartment(
        department.id,
        'ids are 1-64 of a-z, 0-9 and -, starting with a letter or digit',
      );
    }
    if (!Object.hasOwn(ALLOWED_PARENTS, department.kind)) {
      throw new InvalidDepartment(department.id, `unknown kind ${String(department.kind)}`);
    }
    if (department.name.trim() === '') throw new InvalidDepartment(department.id, 'a name is required');
    if (byId.has(department.id)) throw new DuplicateDepartment(department.id);
    byId.set(department.id, { ...department });
  }
  for (const department of byId.values()) {
    if (department.parent !== undefined && !byId.has(department.parent)) {
      throw new UnknownParentDepartment(department.id, department.parent);
    }
  }
  for (const department of byId.values()) rejectCycle(department, byId);
  for (const department of byId.values()) checkPlacement(department, byId);

  const childrenOf = new Map<string, Department[]>();
  for (const department of byId.values()) {
    if (department.parent === undefined) continue;
    const siblings = childrenOf.get(department.parent) ?? [];
    siblings.push(department);
    childrenOf.set(department.parent, siblings);
  }

  const get = (id: string): Department => {
    const department = byId.get(id);
    if (!department) throw new UnknownDepartment(id);
    return department;
  };
  const ancestors = (id: string): Department[] => {
    const chain: Department[] = [];
    let parent = get(id).parent;
    while (parent !== undefined) {
      const next = get(parent);
      chain.push(next);
      parent = next.parent;
    }
    return chain;
  };
  const subtree = (id: string): Department[] => {
    const root = get(id);
    const out: Department[] = [];
    const visit = (department: Department): void => {
      out.push(department);
      for (const child of childrenOf.get(department.id) ?? []) visit(child);
    };
    visit(root);
    return out;
  };

  return {
    all: [...byId.values()],
    has: (id) => byId.has(id),
    get,
    contains: (ancestorId, departmentId) => {
      if (!byId.has(ancestorId) || !byId.has(departmentId)) return false;
      return ancestorId === departmentId || ancestors(departmentId).some((d) => d.id === ancestorId);
    },
    ancestors,
    subtree,
    children: (id) => {
      get(id);
      return [...(childrenOf.get(id) ?? [])];
    },
    jurisdiction: (id) => {
      const department = get(id);
      return department.kind === 'window' && department.parent !== undefined
        ? get(department.parent)
        : department;
    },
  };
}

/**
 * The root of the tree, its district: what concerns the centre as a whole (its calendar, its audit
 * ledger, a complaint about no department in particular) belongs to it.
 */
export function rootOf(tree: DepartmentTree): string {
  const root = tree.all.find((department) => department.parent === undefined);
  if (root === undefined) throw new Error('the department tree is empty: it has no root');
  return root.id;
}

/**
 * 本级人民政府 (行政许可法 Art. 42): the department that stands for the people's government at the level of
 * `department`: the district (区人民政府) it belongs to, itself if it is one. A street (街道办事处) is the
 * district government's agency, not a government of its own, so a street's departments belong to their
 * district too. Undefined for a department the tree does not know.
 */
export function governmentOf(tree: DepartmentTree, department: string): string | undefined {
  if (!tree.has(department)) return undefined;
  const own = tree.get(department);
  if (own.kind === 'district') return own.id;
  return tree.ancestors(department).find((d) => d.kind === 'district')?.id;
}

function rejectCycle(start: Department, byId: Map<string, Department>): void {
  const seen: string[] = [start.id];
  let parent = start.parent;
  while (parent !== undefined) {
    if (parent === start.id) throw new DepartmentCycle([...seen, parent]);
    // A cycle further up that does not pass through `start` is reported from one of its own members.
    if (seen.includes(parent)) return;
    seen.push(parent);
    parent = byId.get(parent)?.parent;
  }
}

function checkPlacement(department: Department, byId: Map<string, Department>): void {
  const allowed = ALLOWED_PARENTS[department.kind];
  if (department.parent === undefined) {
    if (allowed.length > 0) {
      throw new MisplacedDepartment(
        department.id,
        department.kind,
        `needs a parent (${allowed.join(' or ')})`,
      );
    }
    return;
  }
  const parentKind = byId.get(department.parent)?.kind;
  if (parentKind === undefined || !allowed.includes(parentKind)) {
    const where = allowed.length === 0 ? 'is a root and has no parent' : `sits under ${allowed.join(' or ')}`;
    throw new MisplacedDepartment(
      department.id,
      department.kind,
      `${where}, not under ${parentKind ?? 'nothing'}`,
    );
  }
}
