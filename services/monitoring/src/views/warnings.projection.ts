import type { ClockEvent } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { localDay, utc } from './local-time';

export const CARDS = 'cards';
export const CARD_LOG = 'card_log';
export const ANOMALY_LOG = 'anomaly_log';

/** A card (黄牌/红牌) on a case or one of its steps, for one deadline: up until withdrawn (摘牌). */
export interface CardDocument extends ReadModelDocument {
  caseNo: string;
  department: string;
  level: 'yellow' | 'red';
  scope: 'case' | 'step';
  stepIndex: number | null;
  deadline: string;
  raisedAt: string;
  up: boolean;
  withdrawnAt: string | null;
}

/** One card a case's clock raised for a deadline and step: a red one replaces (supersedes) the yellow. */
const cardId = (caseNo: string, scope: string, stepIndex: number | undefined, deadline: string) =>
  `${caseNo}:${scope}:${stepIndex ?? 'case'}:${utc(deadline)}`;

/**
 * 预警 and 报警: the cards up now (the open warnings), and a log of every card and anomaly by department
 * and local month (what a monthly score deducts for). Every document comes from its event alone: the
 * events name the answerable department.
 */
export function warningsProjection(timeZone: string): Projection {
  return {
    name: 'monitoring-warnings',
    collections: [
      {
        name: CARDS,
        indexes: [{ fields: ['department', 'up', 'raisedAt'] }, { fields: ['department', 'up', 'level'] }],
      },
      { name: CARD_LOG, indexes: [{ fields: ['department', 'month', 'level'] }] },
      { name: ANOMALY_LOG, indexes: [{ fields: ['department', 'month', 'rule'] }] },
    ],
    filter: { streamPrefixes: ['clock-'] },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as ClockEvent;
      const caseNo = recorded.stream.slice('clock-'.length);
      const month = localDay(recorded.occurredAt, timeZone).slice(0, 7);
      switch (event.type) {
        case 'YellowCardRaised':
        case 'RedCardRaised': {
          const d = event.data;
          const level = event.type === 'RedCardRaised' ? 'red' : 'yellow';
          tx.put(CARDS, {
            id: cardId(caseNo, d.scope, d.stepIndex, d.deadline),
            caseNo,
            department: d.answerableDepartment,
            level,
            scope: d.scope,
            stepIndex: d.stepIndex ?? null,
            deadline: utc(d.deadline),
            raisedAt: utc(d.at),
            up: true,
            withdrawnAt: null,
          } satisfies CardDocument);
          tx.put(CARD_LOG, { id: recorded.id, caseNo, department: d.answerableDepartment, month, level });
          return;
        }
        case 'CardWithdrawn': {
          const d = event.data;
          tx.patch(CARDS, cardId(caseNo, d.scope, d.stepIndex, d.deadline), {
            up: false,
            withdrawnAt: utc(d.at),
          });
          return;
        }
        case 'AnomalyDetected': {
          const d = event.data;
          tx.put(ANOMALY_LOG, {
            id: recorded.id,
            caseNo,
            department: d.department ?? null,
            month,
            rule: d.rule,
          });
          return;
        }
        default:
          return;
      }
    },
  };
}
