import {
  type Page,
  type ParsedRequestOf,
  type SupervisionOrderItem,
  type SupervisionOrderView,
  supervision,
} from '@docket/contracts';
import { SupervisionOrderNotFound, supervisionOrderStreamName } from '@docket/domain';
import { Forbidden } from '@docket/identity';
import type { Where } from '@docket/projections';
import { actorOf, awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';
import { canRead, departmentsFor, reachOf } from '../views/visibility';
import { OrderCommands } from './order-commands';
import { ORDERS, ORDERS_PROJECTION, type SupervisionOrderDocument } from './orders.projection';

/** 督办台账 (a read model, by status and department, newest first) and one order (from its stream). */
@Injectable()
export class OrderQueries {
  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly commands: OrderCommands,
  ) {}

  async orders(
    request: ParsedRequestOf<typeof supervision.orders>,
    { headers, subject }: Message,
  ): Promise<Page<SupervisionOrderItem>> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'orders', tree);
    const departments = departmentsFor(reach, request.department, tree, 'ListSupervisionOrders');
    await awaitPosition(this.deps.readModels, [ORDERS_PROJECTION], headers);
    const where: Where = {};
    if (departments !== undefined) where.department = { in: departments };
    if (request.status !== undefined) where.status = { in: request.status };
    const store = this.deps.readModels;
    const [total, docs] = await Promise.all([
      store.count(ORDERS, where),
      store.find<SupervisionOrderDocument>(ORDERS, {
        where,
        orderBy: [{ field: 'issuedAt', direction: 'desc' }],
        offset: request.page.offset,
        limit: request.page.limit,
      }),
    ]);
    return { total, items: docs.map(({ replyDueAt: _, ...item }) => item) };
  }

  /** One order, folded from its stream: always current, with its revision for If-Match. */
  async order(
    { id }: ParsedRequestOf<typeof supervision.order>,
    { headers, subject }: Message,
  ): Promise<SupervisionOrderView> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'orders', tree);
    const { state, revision } = await this.commands.runner.load(supervisionOrderStreamName(id));
    if (state.status === 'not_issued') throw new SupervisionOrderNotFound();
    if (!canRead(reach, { department: state.subject.department, userId: undefined }, tree))
      throw new Forbidden('ReadSupervisionOrder', `order ${id} is outside what ${actor.id} may see`);
    return { id, revision: revision ?? null, order: state };
  }
}
