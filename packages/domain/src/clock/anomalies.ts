import type { z } from 'zod';
import {
  ApplicationAcceptedData,
  ApplicationDeclinedData,
  ApplicationSubmittedData,
  ApplicationWithdrawnData,
  CorrectionExpiredData,
  CorrectionRequestedData,
  DecisionRecordedData,
  ResultDeliveredData,
} from '../application/events';
import type { HandlingCategory } from '../catalogue/service-item';
import {
  ApprovalDeemed,
  ReviewClosedOnWithdrawal,
  ReviewDecided,
  ReviewForwardedUp,
  ReviewOpened,
  ReviewStepPassed,
  ReviewStepReturned,
} from '../review/events';
import type { Instant } from '../shared/time';
import { MalformedCaseEvent } from './errors';
import type { AnomalyDetails, AnomalyRule } from './events';
import { isAfter, isBefore } from './instants';

/** 异常办件: what the monitoring service remembers of one case to judge its anomalies. */
export interface CaseFacts {
  caseNo?: string;
  category?: HandlingCategory;
  /** Registration (登记): the submission. */
  submittedAt?: Instant;
  acceptedAt?: Instant;
  /** The case's end: the earliest terminal outcome seen (decision, deemed approval, forward-up, withdrawal, …). */
  closedAt?: Instant;
  correctionCount: number;
  /** Every review step completed (pass, return, and the decision that completes the final step). */
  steps: { stepIndex: number; at: Instant; eventId: string }[];
  decision?: { outcome: 'approved' | 'refused' | 'deemed_approved'; withReason: boolean; at: Instant };
  /** In fen: the item's standard at submission; what intake asked and what was paid at delivery. */
  fee: { standardFen?: number; dueFen?: number; paidFen?: number };
  /** The rules already reported for this case: each at most once. */
  reported: AnomalyRule[];
  /** Events already folded in: a redelivered event changes nothing. */
  seenEventIds: string[];
}

export const emptyCaseFacts = (): CaseFacts => ({
  correctionCount: 0,
  steps: [],
  fee: {},
  reported: [],
  seenEventIds: [],
});

export interface AnomalyRules {
  /** 收费: a payment more than this fraction off what is due is an anomaly. Default 0.05 (5%). */
  feeTolerance: number;
}

export const DEFAULT_ANOMALY_RULES: Readonly<AnomalyRules> = { feeTolerance: 0.05 };

/** A review or application event as the monitoring service receives it, with its ledger id. */
export interface CaseEvent {
  type: string;
  data: unknown;
  /** The envelope's time. The rules judge the instants the payloads carry (`at`, `decidedAt`). */
  occurredAt: Instant;
  id: string;
}

/** An anomaly found, and the event that proves it (for `RecordAnomaly`'s `evidenceEventId`). */
export interface FoundAnomaly {
  rule: AnomalyRule;
  details: AnomalyDetails;
  evidenceEventId: string;
}

const DECISIONS = ['approved', 'refused', 'deemed_approved'] as const;
type Decision = (typeof DECISIONS)[number];
const isDecision = (outcome: string): outcome is Decision =>
  (DECISIONS as readonly string[]).includes(outcome);
const hasText = (text: string | undefined): boolean => (text?.trim() ?? '') !== '';

/**
 * Folds one review or application event into a case's facts and reports the anomalies it reveals (pure).
 * Each rule is reported at most once per case. Events from the two streams may arrive in either order: a
 * step seen before the submission, or a closing seen after a later-dated step, is judged when the other
 * fact arrives. Event types the rules do not concern are ignored.
 */
