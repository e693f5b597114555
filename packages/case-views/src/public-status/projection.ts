import { type Certificate, caseNoOfStream } from '@docket/domain';
import type { Projection } from '@docket/projections';
import { statusAfter } from '../case-status';
import { asCaseEvent, type CaseEvent, caseStreams } from '../events';
import { toUtc } from '../instants';
import {
  type PublicResult,
  type PublicStatusDocument,
  publicStatusReason,
  publicStatusText,
} from './public-status';

export const PUBLIC_STATUS = 'public_status';

export const publicStatusCollections = [{ name: PUBLIC_STATUS }];

const result = (outcome: string, certificate?: Certificate): PublicResult => ({
  outcome,
  certificateName: certificate?.name ?? null,
  certificateNumber: certificate?.number ?? null,
});

/** The document after the event, from the event and the document itself only (the replay rule). */
export function evolvePublicStatus(
  doc: PublicStatusDocument | undefined,
  event: CaseEvent,
  caseNo: string,
): PublicStatusDocument | undefined {
  if (event.type === 'ApplicationSubmitted') {
    return {
      id: caseNo,
      caseNo,
      queryCodeHash: event.data.queryCodeHash,
      itemName: event.data.item.name,
      status: 'submitted',
      statusText: publicStatusText.submitted,
      submittedAt: toUtc(event.data.at),
      correctionDeadline: null,
      acceptedAt: null,
      promisedDeadline: null,
      decidedAt: null,
      deliveredAt: null,
      result: null,
    };
  }
  if (!doc) return undefined;
  // One copy per event: every case below spreads the document once, with the new status.
  const status = statusAfter(doc.status, event);
  const statusText = publicStatusText[status];
  switch (event.type) {
    case 'CorrectionRequested':
      return { ...doc, status, statusText, correctionDeadline: toUtc(event.data.supplementDeadline) };
    case 'MaterialsSupplemented':
      return { ...doc, status, statusText, correctionDeadline: null };
    case 'CorrectionExpired':
      // The deadline that passed stays: the applicant sees when, and why the case ended.
      return {
        ...doc,
        status,
        statusText,
        correctionDeadline: toUtc(event.data.supplementDeadline),
        result: result(event.data.resultCode),
        statusReason: publicStatusReason.correctionExpired,
      };
    case 'ApplicationDeclined':
    case 'ApplicationWithdrawn':
      return { ...doc, status, statusText, correctionDeadline: null, result: result(event.data.resultCode) };
    case 'ApplicationAccepted':
      return {
        ...doc,
        status,
        statusText,
        correctionDeadline: null,
        acceptedAt: toUtc(event.data.clockStartsAt),
        promisedDeadline: toUtc(event.data.promisedDeadline),
        ...(event.data.byOperationOfLaw ? { statusReason: publicStatusReason.acceptedByOperationOfLaw } : {}),
      };
    case 'ReviewOpened':
      return { ...doc, status, statusText, promisedDeadline: toUtc(event.data.deadlines.promised) };
    case 'SpecialProcedureEnded':
    case 'ExtensionApproved':
      return { ...doc, status, statusText, promisedDeadline: toUtc(event.data.deadlines.promised) };
    case 'DecisionRecorded':
      return {
        ...doc,
        status,
        statusText,
        decidedAt: toUtc(event.data.decidedAt),
        result: result(event.data.outcome, event.data.certificate),
      };
    case 'ResultDelivered':
      return { ...doc, status, statusText, deliveredAt: toUtc(event.data.at) };
    default:
      // The review's decision reaches the public through intake's DecisionRecorded, the legal record.
      return { ...doc, status, statusText };
  }
}

/** 办件进度公开查询: status by case number and query code. */
export const publicStatusProjection: Projection = {
  // v2: the reason the system records (correction expired, accepted by operation of law), and the
  // supplement deadline kept after it passed: a new name replays the ledger into them on upgrade.
  name: 'public-status.v2',
  collections: publicStatusCollections,
  filter: caseStreams,
  async apply(recorded, tx) {
    const caseNo = caseNoOfStream(recorded.stream)!;
    const doc = await tx.get<PublicStatusDocument>(PUBLIC_STATUS, caseNo);
    const next = evolvePublicStatus(doc, asCaseEvent(recorded), caseNo);
    if (next) tx.put(PUBLIC_STATUS, next);
  },
};
