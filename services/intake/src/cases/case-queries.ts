import {
  type CaseDocument,
  type CasePage,
  type CaseSearchFilter,
  caseListProjection,
  getCase,
  type PublicStatusView,
  publicStatus,
  publicStatusProjection,
  searchCases,
} from '@docket/case-views';
import {
  type CaseFacts,
  type CaseSearchRequest,
  intake,
  NoSuchCase,
  type ParsedRequestOf,
} from '@docket/contracts';
import { type Actor, applicationStreamName, isSystem, responsibleDepartment } from '@docket/domain';
import { type DepartmentTree, Forbidden, mayViewCase } from '@docket/identity';
import { actorOf, awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationCommands } from '../applications/application-commands';
import { normaliseQueryCode } from '../case-numbers';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';

/** Which cases a person may list: everything (auditors), their own (applicants), or a department subtree. */
export function visibleScope(actor: Actor, tree: DepartmentTree): 'all' | 'own' | string[] {
  if (isSystem(actor) || actor.roles.includes('auditor')) return 'all';
  if (actor.department !== undefined && tree.has(actor.department))
    return tree.subtree(tree.jurisdiction(actor.department).id).map((d) => d.id);
  return actor.roles.includes('applicant') ? 'own' : [];
}

/** May this person read this case: its department's staff and watchers, its co-handlers, its applicant, auditors. */
export function canViewCase(actor: Actor, doc: CaseDocument, tree: DepartmentTree): boolean {
  const applicant = doc.applicantUserId === null ? {} : { applicantUserId: doc.applicantUserId };
  return mayViewCase(actor, { department: doc.department, coHandlers: doc.coHandlers, ...applicant }, tree);
}

/** The case read models (办件查询, 进度查询) and the case file the review service opens a review from. */
@Injectable()
export class CaseQueries {
  constructor(
    @Inject(INTAKE) private readonly deps: IntakeDeps,
    private readonly applications: ApplicationCommands,
  ) {}

  async cases(
    request: ParsedRequestOf<typeof intake.cases>,
    { headers, subject }: Message,
  ): Promise<CasePage> {
    const actor = actorOf(headers, subject);
    await awaitPosition(this.deps.readModels, [caseListProjection.name], headers);
    const filter = this.filterFor(actor, request);
    if (filter === undefined) return { total: 0, totalCapped: false, items: [] };
    return searchCases(this.deps.readModels, filter, request.page, { actor, tree: this.deps.directory.tree });
  }

  async case(
    { caseNo }: ParsedRequestOf<typeof intake.case>,
    { headers, subject }: Message,
  ): Promise<CaseDocument> {
    const actor = actorOf(headers, subject);
    await awaitPosition(this.deps.readModels, [caseListProjection.name], headers);
    const viewer = { actor, tree: this.deps.directory.tree };
    const doc = await getCase(this.deps.readModels, caseNo, viewer);
    if (doc === undefined) throw new NoSuchCase(caseNo);
    if (!canViewCase(actor, doc, viewer.tree))
      throw new Forbidden('ViewCase', `case ${caseNo} is outside what ${actor.id} may see`);
    return doc;
  }

  /** 办件进度查询: public, by case number and query code; a wrong code reads like an unknown case. */
  async status(
    { caseNo, queryCode }: ParsedRequestOf<typeof intake.status>,
    { headers }: Message,
  ): Promise<PublicStatusView> {
    await awaitPosition(this.deps.readModels, [publicStatusProjection.name], headers);
    return publicStatus(this.deps.readModels, caseNo, normaliseQueryCode(queryCode));
  }

  /** For supervision and the gateway's live notices: whose the case is, whether it is closed. System only. */
  async caseFacts(
    { caseNo }: ParsedRequestOf<typeof intake.caseFacts>,
    { headers, subject }: Message,
  ): Promise<CaseFacts> {
    const actor = actorOf(headers, subject);
    if (!isSystem(actor)) throw new Forbidden('CaseFacts', 'only docket services read the case file');
    const { state } = await this.applications.runner.load(applicationStreamName(caseNo));
    if (state.item === undefined) throw new NoSuchCase(caseNo);
    const closedAt =
      state.delivery?.at ??
      state.decision?.at ??
      state.decline?.at ??
      state.withdrawal?.at ??
      state.correction?.expiredAt;
    return {
      caseNo,
      department: responsibleDepartment(state.item),
      coHandlers: state.item.joint?.coHandlers.map((c) => c.department) ?? [],
      itemCode: state.item.code,
      applicantUserId: state.submittedByApplicant ? (state.submittedBy?.id ?? null) : null,
      status: state.status,
      closedAt: closedAt ?? null,
    };
  }

  private filterFor(actor: Actor, request: CaseSearchRequest): CaseSearchFilter | undefined {
    const tree = this.deps.directory.tree;
    const scope = visibleScope(actor, tree);
    const filter: CaseSearchFilter = {};
    if (scope === 'own') filter.applicantUserId = actor.id;
    if (request.department !== undefined) {
      const asked = tree.has(request.department) ? tree.subtree(request.department).map((d) => d.id) : [];
      filter.departments =
        scope === 'all' || scope === 'own' ? asked : asked.filter((d) => scope.includes(d));
      if (filter.departments.length === 0)
        throw new Forbidden(
          'SearchCases',
          `department ${request.department} is outside what ${actor.id} may see`,
        );
    } else if (Array.isArray(scope)) {
      if (scope.length === 0) return undefined;
      filter.departments = scope;
    }
    if (request.status !== undefined) filter.status = request.status;
    if (request.itemCode !== undefined) filter.itemCode = request.itemCode;
    if (request.applicantNamePrefix !== undefined) filter.applicantNamePrefix = request.applicantNamePrefix;
    if (request.submittedFrom !== undefined) filter.submittedFrom = request.submittedFrom;
    if (request.submittedBefore !== undefined) filter.submittedBefore = request.submittedBefore;
    if (request.overdue) filter.overdue = { now: this.deps.clock.now() };
    return filter;
  }
}
