import { type ClockEvent, type ClockEventOf, caseNoOfStream, utc } from '@docket/domain';
import type { Projection, ReadModelDocument, ReadModelTransaction } from '@docket/projections';

export const CLOCKS = 'clocks';
export const OPEN_CLOCKS = 'open_clocks';

/** One case's clock as the timer scheduler and the tiles need it. Instants UTC; absent values null. */
export interface ClockDocument extends ReadModelDocument {
  caseNo: string;
  department: string;
  itemCode: string;
  itemName: string;
  status: 'running' | 'paused' | 'stopped';
  startedAt: string;
  promisedDeadline: string;
  statutoryDeadline: string;
  /** When the next warning is due: the scheduler evaluates clocks whose nextDueAt has passed. */
  nextDueAt: string | null;
  /**
   * The revision of the clock's last event applied here: the scheduler trusts a clock state it holds in
   * memory only if it is at least this recent (absent in documents projected before it was recorded).
   */
  revision?: number;
  /** The card up on the case itself (not its steps). */
  caseCard: 'none' | 'yellow' | 'red';
  /** 超期: the clock recorded its promised deadline passing, and the deadline has not moved since. */
  overdue: boolean;
  outcome: string | null;
  stoppedAt: string | null;
}

/**
 * 在办 and 超期 of one department now (`id` = the department): kept by the clocks' events, so a tile
 * reads one document instead of counting a department's open clocks (a million cases, a hundred thousand
 * open, would make every tile count tens of thousands of documents).
 */
export interface OpenClocksDocument extends ReadModelDocument {
  department: string;
  inProgress: number;
  overdue: number;
}

const isOpen = (doc: Pick<ClockDocument, 'status'>) => doc.status !== 'stopped';

/** Moves the department's counts by what one event changed in one clock. */
async function recount(
  tx: ReadModelTransaction,
  department: string,
  before: Pick<ClockDocument, 'status' | 'overdue'> | undefined,
  after: Pick<ClockDocument, 'status' | 'overdue'>,
): Promise<void> {
  const open = (doc: typeof before) => (doc !== undefined && isOpen(doc) ? 1 : 0);
  const late = (doc: typeof before) => (doc !== undefined && isOpen(doc) && doc.overdue ? 1 : 0);
  const inProgress = open(after) - open(before);
  const overdue = late(after) - late(before);
  if (inProgress === 0 && overdue === 0) return;
  const counts = (await tx.get<OpenClocksDocument>(OPEN_CLOCKS, department)) ?? {
    id: department,
    department,
    inProgress: 0,
    overdue: 0,
  };
  tx.put(OPEN_CLOCKS, {
    ...counts,
    inProgress: counts.inProgress + inProgress,
    overdue: counts.overdue + overdue,
  });
}

/** The events that can change whether a clock is open or overdue: the others need no read. */
const COUNTED = new Set(['ClockStopped', 'DeadlinePassed', 'ClockResumed', 'DeadlinesMoved']);

const next = (at: string | null) => (at === null ? null : utc(at));

/** 在办 clocks: one document per case, from its clock's events only (the replay rule). */
export const clocksProjection: Projection = {
  name: 'monitoring-clocks',
  collections: [
    { name: OPEN_CLOCKS },
    // The scheduler's index, and the calendar editor's (a jurisdiction's open cases with deadlines on or
    // after a day);
    // the tiles read the counters above, and every index is one more entry to rewrite each time a clock
    // event moves a document (read models built before keep theirs, unused).
    {
      name: CLOCKS,
      indexes: [{ fields: ['nextDueAt'] }, { fields: ['department', 'status', 'statutoryDeadline'] }],
    },
  ],
  filter: { streamPrefixes: ['clock-'] },
  async apply(recorded, tx) {
    const event = { type: recorded.type, data: recorded.data } as ClockEvent;
    const caseNo = caseNoOfStream(recorded.stream)!;
    // Revisions stay far below 2^53: a clock has tens of events.
    const revision = Number(recorded.revision);
    if (event.type === 'AnomalyDetected') {
      tx.patch(CLOCKS, caseNo, { revision });
      return;
    }
    if (event.type === 'ClockStarted') {
      const d = event.data;
      tx.put(CLOCKS, {
        id: caseNo,
        caseNo,
        department: d.department,
        itemCode: d.itemCode,
        itemName: d.itemName,
        status: 'running',
        startedAt: utc(d.startedAt),
        promisedDeadline: utc(d.deadlines.promised),
        statutoryDeadline: utc(d.deadlines.statutory),
        nextDueAt: next(d.nextDueAt),
        revision,
        caseCard: 'none',
        overdue: false,
        outcome: null,
        stoppedAt: null,
      } satisfies ClockDocument);
      await recount(tx, d.department, undefined, { status: 'running', overdue: false });
      return;
    }
    const before = COUNTED.has(event.type) ? await tx.get<ClockDocument>(CLOCKS, caseNo) : undefined;
    const patch: Partial<ClockDocument> = { nextDueAt: next(event.data.nextDueAt), revision };
    switch (event.type) {
      case 'ClockPaused':
        patch.status = 'paused';
        break;
      case 'ClockResumed':
      case 'DeadlinesMoved': {
        const { deadlines } = event.data as ClockEventOf<'DeadlinesMoved'>['data'];
        if (event.type === 'ClockResumed') patch.status = 'running';
        patch.promisedDeadline = utc(deadlines.promised);
        patch.statutoryDeadline = utc(deadlines.statutory);
        // A new promised deadline is owed its own DeadlinePassed; the same one stays as it was.
        if (before !== undefined && patch.promisedDeadline !== before.promisedDeadline) patch.overdue = false;
        break;
      }
      case 'DeadlinePassed':
        if (event.data.which === 'promised') patch.overdue = true;
        break;
      case 'ClockStopped':
        patch.status = 'stopped';
        patch.outcome = event.data.outcome;
        patch.stoppedAt = utc(event.data.at);
        break;
      case 'YellowCardRaised':
      case 'RedCardRaised':
        if (event.data.scope === 'case') patch.caseCard = event.type === 'RedCardRaised' ? 'red' : 'yellow';
        break;
      case 'CardWithdrawn':
        if (event.data.scope === 'case') patch.caseCard = 'none';
        break;
      default:
        break;
    }
    tx.patch(CLOCKS, caseNo, patch);
    if (before !== undefined) await recount(tx, before.department, before, { ...before, ...patch });
  },
};
