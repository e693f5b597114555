import type { Actor } from '@docket/domain';
import { createDepartmentTree, type Department, type DepartmentTree } from './departments';

/**
 * The seeded centre of the embedded mode and the tests: Huangpu district (黄浦区) with its one-stop window,
 * three functional departments, and two streets with a community each. Ids are stable: events, tokens and
 * tests refer to them; the embedded mode seeds them and the end-to-end scenarios act as them.
 */
export const demoDepartments: readonly Department[] = [
  { id: 'huangpu', name: '黄浦区', kind: 'district' },
  { id: 'huangpu-window', name: '黄浦区行政服务中心综合窗口', parent: 'huangpu', kind: 'window' },
  { id: 'huangpu-market', name: '黄浦区市场监督管理局', parent: 'huangpu', kind: 'functional' },
  { id: 'huangpu-planning', name: '黄浦区规划和自然资源局', parent: 'huangpu', kind: 'functional' },
  { id: 'huangpu-fire', name: '黄浦区消防救援支队', parent: 'huangpu', kind: 'functional' },
  { id: 'huangpu-nanjingdong', name: '南京东路街道', parent: 'huangpu', kind: 'street' },
  {
    id: 'huangpu-nanjingdong-window',
    name: '南京东路街道社区事务受理服务中心',
    parent: 'huangpu-nanjingdong',
    kind: 'window',
  },
  { id: 'huangpu-nanjingdong-guizhou', name: '贵州路社区', parent: 'huangpu-nanjingdong', kind: 'community' },
  { id: 'huangpu-waitan', name: '外滩街道', parent: 'huangpu', kind: 'street' },
  { id: 'huangpu-waitan-jinling', name: '金陵社区', parent: 'huangpu-waitan', kind: 'community' },
];

const person = (id: string, name: string, roles: Actor['roles'], department?: string): Actor =>
  department === undefined ? { id, name, roles } : { id, name, roles, department };

/** One seeded person per role and place the demo and the tests need. Keys are for code; ids are stable. */
export const demoUsers = {
  admin: person('u-admin', '赵管理', ['admin'], 'huangpu'),
  clerk: person('u-clerk-wang', '王敏', ['clerk'], 'huangpu-window'),
  streetClerk: person('u-clerk-sun', '孙丽', ['clerk'], 'huangpu-nanjingdong-window'),
  // 市场监管: the department of the demo catalogue's food business licence.
  officer: person('u-officer-li', '李强', ['officer'], 'huangpu-market'),
  reviewer: person('u-reviewer-chen', '陈静', ['reviewer'], 'huangpu-market'),
  head: person('u-head-zhou', '周伟', ['head'], 'huangpu-market'),
  // 规划资源 and 消防: co-handlers of joint cases.
  planningOfficer: person('u-officer-he', '何军', ['officer'], 'huangpu-planning'),
  planningReviewer: person('u-reviewer-ma', '马丽华', ['reviewer'], 'huangpu-planning'),
  planningHead: person('u-head-guo', '郭建国', ['head'], 'huangpu-planning'),
  fireOfficer: person('u-officer-xu', '徐磊', ['officer'], 'huangpu-fire'),
  fireHead: person('u-head-lin', '林峰', ['head'], 'huangpu-fire'),
  streetOfficer: person('u-officer-tang', '唐敏', ['officer'], 'huangpu-nanjingdong'),
  // 电子监察 and 效能监察 watch the whole district; one street monitor watches only its street.
  monitor: person('u-monitor-sun', '孙海', ['monitor'], 'huangpu'),
  streetMonitor: person('u-monitor-jiang', '蒋红', ['monitor'], 'huangpu-nanjingdong'),
  supervisor: person('u-supervisor-qian', '钱正', ['supervisor'], 'huangpu'),
  // 本级人民政府负责人 (行政许可法 Art. 42): the deputy district head in charge (区政府分管副区长), who approves a
  // joint case's extension; at the district, the root.
  governmentHead: person('u-gov-deputy-feng', '冯志远', ['government_head'], 'huangpu'),
  auditor: person('u-auditor-wu', '吴审', ['auditor'], 'huangpu'),
  applicant: person('u-applicant-liu', '刘洋', ['applicant']),
  otherApplicant: person('u-applicant-yang', '杨帆', ['applicant']),
} as const satisfies Record<string, Actor>;

export interface Directory {
  readonly tree: DepartmentTree;
  readonly users: readonly Actor[];
  /** A seeded user by id, or undefined. */
  findUser(id: string): Actor | undefined;
}

/** The demo centre as one value: its department tree and users (every user's department is in the tree). */
export function demoDirectory(): Directory {
  const tree = createDepartmentTree(demoDepartments);
  const users = Object.values(demoUsers);
  const byId = new Map(users.map((user) => [user.id, user]));
  return { tree, users, findUser: (id) => byId.get(id) };
}
