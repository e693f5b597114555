import type { ComplaintItem } from '@docket/contracts';
import { type ComplaintEvent, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { localMonth } from '../views/local-time';

export const COMPLAINTS = 'complaints';
// v2: `substantiatedMonth`, for the monthly score (a new name replays the ledger into it on upgrade).
export const COMPLAINTS_PROJECTION = 'supervision-complaints.v2';
/** `scope` of a complaint about no department: the centre as a whole (the tree's root may see it). */
export const CENTRE_SCOPE = '-';

/** One complaint (投诉) for the lists and the timer; instants UTC, absent values null. */
export interface ComplaintDocument extends ComplaintItem, ReadModelDocument {
  id: string;
  /** The department for visibility filters: the one complained about, or CENTRE_SCOPE. */
  scope: string;
  /** The complainant's account, for their own list. */
  complainantUserId: string | null;
  /** When the acceptance limit passes while nothing is decided or flagged: what the timer looks for. */
  acceptDueAt: string | null;
  /**
   * The local month of a finding that the complaint is substantiated (投诉属实), else null: what the
   * monthly score of `department` deducts for.
   */
  substantiatedMonth: string | null;
}

/** 投诉台账: one document per complaint, from its own events only (the replay rule). */
export function complaintsProjection(timeZone: string): Projection {
  return {
    name: COMPLAINTS_PROJECTION,
    collections: [
      {
        name: COMPLAINTS,
        indexes: [
          { fields: ['scope', 'status', 'submittedAt'] },
          { fields: ['status', 'submittedAt'] },
          { fields: ['complainantUserId', 'submittedAt'] },
          { fields: ['acceptDueAt'] },
          { fields: ['department', 'substantiatedMonth', 'submittedAt'] },
        ],
      },
    ],
    filter: { streamPrefixes: ['complaint-'] },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as ComplaintEvent;
      const id = recorded.stream.slice('complaint-'.length);
      switch (event.type) {
        case 'ComplaintSubmitted': {
          const d = event.data;
          const department = d.subject.department ?? null;
          tx.put(COMPLAINTS, {
            id,
            status: 'submitted',
            channel: d.channel,
            type: d.type,
            caseNo: d.subject.caseNo ?? null,
            department,
            complainant: {
              name: d.complainant.name,
              phone: d.complainant.phone ?? null,
              userId: d.complainant.userId ?? null,
            },
            content: d.content,
            takenDown: d.takenDown,
            submittedAt: utc(d.at),
            month: localMonth(d.at, timeZone),
            acceptBy: utc(d.acceptBy),
            acceptanceOverdue: false,
            decidedAt: null,
            decisionLate: null,
            substantiated: null,
            accountability: null,
            repliedAt: null,
            scope: department ?? CENTRE_SCOPE,
            complainantUserId: d.complainant.userId ?? null,
            acceptDueAt: utc(d.acceptBy),
            substantiatedMonth: null,
          } satisfies ComplaintDocument);
          return;
        }
        case 'ComplaintAccepted':
        case 'ComplaintDeclined':
          tx.patch(COMPLAINTS, id, {
            status: event.type === 'ComplaintAccepted' ? 'accepted' : 'declined',
            decidedAt: utc(event.data.at),
            decisionLate: event.data.late,
            acceptDueAt: null,
          } satisfies Partial<ComplaintDocument>);
          return;
        case 'ComplaintAcceptanceOverdue':
          tx.patch(COMPLAINTS, id, { acceptanceOverdue: true, acceptDueAt: null });
          return;
        case 'ComplaintFindingRecorded':
          tx.patch(COMPLAINTS, id, {
            substantiated: event.data.substantiated,
            substantiatedMonth: event.data.substantiated ? localMonth(event.data.at, timeZone) : null,
          } satisfies Partial<ComplaintDocument>);
          return;
        case 'ComplaintAccountabilityDecided':
          tx.patch(COMPLAINTS, id, { accountability: event.data.measure });
          return;
        case 'ComplaintReplied':
          tx.patch(COMPLAINTS, id, { status: 'closed', repliedAt: utc(event.data.at) });
          return;
        default:
          return;
      }
    },
  };
}
