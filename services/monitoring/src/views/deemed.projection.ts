import type { ClockEvent } from '@docket/domain';
import { caseNoOfStream, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { localDay } from './local-time';

export const DEEMED_LOG = 'deemed_log';
export const DEEMED_PROJECTION = 'monitoring-deemed-approvals';

/**
 * One case deemed approved (超时默认, `id` = the case number): the department that let the deadline pass
 * (the clock's department, the one its cards are raised against) and the local month it happened in.
 */
export interface DeemedDocument extends ReadModelDocument {
  caseNo: string;
  department: string;
  month: string;
  at: string;
}

/**
 * 超时默认 by department and local month, what a monthly score deducts for (`monitoring.qry.counts`): from
 * the clock stopped with the outcome `deemed_approved`, which the review's `ApprovalDeemed` causes, once
 * per case. Each document comes from its one event.
 */
export function deemedProjection(timeZone: string): Projection {
  return {
    name: DEEMED_PROJECTION,
    collections: [{ name: DEEMED_LOG, indexes: [{ fields: ['department', 'month', 'caseNo'] }] }],
    filter: { streamPrefixes: ['clock-'], eventTypes: ['ClockStopped'] },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as ClockEvent;
      if (event.type !== 'ClockStopped' || event.data.outcome !== 'deemed_approved') return;
      const caseNo = caseNoOfStream(recorded.stream)!;
      tx.put(DEEMED_LOG, {
        id: caseNo,
        caseNo,
        department: event.data.department,
        month: localDay(recorded.occurredAt, timeZone).slice(0, 7),
        at: utc(event.data.at),
      } satisfies DeemedDocument);
    },
  };
}
