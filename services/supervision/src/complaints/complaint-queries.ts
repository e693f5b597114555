import type { ParsedRequestOf } from '@docket/contracts';
import { type ComplaintItem, type ComplaintView, type Page, supervision } from '@docket/contracts';
import { ComplaintNotFound, complaintStreamName } from '@docket/domain';
import { Forbidden, rootOf } from '@docket/identity';
import type { Where } from '@docket/projections';
import { actorOf, awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';
import { canRead, canSeeComplainantPhone, departmentsFor, phoneFor, reachOf } from '../views/visibility';
import { ComplaintCommands } from './complaint-commands';
import {
  CENTRE_SCOPE,
  COMPLAINTS,
  COMPLAINTS_PROJECTION,
  type ComplaintDocument,
} from './complaints.projection';

/** 投诉台账 (a read model, by status and department, newest first) and one complaint (from its stream). */
@Injectable()
export class ComplaintQueries {
  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly commands: ComplaintCommands,
  ) {}

  async complaints(
    request: ParsedRequestOf<typeof supervision.complaints>,
    { headers, subject }: Message,
  ): Promise<Page<ComplaintItem>> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'complaints', tree);
    const departments = departmentsFor(reach, request.department, tree, 'ListComplaints');
    await awaitPosition(this.deps.readModels, [COMPLAINTS_PROJECTION], headers);
    const where: Where = {};
    if (departments !== undefined) {
      // A complaint about the centre as a whole is seen by whoever may see its root.
      const scopes = departments.includes(rootOf(tree)) ? [...departments, CENTRE_SCOPE] : departments;
      where.scope = { in: scopes };
    }
    if (reach.kind === 'own') where.complainantUserId = reach.userId;
    if (request.status !== undefined) where.status = { in: request.status };
    const store = this.deps.readModels;
    const [total, docs] = await Promise.all([
      store.count(COMPLAINTS, where),
      store.find<ComplaintDocument>(COMPLAINTS, {
        where,
        orderBy: [{ field: 'submittedAt', direction: 'desc' }],
        offset: request.page.offset,
        limit: request.page.limit,
      }),
    ]);
    return {
      total,
      items: docs.map(
        ({ scope: _, complainantUserId: __, acceptDueAt: ___, substantiatedMonth: ____, ...item }) => {
          const visible = canSeeComplainantPhone(
            actor,
            { department: item.department ?? undefined, userId: item.complainant.userId ?? undefined },
            tree,
          );
          return {
            ...item,
            complainant: { ...item.complainant, phone: phoneFor(item.complainant.phone, visible) ?? null },
          };
        },
      ),
    };
  }

  /** One complaint, folded from its stream: always current, with its revision for If-Match. */
  async complaint(
    { id }: ParsedRequestOf<typeof supervision.complaint>,
    { headers, subject }: Message,
  ): Promise<ComplaintView> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'complaints', tree);
    const { state, revision } = await this.commands.runner.load(complaintStreamName(id));
    if (state.status === 'not_submitted') throw new ComplaintNotFound();
    const about = { department: state.subject.department, userId: state.complainant.userId };
    if (!canRead(reach, about, tree))
      throw new Forbidden('ReadComplaint', `complaint ${id} is outside what ${actor.id} may see`);
    const phone = phoneFor(state.complainant.phone, canSeeComplainantPhone(actor, about, tree));
    return {
      id,
      revision: revision ?? null,
      complaint: {
        ...state,
        complainant: { ...state.complainant, ...(phone === undefined || phone === null ? {} : { phone }) },
      },
    };
  }
}
