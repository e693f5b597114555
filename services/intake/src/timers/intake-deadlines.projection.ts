import { type ApplicationEvent, caseNoOfStream, utc } from '@docket/domain';
import type { Projection, ReadModelDocument } from '@docket/projections';

export const INTAKE_DUE = 'intake_due';
export const INTAKE_DEADLINES_PROJECTION = 'intake-deadlines';

/** What an application before acceptance waits for, earliest first at the same instant. */
export type IntakeDueKind = 'window_reminder' | 'acceptance_by_law' | 'correction_expiry';

/**
 * The deadlines of one application before acceptance (`id` = the case number), as its events recorded
 * them (UTC), each cleared when it is answered: the correction window's reminder and its close
 * (行政许可法 Art. 32), and the supplement deadline of the correction notice (补正期限). `dueAt` is the
 * earliest still owed: what the timer looks for. A case with nothing owed has no document.
 */
export interface IntakeDueDocument extends ReadModelDocument {
  caseNo: string;
  reminderAt: string | null;
  windowClosesAt: string | null;
  supplementDeadline: string | null;
  dueAt: string;
}

type Owed = Pick<IntakeDueDocument, 'reminderAt' | 'windowClosesAt' | 'supplementDeadline'>;

/** The earliest deadline owed, or undefined when none is. */
export function earliestOwed(owed: Owed): string | undefined {
  const times = [owed.reminderAt, owed.windowClosesAt, owed.supplementDeadline].filter(
    (at): at is string => at !== null,
  );
  return times.sort()[0];
}

/**
 * 受理前的时限: the intake timer's read model. Every document comes from the case's own events (the
 * replay rule), so a rebuild lists the same deadlines, and a restart loses none.
 */
export const intakeDeadlinesProjection: Projection = {
  name: INTAKE_DEADLINES_PROJECTION,
  collections: [{ name: INTAKE_DUE, indexes: [{ fields: ['dueAt'] }] }],
  filter: {
    streamPrefixes: ['application-'],
    eventTypes: [
      'ApplicationSubmitted',
      'CorrectionWindowReminderIssued',
      'CorrectionRequested',
      'MaterialsSupplemented',
      'CorrectionExpired',
      'ApplicationAccepted',
      'ApplicationDeclined',
      'ApplicationWithdrawn',
    ],
  },
  async apply(recorded, tx) {
    const caseNo = caseNoOfStream(recorded.stream)!;
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    const doc = await tx.get<IntakeDueDocument>(INTAKE_DUE, caseNo);
    let owed: Owed | undefined;
    switch (event.type) {
      case 'ApplicationSubmitted':
        owed = {
          reminderAt:
            event.data.correctionWindowReminderAt === undefined
              ? null
              : utc(event.data.correctionWindowReminderAt),
          windowClosesAt: utc(event.data.correctionWindowClosesAt),
          supplementDeadline: null,
        };
        break;
      case 'CorrectionWindowReminderIssued':
        if (doc === undefined) return;
        owed = { ...doc, reminderAt: null };
        break;
      case 'CorrectionRequested':
        // The notice came in time: the window is answered, the supplement deadline runs.
        owed = {
          reminderAt: null,
          windowClosesAt: null,
          supplementDeadline: utc(event.data.supplementDeadline),
        };
        break;
      default:
        // Supplemented (the clerk accepts or declines next), expired, accepted, declined or withdrawn.
        owed = undefined;
    }
    const dueAt = owed === undefined ? undefined : earliestOwed(owed);
    if (owed === undefined || dueAt === undefined) {
      if (doc !== undefined) tx.delete(INTAKE_DUE, caseNo);
      return;
    }
    tx.put(INTAKE_DUE, { id: caseNo, caseNo, ...owed, dueAt } satisfies IntakeDueDocument);
  },
};
