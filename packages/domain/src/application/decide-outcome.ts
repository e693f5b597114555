import { parseCommand } from '../catalogue/parse-command';
import type { HandlingCategory } from '../catalogue/service-item';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { TimeLimit } from '../shared/time';
import type { ApplicationCommand } from './commands';
import {
  AcceptApplicationData,
  AcceptOnReceiptData,
  DeclineApplicationData,
  WithdrawApplicationData,
} from './commands';
import {
  ApplicationAlreadyAccepted,
  CategoryChangeNotAllowed,
  CorrectionAlreadyRequested,
  CorrectionWindowStillOpen,
  DecisionAlreadyRecorded,
  LegalBasisRequired,
  MaterialsStillMissing,
} from './errors';
import type { ApplicationEvent } from './events';
import {
  type ApplicationContext,
  firstHandlerEvents,
  isAfter,
  requireApplicantOrClerk,
  requireClerk,
  requireInOrder,
  requireStatus,
  requireSystem,
  type SubmittedApplication,
  windowUnitOf,
  written,
} from './guards';
import { missingMandatory, outstanding } from './materials';
import type { ApplicationState } from './state';

/**
 * The category the case is handled in, and its promised limit. Only an instant item may become promised
 * (it could not be done on the spot), with a reason; it is then promised within the statutory limit.
 */
function handlingCategory(
  application: SubmittedApplication,
  requested: HandlingCategory | undefined,
  reason: string | undefined,
): { category: HandlingCategory; promisedLimit: TimeLimit; categoryChangeReason?: string } {
  const { item } = application;
  if (requested === undefined || requested === item.category)
    return { category: item.category, promisedLimit: item.promisedLimit };
  if (item.category !== 'instant' || requested !== 'promised')
    throw new CategoryChangeNotAllowed(item.category, requested);
  if (reason === undefined) throw new ReasonRequired('accepting an instant item as promised');
  return { category: 'promised', promisedLimit: item.statutoryLimit, categoryChangeReason: reason };
}

/**
 * 受理. The clock starts now, except when the correction window passed without a notice: then the
 * application counts as accepted on receipt (行政许可法 Art. 32), the clock starts at submission, and
 * the acceptance cannot be refused for missing materials (they are recorded instead).
 */
