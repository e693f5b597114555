import type { RatingItem } from '@docket/contracts';
import { caseNoOfStream, type RatingEvent, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';
import { localMonth } from '../views/local-time';

export const RATINGS = 'ratings';
export const RATINGS_PROJECTION = 'supervision-ratings';

/** One rating (好差评) for the lists, the monthly count and the timer. Instants UTC. */
export interface RatingDocument extends RatingItem, ReadModelDocument {
  id: string;
  /** The applicant who rated online themself (null for a clerk's paper rating): their own list. */
  raterUserId: string | null;
  /** When a bad rating's rectification limit passes unrectified and unflagged (and no appeal upheld). */
  rectifyDueAt: string | null;
}

/** 评价台账: one document per rated case, from its own events and that same document (the replay rule). */
export function ratingsProjection(timeZone: string): Projection {
  return {
    name: RATINGS_PROJECTION,
    collections: [
      {
        name: RATINGS,
        indexes: [
          { fields: ['department', 'month', 'countsAsDissatisfied'] },
          { fields: ['department', 'ratedAt'] },
          { fields: ['raterUserId', 'ratedAt'] },
          { fields: ['ratedAt'] },
          { fields: ['rectifyDueAt'] },
        ],
      },
    ],
    filter: { streamPrefixes: ['rating-'] },
    async apply(recorded, tx) {
      const event = { type: recorded.type, data: recorded.data } as RatingEvent;
      const caseNo = caseNoOfStream(recorded.stream)!;
      switch (event.type) {
        case 'RatingSubmitted': {
          const d = event.data;
          tx.put(RATINGS, {
            id: caseNo,
            caseNo,
            level: d.level,
            comment: d.comment ?? null,
            department: d.department,
            closedAt: utc(d.closedAt),
            enteredBy: d.enteredBy,
            ratedAt: utc(d.at),
            ratedBy: d.by,
            month: localMonth(d.at, timeZone),
            bad: d.bad,
            countsAsDissatisfied: d.countsAsDissatisfied,
            rectifyBy: d.rectifyBy === undefined ? null : utc(d.rectifyBy),
            rectifiedAt: null,
            rectificationLate: null,
            rectificationOverdue: false,
            callBacks: 0,
            appeal: 'none',
            raterUserId: d.enteredBy === 'applicant' ? d.by.id : null,
            rectifyDueAt: d.rectifyBy === undefined ? null : utc(d.rectifyBy),
          } satisfies RatingDocument);
          return;
        }
        case 'RatingCallBackRecorded': {
          const doc = await tx.get<RatingDocument>(RATINGS, caseNo);
          if (doc !== undefined) tx.patch(RATINGS, caseNo, { callBacks: doc.callBacks + 1 });
          return;
        }
        case 'RatingRectificationRecorded':
          tx.patch(RATINGS, caseNo, {
            rectifiedAt: utc(event.data.at),
            rectificationLate: event.data.late,
            rectifyDueAt: null,
          } satisfies Partial<RatingDocument>);
          return;
        case 'RatingRectificationOverdue':
          tx.patch(RATINGS, caseNo, { rectificationOverdue: true, rectifyDueAt: null });
          return;
        case 'RatingAppealed':
          tx.patch(RATINGS, caseNo, { appeal: 'pending' });
          return;
        case 'RatingAppealDecided': {
          const { upheld, countsAsDissatisfied } = event.data;
          tx.patch(RATINGS, caseNo, {
            appeal: upheld ? 'upheld' : 'dismissed',
            countsAsDissatisfied,
            // An upheld appeal means no rectification is owed: the timer has nothing to flag.
            ...(upheld ? { rectifyDueAt: null } : {}),
          } satisfies Partial<RatingDocument>);
          return;
        }
        default:
          return;
      }
    },
  };
}
