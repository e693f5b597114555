import { caseNoOfStream, reviewStreamName } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import { idempotentReaction, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';
import { clockReactionOf } from './case-events';
import { CaseFactsFold } from './case-facts-fold';
import { ClockCommands } from './clock-commands';
import { ReviewStates } from './review-states';

/** The application and review events 电子监察 acts on: the clock's and the anomaly rules'. */
const APPLICATION_TYPES = [
  'ApplicationSubmitted',
  'CorrectionRequested',
  'ApplicationAccepted',
  'DecisionRecorded',
  'ResultDelivered',
];
const REVIEW_TYPES = [
  'ReviewOpened',
  'ReviewStepPassed',
  'ReviewStepReturned',
  'JointOpinionAnswered',
  'CoHandlerConsentDeemed',
  'SpecialProcedureStarted',
  'SpecialProcedureEnded',
  'ExtensionApproved',
  'ReviewDecided',
  'ApprovalDeemed',
  'ReviewForwardedUp',
  'ReviewClosedOnWithdrawal',
];
const ACTED_ON = new Set([...APPLICATION_TYPES, ...REVIEW_TYPES]);

/**
 * The streams' other events: nothing is done about them, but they are folded as they come (in their
 * stream's order, like the others), so that the event after one of them is its stream's next revision
 * and is folded in hand instead of read. One missing here (a new type) is read when the next one comes.
 */
const FOLDED_ONLY = {
  application: [
    'FirstHandlerAssigned',
    'MaterialsSupplemented',
    'CorrectionExpired',
    'ApplicationDeclined',
    'ApplicationWithdrawn',
  ],
  review: ['JointOpinionsConsolidated', 'TaskAssigned'],
};

export const CASE_WATCH = 'monitoring-case-watch';

/**
 * Follows every case (电子监察): each review event that changes the case's time becomes a clock command,
 * dated at the event; every application and review event is checked against the anomaly rules
 * (异常办件) on the case's whole history, and what it reveals is recorded on the clock. Each command is
 * idempotent on its own (the clock's by the reaction's key, an anomaly by its rule and evidence). The
 * case's facts and its review's state are folded as the events come (`CaseFactsFold`, `ReviewStates`):
 * the event in hand is folded on what is held, and the ledger is read only after a gap.
 */
@Injectable()
export class CaseWatch {
  readonly onApplicationEvent: (payload: unknown) => Promise<void>;
  readonly onReviewEvent: (payload: unknown) => Promise<void>;

  private readonly facts: CaseFactsFold;
  private readonly reviews: ReviewStates;

  constructor(
    @Inject(MONITORING) private readonly deps: ServiceDeps,
    private readonly clocks: ClockCommands,
  ) {
    this.facts = new CaseFactsFold(deps.ledger);
    this.reviews = new ReviewStates(deps.ledger);
    const refused = (event: RecordedEvent, error: Error) =>
      deps.logger.warn(`clock not changed for ${event.type}`, { event: event.id, error: error.message });
    const react = (types: string[]) =>
      idempotentReaction(
        { ledger: deps.ledger, name: CASE_WATCH, types, passOverKnownKeys: false, onRefused: refused },
        (event, key) => this.watch(event, key),
      );
    this.onApplicationEvent = react([...APPLICATION_TYPES, ...FOLDED_ONLY.application]);
    this.onReviewEvent = react([...REVIEW_TYPES, ...FOLDED_ONLY.review]);
  }

  private async watch(event: RecordedEvent, key: string): Promise<void> {
    const caseNo = event.correlationId ?? caseNoOfStream(event.stream)!;
    const review = event.stream === reviewStreamName(caseNo);
    if (!ACTED_ON.has(event.type)) {
      // What it reveals is not recorded (as when it was folded only with the next event, before).
      await this.facts.foldTo(caseNo, event);
      if (review) this.reviews.pass(event);
      return;
    }
    await this.recordAnomalies(caseNo, event);
    if (!review) return;
    const reaction = await clockReactionOf(event, {
      reviews: this.reviews,
      calendar: this.deps.calendar,
      deemedApprovalDeadline: 'statutory',
    });
    if (reaction === undefined) return;
    await this.clocks.run(caseNo, reaction.type, reaction.data, {
      causationId: event.id,
      idempotencyKey: key,
      now: event.occurredAt,
    });
  }

  /** The anomaly rules over the case's history up to this event; what this event reveals is recorded. */
  private async recordAnomalies(caseNo: string, event: RecordedEvent): Promise<void> {
    const { found, department } = await this.facts.foldTo(caseNo, event);
    for (const anomaly of found) {
      try {
        await this.clocks.run(
          caseNo,
          'RecordAnomaly',
          { ...anomaly, ...(department === undefined ? {} : { department }) },
          { causationId: event.id },
        );
      } catch (error) {
        // Recorded before (a redelivery): the rule and its evidence are on the clock already.
        if ((error as { code?: string }).code !== 'AnomalyAlreadyRecorded') throw error;
      }
    }
  }
}