export function acceptApplication(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] {
  const { data, metadata } = parseCommand(AcceptApplicationData, command);
  const { actor, now } = metadata;
  requireClerk(actor, 'accept an application');
  const application = requireStatus(state, ['submitted', 'supplemented'], (current) =>
    current.status === 'correction_requested'
      ? new MaterialsStillMissing(outstanding(current.correction?.items ?? []))
      : new ApplicationAlreadyAccepted(current.status),
  );
  requireInOrder(state, now);
  if (actor.department === undefined)
    throw new InvalidCommand(['metadata.actor.department: the accepting clerk must belong to a window unit']);

  const acceptedOnReceipt =
    application.status === 'submitted' && isAfter(now, application.correctionWindowClosesAt);
  const missing = missingMandatory(application.item, application.materials);
  if (missing.length > 0 && !acceptedOnReceipt) throw new MaterialsStillMissing(outstanding(missing));
  const { category, promisedLimit, categoryChangeReason } = handlingCategory(
    application,
    data.category,
    written(data.categoryChangeReason),
  );
  const clockStartsAt = acceptedOnReceipt ? application.submittedAt : now;
  const { calendar } = context;
  return [
    {
      type: 'ApplicationAccepted',
      data: {
        acceptanceDocumentNo: data.acceptanceDocumentNo ?? `SL-${application.caseNo}`,
        category,
        ...(categoryChangeReason === undefined ? {} : { categoryChangeReason }),
        itemCode: application.item.code,
        itemVersion: application.item.version,
        acceptingUnit: actor.department,
        acceptedOnReceipt,
        materialsMissing: missing.map((line) => line.code),
        clockStartsAt,
        promisedLimit,
        statutoryLimit: application.item.statutoryLimit,
        promisedDeadline: calendar.deadline(clockStartsAt, promisedLimit),
        statutoryDeadline: calendar.deadline(clockStartsAt, application.item.statutoryLimit),
        at: now,
        by: recordedBy(actor),
      },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}

/**
 * 视为受理 by operation of law (行政许可法 Art. 32: 逾期不告知的，自收到申请材料之日起即为受理). The correction
 * window closed while the application still waited (no acceptance, decline or correction notice): the
 * system records it accepted in the item's own category, the clock running from the submission, the
 * window unit answerable (`acceptingUnit`), the mandatory materials still missing listed, not refused.
 */
export function acceptOnReceipt(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] {
  const { metadata } = parseCommand(AcceptOnReceiptData, command);
  const { actor, now } = metadata;
  requireSystem(actor, 'accept an application by operation of law');
  const application = requireStatus(state, ['submitted'], (current) =>
    current.status === 'accepted' || current.status === 'result_ready'
      ? new ApplicationAlreadyAccepted(current.status)
      : // A correction notice was given in time: the application waits for the supplement, not the law.
        new CorrectionAlreadyRequested(current.correction?.noticedAt ?? current.submittedAt),
  );
  requireInOrder(state, now);
  if (!isAfter(now, application.correctionWindowClosesAt))
    throw new CorrectionWindowStillOpen(application.correctionWindowClosesAt);
  const { item, submittedAt } = application;
  const missing = missingMandatory(item, application.materials);
  const { calendar } = context;
  return [
    {
      type: 'ApplicationAccepted',
      data: {
        acceptanceDocumentNo: `SL-${application.caseNo}`,
        category: item.category,
        itemCode: item.code,
        itemVersion: item.version,
        acceptingUnit: windowUnitOf(application),
        acceptedOnReceipt: true,
        byOperationOfLaw: true,
        materialsMissing: missing.map((line) => line.code),
        clockStartsAt: submittedAt,
        promisedLimit: item.promisedLimit,
        statutoryLimit: item.statutoryLimit,
        promisedDeadline: calendar.deadline(submittedAt, item.promisedLimit),
        statutoryDeadline: calendar.deadline(submittedAt, item.statutoryLimit),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/** 不予受理: terminal, with a written reason and the legal basis. */
export function declineApplication(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const { data, metadata } = parseCommand(DeclineApplicationData, command);
  const { actor, now } = metadata;
  requireClerk(actor, 'decline an application');
  requireStatus(
    state,
    ['submitted', 'correction_requested', 'supplemented'],
    (current) => new ApplicationAlreadyAccepted(current.status),
  );
  requireInOrder(state, now);
  const reason = written(data.reason);
  if (reason === undefined) throw new ReasonRequired('declining an application (不予受理)');
  const legalBasis = written(data.legalBasis);
  if (legalBasis === undefined) throw new LegalBasisRequired('declining an application (不予受理)');
  return [
    {
      type: 'ApplicationDeclined',
      data: { reason, legalBasis, resultCode: 'declined', at: now, by: recordedBy(actor) },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}

/** 撤回: the applicant's right until a decision exists; a clerk doing it for them says why. */
export function withdrawApplication(
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] {
  const { data, metadata } = parseCommand(WithdrawApplicationData, command);
  const { actor, now } = metadata;
  const as = requireApplicantOrClerk(state, actor, 'withdraw an application');
  requireStatus(
    state,
    ['submitted', 'correction_requested', 'supplemented', 'accepted'],
    (current) => new DecisionAlreadyRecorded(current.decision?.reviewEventId ?? 'unknown'),
  );
  requireInOrder(state, now);
  const reason = written(data.reason);
  if (as === 'clerk' && reason === undefined)
    throw new ReasonRequired('withdrawing on the applicant’s behalf');
  return [
    {
      type: 'ApplicationWithdrawn',
      data: {
        ...(reason === undefined ? {} : { reason }),
        onBehalfOfApplicant: as === 'clerk',
        resultCode: 'withdrawn',
        at: now,
        by: recordedBy(actor),
      },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}
