import { caseNoOfStream, reviewStreamName } from '@docket/domain';
import type { RecordedEvent } from '@docket/event-store';
import { idempotentReaction, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';
import { clockReactionOf } from './case-events';
import { CaseFactsFold } from './case-facts-fold';
import { ClockCommands } from './clock-commands';

/** The application and review events 电子监察 follows: the clock's and the anomaly rules'. */
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

export const CASE_WATCH = 'monitoring-case-watch';

/**
 * Follows every case (电子监察): each review event that changes the case's time becomes a clock command,
 * dated at the event; every application and review event is checked against the anomaly rules
 * (异常办件) on the case's whole history, and what it reveals is recorded on the clock. Each command is
 * idempotent on its own (the clock's by the reaction's key, an anomaly by its rule and evidence).
 */
@Injectable()
export class CaseWatch {
  readonly onApplicationEvent: (payload: unknown) => Promise<void>;
  readonly onReviewEvent: (payload: unknown) => Promise<void>;

  private readonly facts: CaseFactsFold;

  constructor(
    @Inject(MONITORING) private readonly deps: ServiceDeps,
    private readonly clocks: ClockCommands,
  ) {
    this.facts = new CaseFactsFold(deps.ledger);
    const refused = (event: RecordedEvent, error: Error) =>
      deps.logger.warn(`clock not changed for ${event.type}`, { event: event.id, error: error.message });
    const react = (types: string[]) =>
      idempotentReaction(
        { ledger: deps.ledger, name: CASE_WATCH, types, passOverKnownKeys: false, onRefused: refused },
        (event, key) => this.watch(event, key),
      );
    this.onApplicationEvent = react(APPLICATION_TYPES);
    this.onReviewEvent = react(REVIEW_TYPES);
  }

  private async watch(event: RecordedEvent, key: string): Promise<void> {
    const caseNo = event.correlationId ?? caseNoOfStream(event.stream)!;
    await this.recordAnomalies(caseNo, event);
    if (event.stream !== reviewStreamName(caseNo)) return;
    const reaction = await clockReactionOf(event, {
      ledger: this.deps.ledger,
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
