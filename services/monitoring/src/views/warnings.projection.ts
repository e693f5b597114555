import { type ClockEvent, caseNoOfStream, utc } from '@docket/domain';
import type { Projection, ReadModelDocument, ReadModelTransaction } from '@docket/projections';
import { localDay } from './local-time';

export const CARDS = 'cards';
export const CARDS_UP = 'cards_up';
/** The co-handlers of a case whose limit passed unanswered (`id` = the case number): closed when it stops. */
export const OPEN_LAPSES = 'open_lapses';
export const CARD_LOG = 'card_log';
export const ANOMALY_LOG = 'anomaly_log';

/**
 * An open warning: a card (黄牌/红牌) on a case or one of its steps, for one deadline, up until withdrawn
 * (摘牌); or a co-handler's limit passed without its answer (协办超期: no card, since cards are the case's
 * and its steps', and no level), up until it answers or the case stops.
 */
export interface CardDocument extends ReadModelDocument {
  caseNo: string;
  department: string;
  level: 'yellow' | 'red' | null;
  scope: 'case' | 'step' | 'co_handler';
  stepIndex: number | null;
  /** The co-handling department whose answer is late (scope `co_handler`), otherwise null. */
  coHandler?: string | null;
  deadline: string;
  raisedAt: string;
  up: boolean;
  withdrawnAt: string | null;
}

/**
 * The open warnings in one department (`id` = the department): the cards up by level (what a tile shows)
 * and the co-handler lapses open, kept by events.
 */
export interface CardsUpDocument extends ReadModelDocument {
  department: string;
  yellow: number;
  red: number;
  lapses?: number;
}

/** Moves a department's count of open warnings of one kind by `by`. */
async function countUp(
  tx: ReadModelTransaction,
  department: string,
  kind: 'yellow' | 'red' | 'lapses',
  by: number,
): Promise<void> {
  const counts = (await tx.get<CardsUpDocument>(CARDS_UP, department)) ?? {
    id: department,
    department,
    yellow: 0,
    red: 0,
  };
  tx.put(CARDS_UP, { ...counts, [kind]: (counts[kind] ?? 0) + by });
}

const lapseId = (caseNo: string, coHandler: string) => `${caseNo}:co_handler:${coHandler}`;

/** Closes a co-handler's open lapse (it answered, or the case stopped). */
async function closeLapse(tx: ReadModelTransaction, caseNo: string, coHandler: string, at: string) {
  const id = lapseId(caseNo, coHandler);
  const lapse = await tx.get<CardDocument>(CARDS, id);
  if (!lapse?.up) return;
  await countUp(tx, lapse.department, 'lapses', -1);
  tx.patch(CARDS, id, { up: false, withdrawnAt: utc(at) });
}

/** One card a case's clock raised for a deadline and step: a red one replaces (supersedes) the yellow. */
const cardId = (caseNo: string, scope: string, stepIndex: number | undefined, deadline: string) =>
  `${caseNo}:${scope}:${stepIndex ?? 'case'}:${utc(deadline)}`;

export const WARNINGS_PROJECTION = 'monitoring-warnings.v2';

/**
 * 预警 and 报警: the cards up now (the open warnings), and a log of every card and anomaly by department
 * and local month (what a monthly score deducts for). Every document comes from its event alone: the
 * events name the answerable department.
 */
export function warningsProjection(timeZone: string): Projection {
  return {
    // v2: co-handler lapses are open warnings too (a new name replays the ledger into them on upgrade).
    name: WARNINGS_PROJECTION,
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
      { name: OPEN_LAPSES },
      { name: CARD_LOG, indexes: [{ fields: ['department', 'month', 'level'] }] },
      { name: ANOMALY_LOG, indexes: [{ fields: ['department', 'month', 'rule'] }] },
    ],
    // Only the events that change a card or log an anomaly (not every warning is a card).
    filter: {
      streamPrefixes: ['clock-'],
      eventTypes: [
        'YellowCardRaised',
        'RedCardRaised',
        'CardWithdrawn',
        'CoHandlerLimitPassed',
        'CoHandlerAnswered',
        'ClockStopped',
        'AnomalyDetected',
      ],
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
          if (replaced?.up && replaced.level !== null)
            await countUp(tx, replaced.department, replaced.level, -1);
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
          if (card?.up && card.level !== null) await countUp(tx, card.department, card.level, -1);
          tx.patch(CARDS, id, {
            up: false,
            withdrawnAt: utc(d.at),
          });
          return;
        }
        case 'CoHandlerLimitPassed': {
          const d = event.data;
          const id = lapseId(caseNo, d.department);
          if ((await tx.get<CardDocument>(CARDS, id))?.up) return; // its moved limit passed again: still open
          await countUp(tx, d.answerableDepartment, 'lapses', +1);
          tx.put(CARDS, {
            id,
            caseNo,
            department: d.answerableDepartment,
            level: null,
            scope: 'co_handler',
            stepIndex: null,
            coHandler: d.department,
            deadline: utc(d.deadline),
            raisedAt: utc(d.at),
            up: true,
            withdrawnAt: null,
          } satisfies CardDocument);
          const open = await tx.get<{ id: string; coHandlers: string[] }>(OPEN_LAPSES, caseNo);
          tx.put(OPEN_LAPSES, { id: caseNo, coHandlers: [...(open?.coHandlers ?? []), d.department] });
          return;
        }
        case 'CoHandlerAnswered': {
          await closeLapse(tx, caseNo, event.data.department, event.data.at);
          const open = await tx.get<{ id: string; coHandlers: string[] }>(OPEN_LAPSES, caseNo);
          if (open === undefined) return;
          const rest = open.coHandlers.filter((c) => c !== event.data.department);
          if (rest.length === 0) tx.delete(OPEN_LAPSES, caseNo);
          else tx.put(OPEN_LAPSES, { id: caseNo, coHandlers: rest });
          return;
        }
        case 'ClockStopped': {
          const open = await tx.get<{ id: string; coHandlers: string[] }>(OPEN_LAPSES, caseNo);
          if (open === undefined) return;
          for (const coHandler of open.coHandlers) await closeLapse(tx, caseNo, coHandler, event.data.at);
          tx.delete(OPEN_LAPSES, caseNo);
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
