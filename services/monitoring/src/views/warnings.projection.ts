import { type ClockEvent, caseNoOfStream, utc } from '@docket/domain';
import type { Projection, ReadModelDocument, ReadModelTransaction } from '@docket/projections';
import { localDay } from './local-time';

export const CARDS = 'cards';
export const CARDS_UP = 'cards_up';
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

/** The cards up now in one department (`id` = the department), by level: what a tile shows, kept by events. */
export interface CardsUpDocument extends ReadModelDocument {
  department: string;
  yellow: number;
  red: number;
}

/** Moves a department's count of cards up at `level` by `by`. */
async function countUp(
  tx: ReadModelTransaction,
  department: string,
  level: 'yellow' | 'red',
  by: number,
): Promise<void> {
  const counts = (await tx.get<CardsUpDocument>(CARDS_UP, department)) ?? {
    id: department,
    department,
    yellow: 0,
    red: 0,
  };
  tx.put(CARDS_UP, { ...counts, [level]: counts[level] + by });
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
        indexes: [
          { fields: ['up', 'raisedAt'] },
          { fields: ['department', 'up', 'raisedAt'] },
          { fields: ['department', 'up', 'level'] },
        ],
      },
      { name: CARDS_UP },
      { name: CARD_LOG, indexes: [{ fields: ['department', 'month', 'level'] }] },
      { name: ANOMALY_LOG, indexes: [{ fields: ['department', 'month', 'rule'] }] },
    ],
    // Only the events that change a card or log an anomaly (not every warning is a card).
    filter: {
      streamPrefixes: ['clock-'],
      eventTypes: ['YellowCardRaised', 'RedCardRaised', 'CardWithdrawn', 'AnomalyDetected'],
    },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as ClockEvent;
      const caseNo = caseNoOfStream(recorded.stream)!;
      const month = localDay(recorded.occurredAt, timeZone).slice(0, 7);
      switch (event.type) {
        case 'YellowCardRaised':
        case 'RedCardRaised': {
          const d = event.data;
          const level = event.type === 'RedCardRaised' ? 'red' : 'yellow';
          const id = cardId(caseNo, d.scope, d.stepIndex, d.deadline);
          // A red card replaces the yellow one up for the same deadline: that one is no longer up.
          const replaced = await tx.get<CardDocument>(CARDS, id);
          if (replaced?.up) await countUp(tx, replaced.department, replaced.level, -1);
          await countUp(tx, d.answerableDepartment, level, +1);
          tx.put(CARDS, {
            id,
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
          const id = cardId(caseNo, d.scope, d.stepIndex, d.deadline);
          const card = await tx.get<CardDocument>(CARDS, id);
          if (card?.up) await countUp(tx, card.department, card.level, -1);
          tx.patch(CARDS, id, {
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