export function detectAnomalies(
  facts: CaseFacts,
  event: CaseEvent,
  rules: Partial<AnomalyRules> = {},
): { facts: CaseFacts; anomalies: FoundAnomaly[] } {
  if (facts.seenEventIds.includes(event.id)) return { facts, anomalies: [] };
  const feeTolerance = rules.feeTolerance ?? DEFAULT_ANOMALY_RULES.feeTolerance;
  const f: CaseFacts = {
    ...facts,
    steps: [...facts.steps],
    fee: { ...facts.fee },
    reported: [...facts.reported],
    seenEventIds: [...facts.seenEventIds, event.id],
  };
  const anomalies: FoundAnomaly[] = [];
  const flag = (rule: AnomalyRule, details: AnomalyDetails, evidenceEventId = event.id) => {
    if (f.reported.includes(rule)) return;
    f.reported.push(rule);
    anomalies.push({ rule, details, evidenceEventId });
  };
  const read = <S extends z.ZodType>(schema: S): z.output<S> => {
    const result = schema.safeParse(event.data);
    if (result.success) return result.data;
    throw new MalformedCaseEvent(
      event.id,
      event.type,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  };

  /** A review step dated before registration or after the case closed. */
  const step = (stepIndex: number, at: Instant, eventId = event.id) => {
    f.steps.push({ stepIndex, at, eventId });
    if (f.submittedAt && isBefore(at, f.submittedAt))
      flag('step_before_registration', { stepIndex, stepAt: at, submittedAt: f.submittedAt }, eventId);
    if (f.closedAt && isAfter(at, f.closedAt))
      flag('step_after_closing', { stepIndex, stepAt: at, closedAt: f.closedAt }, eventId);
  };
  const close = (at: Instant) => {
    if (f.closedAt === undefined || isBefore(at, f.closedAt)) f.closedAt = at;
    const closedAt = f.closedAt;
    const late = f.steps.find((s) => isAfter(s.at, closedAt));
    if (late)
      flag('step_after_closing', { stepIndex: late.stepIndex, stepAt: late.at, closedAt }, late.eventId);
  };
  /** 说理式, and a decided case must show its review steps (except instant items, decided on the spot). */
  const decided = (outcome: Decision, reason: string | undefined, at: Instant) => {
    const withReason = outcome !== 'refused' || hasText(reason);
    f.decision ??= { outcome, withReason, at };
    if (!withReason) flag('refusal_without_reason', { decidedAt: at, source: event.type });
    if (f.steps.length === 0 && f.category !== 'instant')
      flag('closed_without_steps', { outcome, closedAt: at, category: f.category ?? null });
  };

  switch (event.type) {
    case 'ApplicationSubmitted': {
      const d = read(ApplicationSubmittedData);
      f.caseNo = d.caseNo;
      f.submittedAt = d.at;
      f.category ??= d.item.category;
      f.fee.standardFen = d.item.fee.kind === 'fixed' ? d.item.fee.amountFen : 0;
      const submittedAt = d.at;
      const early = f.steps.find((s) => isBefore(s.at, submittedAt));
      if (early)
        flag(
          'step_before_registration',
          { stepIndex: early.stepIndex, stepAt: early.at, submittedAt },
          early.eventId,
        );
      break;
    }
    case 'CorrectionRequested': {
      const d = read(CorrectionRequestedData);
      f.correctionCount += 1;
      if (f.acceptedAt) flag('correction_after_acceptance', { acceptedAt: f.acceptedAt, correctionAt: d.at });
      // 一次性告知: one notice listing every missing item.
      if (f.correctionCount > 1) flag('more_than_one_correction', { count: f.correctionCount });
      break;
    }
    case 'ApplicationAccepted': {
      const d = read(ApplicationAcceptedData);
      f.acceptedAt = d.at;
      f.category = d.category;
      break;
    }
    case 'ReviewOpened': {
      const d = read(ReviewOpened.shape.data);
      f.caseNo ??= d.caseNo;
      f.category = d.category;
      break;
    }
    case 'ReviewStepPassed': {
      const d = read(ReviewStepPassed.shape.data);
      step(d.stepIndex, d.at);
      break;
    }
    case 'ReviewStepReturned': {
      const d = read(ReviewStepReturned.shape.data);
      step(d.stepIndex, d.at);
      break;
    }
    case 'ReviewDecided': {
      // The decision completes the final step: it is a step of the case record.
      const d = read(ReviewDecided.shape.data);
      step(d.stepIndex, d.at);
      close(d.at);
      decided(d.outcome, d.reason, d.at);
      break;
    }
    case 'ApprovalDeemed': {
      const d = read(ApprovalDeemed.shape.data);
      close(d.at);
      decided('deemed_approved', undefined, d.at);
      break;
    }
    case 'ReviewForwardedUp':
      close(read(ReviewForwardedUp.shape.data).at);
      break;
    case 'ReviewClosedOnWithdrawal':
      close(read(ReviewClosedOnWithdrawal.shape.data).at);
      break;
    case 'DecisionRecorded': {
      const d = read(DecisionRecordedData);
      close(d.decidedAt);
      if (isDecision(d.outcome)) decided(d.outcome, d.reason, d.decidedAt);
      break;
    }
    case 'ApplicationDeclined':
      close(read(ApplicationDeclinedData).at);
      break;
    case 'ApplicationWithdrawn':
      close(read(ApplicationWithdrawnData).at);
      break;
    case 'CorrectionExpired':
      close(read(CorrectionExpiredData).at);
      break;
    case 'ResultDelivered': {
      const d = read(ResultDeliveredData);
      if (d.fee) {
        // The monitoring's own tolerance judges the figures; intake's flag (5%) stands only without them.
        const { dueFen, paidFen } = d.fee;
        f.fee.dueFen = dueFen;
        f.fee.paidFen = paidFen;
        if (Math.abs(paidFen - dueFen) > dueFen * feeTolerance)
          flag('fee_off_standard', { dueFen, paidFen, tolerance: feeTolerance });
      } else if (d.anomalies.includes('fee_off_standard')) {
        flag('fee_off_standard', { dueFen: null, paidFen: null, tolerance: null });
      }
      break;
    }
    default:
      // Not an event the rules concern (ratings, supervision, …): nothing to remember.
      return { facts, anomalies: [] };
  }
  return { facts: f, anomalies };
}
