import { IDEMPOTENCY_KEY_HEADER, review } from '@docket/contracts';
import { caseNoOfStream } from '@docket/domain';
import { ACTOR_HEADER, actorHeader } from '@docket/messaging';
import { BusClient } from '@docket/nest-bus';
import { idempotentReaction, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';
import { ClockCommands } from './clock-commands';

export const DEEMED_OUTCOMES = 'monitoring-deemed-outcomes';

/**
 * 超时默认 and 超时默许: when the clock records that a deadline passed and the item deems the case approved
 * (or a co-handler's silence consent), the monitoring service asks the review to record it, as the
 * system, caused by the clock's event. The review decides by its own rules (a special procedure running,
 * its own deadline not passed): a refusal is logged and passed over. The request carries an idempotency
 * key, so a redelivered event never records it twice.
 */
@Injectable()
export class DeemedOutcomes {
  readonly handle: (payload: unknown) => Promise<void>;

  constructor(@Inject(MONITORING) deps: ServiceDeps, clocks: ClockCommands, client: BusClient) {
    this.handle = idempotentReaction(
      {
        ledger: deps.ledger,
        name: DEEMED_OUTCOMES,
        types: ['DeadlinePassed', 'CoHandlerLimitPassed'],
        // The command lands in the review's stream: the review's ledger entry answers a retry.
        passOverKnownKeys: false,
        onRefused: (event, error) =>
          deps.logger.warn(`review did not record the deemed outcome of ${event.stream}`, {
            event: event.id,
            error: error.message,
          }),
      },
      async (event, key) => {
        const caseNo = caseNoOfStream(event.stream)!;
        const headers = { [ACTOR_HEADER]: actorHeader(clocks.actor), [IDEMPOTENCY_KEY_HEADER]: key };
        const data = event.data as {
          deemedApprovalDue?: boolean;
          consentDeemedDue?: boolean;
          department?: string;
        };
        if (event.type === 'DeadlinePassed' && data.deemedApprovalDue)
          await client.request(
            review.deemApproval.subject,
            { caseNo, data: { causationEventId: event.id } },
            { headers },
          );
        if (event.type === 'CoHandlerLimitPassed' && data.consentDeemedDue && data.department)
          await client.request(
            review.deemCoHandlerConsent.subject,
            { caseNo, data: { department: data.department, causationEventId: event.id } },
            { headers },
          );
      },
    );
  }
}
