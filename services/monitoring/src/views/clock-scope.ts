import { NoSuchCase } from '@docket/contracts';
import {
  type ApplicationSubmittedData,
  applicationStreamName,
  type ClockState,
  responsibleDepartment,
} from '@docket/domain';
import type { EventStore } from '@docket/event-store';
import type { CaseScope } from '@docket/identity';

/**
 * Where a case's clock belongs, for `mayViewCase`: the case's own department and its co-handlers, as the
 * clock recorded them when it started. Before that (a case not yet accepted, whose clock may already hold
 * anomalies: a second correction precedes acceptance) the case's submission says it, from the ledger.
 * @throws NoSuchCase (404) for a case nobody submitted, as GET /api/cases/{caseNo} answers.
 */
export async function clockScope(ledger: EventStore, caseNo: string, clock: ClockState): Promise<CaseScope> {
  if (clock.status !== 'not_started')
    return { department: clock.department, coHandlers: clock.coHandlers.map((c) => c.department) };
  const [submitted] = await ledger.readStream(applicationStreamName(caseNo), { maxCount: 1 });
  const item = (submitted?.data as Partial<ApplicationSubmittedData> | undefined)?.item;
  if (submitted?.type !== 'ApplicationSubmitted' || item === undefined) throw new NoSuchCase(caseNo);
  return {
    department: responsibleDepartment(item),
    coHandlers: item.joint?.coHandlers.map((c) => c.department) ?? [],
  };
}
