import { type Actor, utc } from '@docket/domain';
import { type DepartmentTree, maskApplicant } from '@docket/identity';
import type { FieldRange, ReadModelStore, Where } from '@docket/projections';
import { type CaseStatus, RUNNING_STATUSES } from '../case-status';
import type { CaseDocument } from './case-document';
import { CASES } from './projection';

/** Who is looking: personal data is masked for them at query time (PIPL), never dropped from the model. */
export interface CaseViewer {
  actor: Actor;
  tree: DepartmentTree;
}

export interface CaseSearchFilter {
  /** The departments the actor may see (the gateway passes their subtree). Empty: no case. */
  departments?: readonly string[];
  status?: CaseStatus | readonly CaseStatus[];
  itemCode?: string;
  /** The applicant's own cases (those they submitted online with their account). */
  applicantUserId?: string;
  /** Start of the applicant's name (Unicode code points, so `张` finds 张三). */
  applicantNamePrefix?: string;
  /** Submitted at or after this instant. */
  submittedFrom?: string;
  /** Submitted before this instant. */
  submittedBefore?: string;
  /** 超期: running cases whose promised deadline is before `now`. */
  overdue?: { now: string };
}

export interface Page {
  offset: number;
  limit: number;
}

export interface CasePage {
  total: number;
  items: CaseDocument[];
}

function statusCondition(filter: CaseSearchFilter): CaseStatus[] | undefined {
  const asked =
    filter.status === undefined
      ? undefined
      : typeof filter.status === 'string'
        ? [filter.status]
        : [...filter.status];
  if (!filter.overdue) return asked;
  return (asked ?? [...RUNNING_STATUSES]).filter((s) => RUNNING_STATUSES.includes(s));
}

/** The filter as a store condition: only indexed fields, so every search uses an index. */
export function caseSearchWhere(filter: CaseSearchFilter): Where {
  const where: Where = {};
  if (filter.departments !== undefined) where.department = { in: [...filter.departments] };
  const statuses = statusCondition(filter);
  if (statuses !== undefined) where.status = { in: statuses };
  if (filter.itemCode !== undefined) where.itemCode = filter.itemCode;
  if (filter.applicantUserId !== undefined) where.applicantUserId = filter.applicantUserId;
  if (filter.applicantNamePrefix !== undefined) where.applicantName = { prefix: filter.applicantNamePrefix };
  const submitted: FieldRange = {};
  if (filter.submittedFrom !== undefined) submitted.gte = utc(filter.submittedFrom);
  if (filter.submittedBefore !== undefined) submitted.lt = utc(filter.submittedBefore);
  if (Object.keys(submitted).length > 0) where.submittedAt = submitted;
  if (filter.overdue) where.promisedDeadline = { lt: utc(filter.overdue.now) };
  return where;
}

/** The case as this viewer may see it: the applicant's ID number, phone and address masked if needed. */
export function maskCase(doc: CaseDocument, viewer: CaseViewer): CaseDocument {
  const scope = {
    department: doc.department,
    coHandlers: doc.coHandlers,
    ...(doc.applicantUserId === null ? {} : { applicantUserId: doc.applicantUserId }),
  };
  return { ...doc, applicant: maskApplicant(doc.applicant, viewer.actor, scope, viewer.tree) };
}

/** 办件查询: newest submissions first (id breaks ties), offset paging with the total. */
export async function searchCases(
  store: ReadModelStore,
  filter: CaseSearchFilter,
  page: Page,
  viewer: CaseViewer,
): Promise<CasePage> {
  const where = caseSearchWhere(filter);
  const [total, docs] = await Promise.all([
    store.count(CASES, where),
    store.find<CaseDocument>(CASES, {
      where,
      orderBy: [
        { field: 'submittedAt', direction: 'desc' },
        { field: 'id', direction: 'asc' },
      ],
      offset: page.offset,
      limit: page.limit,
    }),
  ]);
  return { total, items: docs.map((d) => maskCase(d, viewer)) };
}

/** One case by its number, masked for the viewer; undefined when there is no such case. */
export async function getCase(
  store: ReadModelStore,
  caseNo: string,
  viewer: CaseViewer,
): Promise<CaseDocument | undefined> {
  const doc = await store.get<CaseDocument>(CASES, caseNo);
  return doc && maskCase(doc, viewer);
}
