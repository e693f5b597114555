import type { SupervisionOrderItem } from '@docket/contracts';
import { type SupervisionOrderEvent, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { localMonth } from '../views/local-time';

export const ORDERS = 'orders';
export const ORDERS_PROJECTION = 'supervision-orders';

/** One supervision order (督办单) for the lists, the monthly count and the timer. Instants UTC. */
export interface SupervisionOrderDocument extends SupervisionOrderItem, ReadModelDocument {
  id: string;
  /** When the reply limit passes while the order is unanswered and not flagged: what the timer looks for. */
  replyDueAt: string | null;
}

/** 督办台账: one document per order, from its own events only (the replay rule). */
export function ordersProjection(timeZone: string): Projection {
  return {
    name: ORDERS_PROJECTION,
    collections: [
      {
        name: ORDERS,
        indexes: [
          { fields: ['department', 'status', 'issuedAt'] },
          { fields: ['status', 'issuedAt'] },
          { fields: ['department', 'month'] },
          { fields: ['replyDueAt'] },
        ],
      },
    ],
    filter: { streamPrefixes: ['order-'] },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as SupervisionOrderEvent;
      const id = recorded.stream.slice('order-'.length);
      switch (event.type) {
        case 'SupervisionOrderIssued': {
          const d = event.data;
          tx.put(ORDERS, {
            id,
            status: 'issued',
            caseNo: d.subject.caseNo ?? null,
            department: d.subject.department,
            requirement: d.requirement,
            replyWorkingDays: d.replyWorkingDays,
            replyBy: utc(d.replyBy),
            issuerRole: d.issuerRole,
            issuedAt: utc(d.at),
            issuedBy: d.by,
            month: localMonth(d.at, timeZone),
            replyOverdue: false,
            answeredAt: null,
            answerLate: null,
            closedAt: null,
            replyDueAt: utc(d.replyBy),
          } satisfies SupervisionOrderDocument);
          return;
        }
        case 'SupervisionOrderAnswered':
          tx.patch(ORDERS, id, {
            status: 'answered',
            answeredAt: utc(event.data.at),
            answerLate: event.data.late,
            replyDueAt: null,
          } satisfies Partial<SupervisionOrderDocument>);
          return;
        case 'SupervisionOrderReplyOverdue':
          tx.patch(ORDERS, id, { replyOverdue: true, replyDueAt: null });
          return;
        case 'SupervisionOrderClosed':
          tx.patch(ORDERS, id, { status: 'closed', closedAt: utc(event.data.at), replyDueAt: null });
          return;
        default:
          return;
      }
    },
  };
}
