import {
  type CaseFacts,
  intake,
  MIN_POSITION_HEADER,
  type MonitoringCounts,
  monitoring,
} from '@docket/contracts';
import { systemActor } from '@docket/domain';
import { ACTOR_HEADER, actorHeader } from '@docket/messaging';
import { BusClient } from '@docket/nest-bus';
import { Injectable } from '@nestjs/common';

/**
 * What supervision asks the other services, as the system (`system:supervision`), over their contracts:
 * a case's facts from intake (its department, applicant account and closing, read from the application
 * stream), and what monitoring counted for a month's score (cards, refusals without reason).
 */
@Injectable()
export class OtherServices {
  private readonly headers = { [ACTOR_HEADER]: actorHeader(systemActor('supervision')) };

  constructor(private readonly client: BusClient) {}

  /** @throws RemoteError NoSuchCase (404) for a case nobody submitted. */
  caseFacts(caseNo: string): Promise<CaseFacts> {
    return this.client.request<CaseFacts>(intake.caseFacts.subject, { caseNo }, { headers: this.headers });
  }

  /**
   * `minPosition` asks monitoring to have applied the ledger up to there first (read your writes), for a
   * lock: a card raised just before the month ended must be counted. A provisional score does not wait.
   */
  monitoringCounts(department: string, month: string, minPosition?: bigint): Promise<MonitoringCounts> {
    const headers =
      minPosition === undefined
        ? this.headers
        : { ...this.headers, [MIN_POSITION_HEADER]: String(minPosition) };
    return this.client.request<MonitoringCounts>(
      monitoring.counts.subject,
      { department, month },
      { headers },
    );
  }
}
