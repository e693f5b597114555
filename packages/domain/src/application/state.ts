import type { ServiceItemVersion } from '../catalogue/service-item';
import type { RecordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import type { Applicant, Channel, ProvidedMaterial } from './commands';
import type {
  ApplicationAcceptedData,
  ApplicationEvent,
  CorrectionItem,
  DecisionRecordedData,
  ResultCode,
  ResultDeliveredData,
} from './events';

export type ApplicationStatus =
  | 'not_submitted'
  | 'submitted'
  | 'correction_requested'
  | 'supplemented'
  | 'accepted'
  | 'result_ready'
  | 'delivered'
  | 'declined'
  | 'withdrawn'
  | 'correction_expired';

/** States no command leaves. Rating and supervision follow a delivered case in their own streams. */
export const terminalStatuses: readonly ApplicationStatus[] = [
  'delivered',
  'declined',
  'withdrawn',
  'correction_expired',
];

/**
 * The events that take a case to one of `terminalStatuses`, each carrying the moment as `data.at`: for
 * whoever follows closings without folding cases (retention, packages/personal-data).
 */
export const caseClosingEvents = [
  'ResultDelivered',
  'ApplicationDeclined',
  'ApplicationWithdrawn',
  'CorrectionExpired',
] as const satisfies readonly ApplicationEvent['type'][];

/** A material as the case record keeps it: what came in and when. */
export interface ReceivedMaterial extends ProvidedMaterial {
  receivedAt: Instant;
}

/** The one correction round: the notice, and when it was answered or expired. */
export interface CorrectionRecord {
  noticedAt: Instant;
  by: RecordedBy;
  items: CorrectionItem[];
  note?: string;
  supplementDeadline: Instant;
  suppliedAt?: Instant;
  expiredAt?: Instant;
}

/** The intake part of a case record (domain.md, "What a case record carries"). */
export interface ApplicationState {
  status: ApplicationStatus;
  caseNo?: string;
  item?: ServiceItemVersion;
  applicant?: Applicant;
  channel?: Channel;
  queryCodeHash?: string;
  submittedAt?: Instant;
  submittedBy?: RecordedBy;
  /** Whether the submitter was the applicant themself (web, mobile): then only they act as applicant. */
  submittedByApplicant?: boolean;
  correctionWindowClosesAt?: Instant;
  /** When the correction window's reminder is due, and when it was issued (行政许可法 Art. 32). */
  correctionWindowReminderAt?: Instant;
  correctionWindowRemindedAt?: Instant;
  firstHandler?: { handler: RecordedBy; at: Instant };
  materials: ReceivedMaterial[];
  correction?: CorrectionRecord;
  /** Correction notices issued; the domain allows one, the count is kept for the anomaly report. */
  correctionCount: number;
  acceptance?: Omit<ApplicationAcceptedData, 'at' | 'by'> & { at: Instant; officer: RecordedBy };
  decline?: { reason: string; legalBasis: string; at: Instant; by: RecordedBy };
  withdrawal?: { reason?: string; onBehalfOfApplicant: boolean; at: Instant; by: RecordedBy };
  decision?: DecisionRecordedData;
  delivery?: ResultDeliveredData;
  resultCode?: ResultCode;
  /** The time of the newest event: no later command may be dated before it. */
  lastEventAt?: Instant;
}

export const initialApplicationState = (): ApplicationState => ({
  status: 'not_submitted',
  materials: [],
  correctionCount: 0,
});

const received = (materials: readonly ProvidedMaterial[], at: Instant): ReceivedMaterial[] =>
  materials.map((material) => ({ ...material, receivedAt: at }));

export function evolveApplication(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  const next = { ...state, lastEventAt: event.data.at };
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const { caseNo, item, applicant, channel, queryCodeHash, correctionWindowClosesAt, at, by } =
        event.data;
      const reminderAt = event.data.correctionWindowReminderAt;
      return {
        ...next,
        status: 'submitted',
        caseNo,
        item,
        applicant,
        channel,
        queryCodeHash,
        correctionWindowClosesAt,
        ...(reminderAt === undefined ? {} : { correctionWindowReminderAt: reminderAt }),
        submittedAt: at,
        submittedBy: by,
        submittedByApplicant: event.data.submitterRole === 'applicant',
        materials: received(event.data.materials, at),
      };
    }
    case 'CorrectionWindowReminderIssued':
      return { ...next, correctionWindowRemindedAt: event.data.at };
    case 'FirstHandlerAssigned':
      return { ...next, firstHandler: { handler: event.data.handler, at: event.data.at } };
    case 'CorrectionRequested': {
      const { items, note, supplementDeadline, at, by } = event.data;
      return {
        ...next,
        status: 'correction_requested',
        correction: { noticedAt: at, by, items, supplementDeadline, ...(note === undefined ? {} : { note }) },
        correctionCount: state.correctionCount + 1,
      };
    }
    case 'MaterialsSupplemented':
      return {
        ...next,
        status: 'supplemented',
        materials: [...state.materials, ...received(event.data.materials, event.data.at)],
        correction: state.correction && { ...state.correction, suppliedAt: event.data.at },
      };
    case 'CorrectionExpired':
      return {
        ...next,
        status: 'correction_expired',
        resultCode: event.data.resultCode,
        correction: state.correction && { ...state.correction, expiredAt: event.data.at },
      };
    case 'ApplicationAccepted': {
      const { by, ...acceptance } = event.data;
      return { ...next, status: 'accepted', acceptance: { ...acceptance, officer: by } };
    }
    case 'ApplicationDeclined': {
      const { reason, legalBasis, at, by, resultCode } = event.data;
      return { ...next, status: 'declined', resultCode, decline: { reason, legalBasis, at, by } };
    }
    case 'ApplicationWithdrawn': {
      const { resultCode, ...withdrawal } = event.data;
      return { ...next, status: 'withdrawn', resultCode, withdrawal };
    }
    case 'DecisionRecorded':
      return { ...next, status: 'result_ready', resultCode: event.data.resultCode, decision: event.data };
    case 'ResultDelivered':
      return { ...next, status: 'delivered', delivery: event.data };
  }
}
