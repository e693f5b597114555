import { caseNoOfStream, responsibleDepartment } from '@docket/domain';
import type { Projection, ReadModelTransaction } from '@docket/projections';
import { statusAfter } from '../case-status';
import { asCaseEvent, type CaseEvent, caseStreams } from '../events';
import { toUtc } from '../instants';
import { publicStatusReason } from '../public-status/public-status';
import type { CaseDocument, CaseStep } from './case-document';

export const CASES = 'cases';

/** The collection of the case list: every field a search filters or sorts on is indexed. */
export const caseListCollections = [
  {
    name: CASES,
    indexes: [
      { fields: ['department', 'status', 'submittedAt'] },
      { fields: ['status', 'promisedDeadline'] },
      { fields: ['itemCode', 'submittedAt'] },
      { fields: ['applicantName'] },
      { fields: ['applicantUserId', 'submittedAt'] },
      { fields: ['submittedAt'] },
    ],
  },
];

const stepAt = (steps: CaseDocument['steps'], index: number): CaseStep | null => {
  const step = steps[index];
  return step ? { index, name: step.name, role: step.role } : null;
};

/** The document after the event: from the event and the document itself only (the replay rule). */
export function evolveCase(
  doc: CaseDocument | undefined,
  event: CaseEvent,
  caseNo: string,
): CaseDocument | undefined {
  if (event.type === 'ApplicationSubmitted') {
    const { item, applicant, channel, at, by, submitterRole } = event.data;
    return {
      id: caseNo,
      caseNo,
      itemCode: item.code,
      itemName: item.name,
      itemVersion: item.version,
      category: item.category,
      department: responsibleDepartment(item),
      acceptingUnit: null,
      coHandlers: item.joint?.coHandlers.map((c) => c.department) ?? [],
      status: 'submitted',
      applicantType: applicant.type,
      applicantName: applicant.name,
      applicant,
      applicantUserId: submitterRole === 'applicant' ? by.id : null,
      channel,
      submittedAt: toUtc(at),
      acceptedAt: null,
      promisedDeadline: null,
      statutoryDeadline: null,
      decidedAt: null,
      outcome: null,
      resultReadyAt: null,
      deliveredAt: null,
      currentStep: null,
      steps: item.steps.map((s) => ({ name: s.name, role: s.role })),
    };
  }
  if (!doc) return undefined;
  // One copy per event: every case below spreads the document once, with the new status.
  const status = statusAfter(doc.status, event);
  switch (event.type) {
    case 'CorrectionExpired':
      return {
        ...doc,
        status,
        outcome: event.data.resultCode,
        currentStep: null,
        statusReason: publicStatusReason.correctionExpired,
      };
    case 'ApplicationDeclined':
    case 'ApplicationWithdrawn':
      return { ...doc, status, outcome: event.data.resultCode, currentStep: null };
    case 'ApplicationAccepted': {
      const d = event.data;
      return {
        ...doc,
        status,
        category: d.category,
        acceptingUnit: d.acceptingUnit,
        acceptedAt: toUtc(d.clockStartsAt),
        promisedDeadline: toUtc(d.promisedDeadline),
        statutoryDeadline: toUtc(d.statutoryDeadline),
        ...(d.byOperationOfLaw ? { statusReason: publicStatusReason.acceptedByOperationOfLaw } : {}),
      };
    }
    case 'ReviewOpened': {
      const d = event.data;
      const steps = d.item.steps.map((s) => ({ name: s.name, role: s.role }));
      const main = d.tasks.find((t) => t.kind === 'main');
      return {
        ...doc,
        status,
        department: main?.department ?? doc.department,
        steps,
        currentStep: stepAt(steps, 0),
        promisedDeadline: toUtc(d.deadlines.promised),
        statutoryDeadline: toUtc(d.deadlines.statutory),
      };
    }
    case 'ReviewStepPassed':
      return { ...doc, status, currentStep: stepAt(doc.steps, event.data.nextStep) };
    case 'ReviewStepReturned':
      return { ...doc, status, currentStep: stepAt(doc.steps, event.data.returnToStep) };
    case 'SpecialProcedureEnded':
    case 'ExtensionApproved':
      return {
        ...doc,
        status,
        promisedDeadline: toUtc(event.data.deadlines.promised),
        statutoryDeadline: toUtc(event.data.deadlines.statutory),
      };
    case 'ReviewDecided':
    case 'ApprovalDeemed':
      return {
        ...doc,
        status,
        decidedAt: toUtc(event.data.at),
        outcome: event.data.outcome,
        currentStep: null,
      };
    case 'ReviewForwardedUp':
      return { ...doc, status, decidedAt: toUtc(event.data.at), outcome: 'forwarded_up', currentStep: null };
    case 'ReviewClosedOnWithdrawal':
      return { ...doc, status, currentStep: null };
    case 'DecisionRecorded':
      return {
        ...doc,
        status,
        decidedAt: toUtc(event.data.decidedAt),
        outcome: event.data.outcome,
        resultReadyAt: toUtc(event.data.at),
        currentStep: null,
      };
    case 'ResultDelivered':
      return { ...doc, status, deliveredAt: toUtc(event.data.at) };
    default:
      return { ...doc, status };
  }
}

/** 办件列表: the back offices' case list and search. */
export const caseListProjection: Projection = {
  // v2: `statusReason` (correction expired, accepted by operation of law): a new name replays the ledger.
  name: 'case-list.v2',
  collections: caseListCollections,
  filter: caseStreams,
  async apply(recorded, tx: ReadModelTransaction) {
    // From the stream name: review events after the opening do not repeat the case number in their data.
    const caseNo = caseNoOfStream(recorded.stream)!;
    const doc = await tx.get<CaseDocument>(CASES, caseNo);
    const next = evolveCase(doc, asCaseEvent(recorded), caseNo);
    if (next) tx.put(CASES, next);
  },
};
