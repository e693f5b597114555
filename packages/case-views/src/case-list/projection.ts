import { caseNoOfStream, responsibleDepartment, utc } from '@docket/domain';
import type { Projection, ReadModelTransaction } from '@docket/projections';
import { statusAfter } from '../case-status';
import { asCaseEvent, type CaseEvent, caseStreams } from '../events';
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
      submittedAt: utc(at),
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
  const next: CaseDocument = { ...doc, status: statusAfter(doc.status, event) };
  switch (event.type) {
    case 'CorrectionExpired':
    case 'ApplicationDeclined':
    case 'ApplicationWithdrawn':
      return { ...next, outcome: event.data.resultCode, currentStep: null };
    case 'ApplicationAccepted': {
      const d = event.data;
      return {
        ...next,
        category: d.category,
        acceptingUnit: d.acceptingUnit,
        acceptedAt: utc(d.clockStartsAt),
        promisedDeadline: utc(d.promisedDeadline),
        statutoryDeadline: utc(d.statutoryDeadline),
      };
    }
    case 'ReviewOpened': {
      const d = event.data;
      const steps = d.item.steps.map((s) => ({ name: s.name, role: s.role }));
      const main = d.tasks.find((t) => t.kind === 'main');
      return {
        ...next,
        department: main?.department ?? next.department,
        steps,
        currentStep: stepAt(steps, 0),
        promisedDeadline: utc(d.deadlines.promised),
        statutoryDeadline: utc(d.deadlines.statutory),
      };
    }
    case 'ReviewStepPassed':
      return { ...next, currentStep: stepAt(next.steps, event.data.nextStep) };
    case 'ReviewStepReturned':
      return { ...next, currentStep: stepAt(next.steps, event.data.returnToStep) };
    case 'SpecialProcedureEnded':
    case 'ExtensionApproved':
      return {
        ...next,
        promisedDeadline: utc(event.data.deadlines.promised),
        statutoryDeadline: utc(event.data.deadlines.statutory),
      };
    case 'ReviewDecided':
    case 'ApprovalDeemed':
      return { ...next, decidedAt: utc(event.data.at), outcome: event.data.outcome, currentStep: null };
    case 'ReviewForwardedUp':
      return { ...next, decidedAt: utc(event.data.at), outcome: 'forwarded_up', currentStep: null };
    case 'ReviewClosedOnWithdrawal':
      return { ...next, currentStep: null };
    case 'DecisionRecorded':
      return {
        ...next,
        decidedAt: utc(event.data.decidedAt),
        outcome: event.data.outcome,
        resultReadyAt: utc(event.data.at),
        currentStep: null,
      };
    case 'ResultDelivered':
      return { ...next, deliveredAt: utc(event.data.at) };
    default:
      return next;
  }
}

/** 办件列表: the back offices' case list and search. */
export const caseListProjection: Projection = {
  name: 'case-list',
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
