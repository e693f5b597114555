import type { ClockEvent, ClockEventOf } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { utc } from './local-time';

export const CLOCKS = 'clocks';

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
  /** The card up on the case itself (not its steps). */
  caseCard: 'none' | 'yellow' | 'red';
  outcome: string | null;
  stoppedAt: string | null;
}

const next = (at: string | null) => (at === null ? null : utc(at));

/** 在办 clocks: one document per case, from its clock's events only (the replay rule). */
export const clocksProjection: Projection = {
  name: 'monitoring-clocks',
  collections: [
    {
      name: CLOCKS,
      indexes: [
        { fields: ['nextDueAt'] },
        { fields: ['department', 'status'] },
        { fields: ['status', 'promisedDeadline'] },
      ],
    },
  ],
  filter: { streamPrefixes: ['clock-'] },
  async apply(recorded, tx) {
    const event = { type: recorded.type, data: recorded.data } as ClockEvent;
    const caseNo = recorded.stream.slice('clock-'.length);
    if (event.type === 'AnomalyDetected') return;
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
        caseCard: 'none',
        outcome: null,
        stoppedAt: null,
      } satisfies ClockDocument);
      return;
    }
    const patch: Partial<ClockDocument> = { nextDueAt: next(event.data.nextDueAt) };
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
        break;
      }
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
  },
};
