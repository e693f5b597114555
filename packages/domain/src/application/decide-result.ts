import { parseCommand } from '../catalogue/parse-command';
import { ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ApplicationCommand, DecisionOutcome } from './commands';
import { DeliverResultData, RecordDecisionData } from './commands';
import {
  ApplicationNotAccepted,
  DecisionAlreadyRecorded,
  NoResultToDeliver,
  ResultAlreadyDelivered,
  TimeBeforeLastEvent,
} from './errors';
import type { ApplicationEvent, IntakeAnomaly, ResultCode } from './events';
import {
  firstHandlerEvents,
  isAfter,
  requireClerk,
  requireInOrder,
  requireStatus,
  requireSystem,
  written,
} from './guards';
import type { ApplicationState } from './state';

const resultCodes: Record<DecisionOutcome, ResultCode> = {
  approved: 'approved',
  deemed_approved: 'deemed_approved',
  refused: 'refused',
  forwarded_up: 'forwarded_up',
};

/** The review service decided; intake records it so the result can be handed over. */
export function recordDecision(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const { data, metadata } = parseCommand(RecordDecisionData, command);
  const { actor, now } = metadata;
  requireSystem(actor, 'record a decision');
  if (state.decision !== undefined && state.status === 'delivered')
    throw new DecisionAlreadyRecorded(state.decision.reviewEventId);
  const application = requireStatus(state, ['accepted'], (current) =>
    current.status === 'result_ready'
      ? new DecisionAlreadyRecorded(current.decision?.reviewEventId ?? 'unknown')
      : new ApplicationNotAccepted(current.status),
  );
  requireInOrder(state, now);
  const acceptedAt = application.acceptance?.at ?? application.submittedAt;
  if (isAfter(acceptedAt, data.decidedAt)) throw new TimeBeforeLastEvent(data.decidedAt, acceptedAt);
  const reason = written(data.reason);
  // 说理式: a refusal without a reason is rejected here, not merely flagged later.
  if (data.outcome === 'refused' && reason === undefined) throw new ReasonRequired('refusal');
  return [
    {
      type: 'DecisionRecorded',
      data: {
        outcome: data.outcome,
        ...(data.certificate === undefined ? {} : { certificate: data.certificate }),
        ...(reason === undefined ? {} : { reason }),
        decidedAt: data.decidedAt,
        reviewEventId: data.reviewEventId,
        resultCode: resultCodes[data.outcome],
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/**
 * Fee due for the result: the item's fixed fee on an approval, nothing otherwise. A payment more than 5%
 * off what is due is an anomaly (异常办件) to report, not a reason to withhold the result.
 */
function feeCheck(
  state: ApplicationState,
  paidFen: number,
): { fee: { dueFen: number; paidFen: number }; anomalies: IntakeAnomaly[] } {
  const approved = state.decision?.outcome === 'approved' || state.decision?.outcome === 'deemed_approved';
  const dueFen = approved && state.item?.fee.kind === 'fixed' ? state.item.fee.amountFen : 0;
  const offStandard = Math.abs(paidFen - dueFen) * 100 > dueFen * 5;
  return { fee: { dueFen, paidFen }, anomalies: offStandard ? ['fee_off_standard'] : [] };
}

/** 送达: the result handed over once, at the window, by post or electronically. */
export function deliverResult(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const { data, metadata } = parseCommand(DeliverResultData, command);
  const { actor, now } = metadata;
  requireClerk(actor, 'deliver a result');
  if (state.status === 'delivered' && state.delivery) throw new ResultAlreadyDelivered(state.delivery.at);
  requireStatus(state, ['result_ready'], (current) => new NoResultToDeliver(current.status));
  requireInOrder(state, now);
  const payment = data.feePaid === undefined ? undefined : feeCheck(state, data.feePaid.amountFen);
  return [
    {
      type: 'ResultDelivered',
      data: {
        method: data.method,
        ...(data.trackingNo === undefined ? {} : { trackingNo: data.trackingNo }),
        recipient: data.recipient,
        ...(payment === undefined ? {} : { fee: payment.fee }),
        anomalies: payment?.anomalies ?? [],
        at: now,
        by: recordedBy(actor),
      },
    },
    ...firstHandlerEvents(state, actor, now),
  ];
}
