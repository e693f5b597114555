import {
  type Page,
  parseRequest,
  type SupervisionOrderItem,
  type SupervisionOrderView,
  supervision,
} from '@docket/contracts';
import { SupervisionOrderNotFound, supervisionOrderStreamName } from '@docket/domain';
import { Forbidden } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import type { Where } from '@docket/projections';
import { actorOf, awaitPosition } from '@docket/service-kit';
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
    private readonly orders: OrderCommands,
  ) {}

  async list(payload: unknown, headers: Headers, subject: string): Promise<Page<SupervisionOrderItem>> {
    const request = parseRequest(supervision.orders.request, payload ?? {});
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
  async get(payload: unknown, headers: Headers, subject: string): Promise<SupervisionOrderView> {
    const { id } = parseRequest(supervision.order.request, payload);
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'orders', tree);
    const { state, revision } = await this.orders.runner.load(supervisionOrderStreamName(id));
    if (state.status === 'not_issued') throw new SupervisionOrderNotFound();
    if (!canRead(reach, { department: state.subject.department, userId: undefined }, tree))
      throw new Forbidden('ReadSupervisionOrder', `order ${id} is outside what ${actor.id} may see`);
    return { id, revision: revision ?? null, order: state };
  }
}
