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
  /** Every match, counted up to SEARCH_DEPTH. */
  total: number;
  /** The count stopped at `total`: more cases match (narrow the search to see them). */
  totalCapped: boolean;
  items: CaseDocument[];
}

/**
 * How deep a search is counted and paged (Elasticsearch's max_result_window has the same reason):
 * counting 1,000,000 matches costs seconds, and nobody pages past the 500th page of 20.
 */
export const SEARCH_DEPTH = 10_000;

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

/**
 * 办件查询: newest submissions first (id breaks ties), offset paging with the total up to SEARCH_DEPTH.
 * The count decides the plan: a search with more matches than that is broad (a whole department, a
 * common surname), so its page is found by walking the cases newest first and checking the filter,
 * where sorting every match first would take seconds at a million cases; a narrower one is read in its
 * filter's index and sorted.
 */
export async function searchCases(
  store: ReadModelStore,
  filter: CaseSearchFilter,
  page: Page,
  viewer: CaseViewer,
  depth = SEARCH_DEPTH,
): Promise<CasePage> {
  const where = caseSearchWhere(filter);
  const counted = await store.count(CASES, where, { atMost: depth + 1 });
  const totalCapped = counted > depth;
  const docs = await store.find<CaseDocument>(CASES, {
    where,
    orderBy: [
      { field: 'submittedAt', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ],
    offset: page.offset,
    limit: Math.max(0, Math.min(page.limit, depth - page.offset)),
    walkOrder: totalCapped,
  });
  return {
    total: Math.min(counted, depth),
    totalCapped,
    items: docs.map((d) => maskCase(d, viewer)),
  };
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
