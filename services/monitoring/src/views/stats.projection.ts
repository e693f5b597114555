import { type ClockEventOf, responsibleDepartment } from '@docket/domain';
import type { Projection, ReadModelDocument, ReadModelTransaction } from '@docket/projections';
import { localDay } from './local-time';

export const DAILY = 'daily';
export const MONTHLY = 'monthly';

/**
 * Counters of one department, one item (or `-` for what belongs to no item), over one local day
 * (`daily`, `day` yyyy-mm-dd) or one local month (`monthly`, `month` yyyy-mm): the same counters twice,
 * so a period of whole months adds up twelve documents per department and item a year, not 365.
 */
export interface DailyFigures extends ReadModelDocument {
  department: string;
  itemCode: string;
  day?: string;
  month?: string;
  received: number;
  accepted: number;
  closed: number;
  closedOnTime: number;
  closedEarly: number;
  usedWorkingDays: number;
  availableWorkingDays: number;
  reminders: number;
  yellow: number;
  red: number;
  complaints: number;
}

const COUNTERS = [
  'received',
  'accepted',
  'closed',
  'closedOnTime',
  'closedEarly',
  'usedWorkingDays',
  'availableWorkingDays',
  'reminders',
  'yellow',
  'red',
  'complaints',
] as const;

type Counts = Partial<Record<(typeof COUNTERS)[number], number>>;

async function addTo(
  tx: ReadModelTransaction,
  collection: string,
  key:
    | { department: string; itemCode: string; day: string }
    | { department: string; itemCode: string; month: string },
  counts: Counts,
): Promise<void> {
  const id = `${key.department}|${key.itemCode}|${'day' in key ? key.day : key.month}`;
  const doc =
    (await tx.get<DailyFigures>(collection, id)) ??
    ({ id, ...key, ...Object.fromEntries(COUNTERS.map((c) => [c, 0])) } as DailyFigures);
  const next = { ...doc };
  for (const [counter, n] of Object.entries(counts)) next[counter] = (doc[counter] as number) + (n ?? 0);
  tx.put(collection, next);
}

async function add(
  tx: ReadModelTransaction,
  key: { department: string; itemCode: string; day: string },
  counts: Counts,
): Promise<void> {
  const { department, itemCode, day } = key;
  await addTo(tx, DAILY, key, counts);
  await addTo(tx, MONTHLY, { department, itemCode, month: day.slice(0, 7) }, counts);
}

/**
 * 统计: what the tiles and rates add up over a period, kept per department, item and local day, so a
 * period of a year over a million cases is a few thousand documents. From each event alone (and the
 * counter it adds to): received from the submission, accepted and closed from the clock, warnings from
 * the clock (answerable department), complaints from supervision.
 */
export function statsProjection(timeZone: string): Projection {
  return {
    name: 'monitoring-stats',
    collections: [
      { name: DAILY, indexes: [{ fields: ['department', 'day'] }, { fields: ['day'] }] },
      { name: MONTHLY, indexes: [{ fields: ['department', 'month'] }, { fields: ['month'] }] },
    ],
    // Only the events counted below.
    filter: {
      streamPrefixes: ['application-', 'clock-', 'complaint-'],
      eventTypes: [
        'ApplicationSubmitted',
        'ClockStarted',
        'ClockStopped',
        'ReminderIssued',
        'YellowCardRaised',
        'RedCardRaised',
        'ComplaintSubmitted',
      ],
    },
    async apply(recorded, tx) {
      const day = localDay(recorded.occurredAt, timeZone);
      const data = recorded.data as Record<string, unknown>;
      switch (recorded.type) {
        case 'ApplicationSubmitted': {
          const item = data.item as { code: string; department: string; joint?: { leadDepartment: string } };
          const department = responsibleDepartment(item);
          return add(tx, { department, itemCode: item.code, day }, { received: 1 });
        }
        case 'ClockStarted': {
          const d = data as ClockEventOf<'ClockStarted'>['data'];
          return add(tx, { department: d.department, itemCode: d.itemCode, day }, { accepted: 1 });
        }
        case 'ClockStopped': {
          const d = data as ClockEventOf<'ClockStopped'>['data'];
          if (d.outcome === 'withdrawn') return;
          return add(
            tx,
            { department: d.department, itemCode: d.itemCode, day },
            {
              closed: 1,
              closedOnTime: d.onTime ? 1 : 0,
              // 提前办结: at least a working day left on the promised limit.
              closedEarly: d.availableWorkingDays - d.usedWorkingDays >= 1 ? 1 : 0,
              usedWorkingDays: d.usedWorkingDays,
              availableWorkingDays: d.availableWorkingDays,
            },
          );
        }
        case 'ReminderIssued':
        case 'YellowCardRaised':
        case 'RedCardRaised': {
          const counter =
            recorded.type === 'ReminderIssued'
              ? 'reminders'
              : recorded.type === 'RedCardRaised'
                ? 'red'
                : 'yellow';
          return add(
            tx,
            { department: data.answerableDepartment as string, itemCode: '-', day },
            { [counter]: 1 },
          );
        }
        case 'ComplaintSubmitted': {
          const department = (data.subject as { department?: string }).department;
          if (department === undefined) return;
          return add(tx, { department, itemCode: '-', day }, { complaints: 1 });
        }
        default:
          return;
      }
    },
  };
}
