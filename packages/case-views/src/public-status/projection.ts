import { type Certificate, caseNoOfStream, utc } from '@docket/domain';
import type { Projection } from '@docket/projections';
import { statusAfter } from '../case-status';
import { asCaseEvent, type CaseEvent, caseStreams } from '../events';
import { type PublicResult, type PublicStatusDocument, publicStatusText } from './public-status';

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
      submittedAt: utc(event.data.at),
      correctionDeadline: null,
      acceptedAt: null,
      promisedDeadline: null,
      decidedAt: null,
      deliveredAt: null,
      result: null,
    };
  }
  if (!doc) return undefined;
  const status = statusAfter(doc.status, event);
  const next: PublicStatusDocument = { ...doc, status, statusText: publicStatusText[status] };
  switch (event.type) {
    case 'CorrectionRequested':
      return { ...next, correctionDeadline: utc(event.data.supplementDeadline) };
    case 'MaterialsSupplemented':
      return { ...next, correctionDeadline: null };
    case 'CorrectionExpired':
    case 'ApplicationDeclined':
    case 'ApplicationWithdrawn':
      return { ...next, correctionDeadline: null, result: result(event.data.resultCode) };
    case 'ApplicationAccepted':
      return {
        ...next,
        correctionDeadline: null,
        acceptedAt: utc(event.data.clockStartsAt),
        promisedDeadline: utc(event.data.promisedDeadline),
      };
    case 'ReviewOpened':
      return { ...next, promisedDeadline: utc(event.data.deadlines.promised) };
    case 'SpecialProcedureEnded':
    case 'ExtensionApproved':
      return { ...next, promisedDeadline: utc(event.data.deadlines.promised) };
    case 'DecisionRecorded':
      return {
        ...next,
        decidedAt: utc(event.data.decidedAt),
        result: result(event.data.outcome, event.data.certificate),
      };
    case 'ResultDelivered':
      return { ...next, deliveredAt: utc(event.data.at) };
    default:
      // The review's decision reaches the public through intake's DecisionRecorded, the legal record.
      return next;
  }
}

/** 办件进度公开查询: status by case number and query code. */
export const publicStatusProjection: Projection = {
  name: 'public-status',
  collections: publicStatusCollections,
  filter: caseStreams,
  async apply(recorded, tx) {
    const caseNo = caseNoOfStream(recorded.stream)!;
    const doc = await tx.get<PublicStatusDocument>(PUBLIC_STATUS, caseNo);
    const next = evolvePublicStatus(doc, asCaseEvent(recorded), caseNo);
    if (next) tx.put(PUBLIC_STATUS, next);
  },
};
