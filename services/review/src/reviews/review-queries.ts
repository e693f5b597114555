import { type InboxItem, inbox, inboxProjection, STAFF_ROLES } from '@docket/case-views';
import { NoReviewYet, type ParsedRequestOf, type ReviewView, review } from '@docket/contracts';
import { type Actor, isSystem, reviewStreamName } from '@docket/domain';
import { type DepartmentTree, Forbidden, mayViewCase } from '@docket/identity';
import { actorOf, awaitPosition, type Message, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { REVIEW } from '../tokens';
import { ReviewCommands } from './review-commands';

/** An inbox page as the API answers it (the query key stays in the read model). */
type InboxPageView = { total: number; items: Omit<InboxItem, 'rolesKey'>[] };

/** The departments whose work a person may list: their jurisdiction's subtree; auditors every one. */
function inboxDepartments(actor: Actor, tree: DepartmentTree): string[] {
  if (isSystem(actor) || actor.roles.includes('auditor')) return tree.all.map((d) => d.id);
  if (actor.department === undefined || !tree.has(actor.department)) return [];
  return tree.subtree(tree.jurisdiction(actor.department).id).map((d) => d.id);
}

/** 分派 filter: `mine` is the viewer, `unassigned` the department's pool (null), anything else a user id. */
const assigneeOf = (asked: string, actor: Actor): string | null =>
  asked === 'mine' ? actor.id : asked === 'unassigned' ? null : asked;

/**
 * Whose roles' work to list: the role asked for; else, for staff, every role they hold; nothing to narrow
 * by for watchers, or when asking for work assigned to someone (分派: a head sees what an officer holds).
 */
function inboxRoles(request: ParsedRequestOf<typeof review.inbox>, actor: Actor): string[] | undefined {
  if (request.role !== undefined) return [request.role];
  if (request.assignee !== undefined && request.assignee !== 'unassigned') return undefined;
  const staffRoles = STAFF_ROLES.filter((role) => actor.roles.includes(role));
  return staffRoles.length === 0 ? undefined : staffRoles;
}

/** The department inbox (待办, a read model) and a case's review (folded from its stream). */
@Injectable()
export class ReviewQueries {
  constructor(
    @Inject(REVIEW) private readonly deps: ServiceDeps,
    private readonly reviews: ReviewCommands,
  ) {}

  /**
   * 待办列表: staff see the work their roles may do; watchers (monitors, supervisors, auditors) see every
   * open piece of work in their reach. A page at a time, most urgent first.
   */
  async inbox(
    request: ParsedRequestOf<typeof review.inbox>,
    { headers, subject }: Message,
  ): Promise<InboxPageView> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    await awaitPosition(this.deps.readModels, [inboxProjection.name], headers);
    let departments = inboxDepartments(actor, tree);
    if (request.department !== undefined) {
      if (!departments.includes(request.department))
        throw new Forbidden('Inbox', `department ${request.department} is outside what ${actor.id} may see`);
      departments = [request.department];
    }
    if (departments.length === 0) return { total: 0, items: [] };
    const { page, itemCode, deadlineFrom, deadlineBefore } = request;
    const roles = inboxRoles(request, actor);
    const { total, items } = await inbox(
      this.deps.readModels,
      {
        departments,
        ...(roles === undefined ? {} : { roles }),
        ...(request.assignee === undefined ? {} : { assignee: assigneeOf(request.assignee, actor) }),
        ...(itemCode === undefined ? {} : { itemCode }),
        ...(deadlineFrom === undefined ? {} : { deadlineFrom }),
        ...(deadlineBefore === undefined ? {} : { deadlineBefore }),
      },
      page,
    );
    return { total, items: items.map(({ rolesKey: _key, ...item }) => item) };
  }

  /** A case's review: tasks, steps with every completion, opinions and outcome, straight from its stream. */
  async review(
    { caseNo }: ParsedRequestOf<typeof review.review>,
    { headers, subject }: Message,
  ): Promise<ReviewView> {
    const actor = actorOf(headers, subject);
    const { state, revision } = await this.reviews.runner.load(reviewStreamName(caseNo));
    if (state.status === 'not_opened') throw new NoReviewYet(caseNo);
    const scope = {
      department: state.main.department,
      coHandlers: state.coHandlers.map((c) => c.department),
    };
    if (!mayViewCase(actor, scope, this.deps.directory.tree))
      throw new Forbidden('ViewReview', `case ${caseNo} is outside what ${actor.id} may see`);
    return { caseNo, revision: revision ?? null, review: state };
  }
}
