import { NoSuchCase } from '@docket/contracts';
import { type Actor, applicationStreamName, responsibleDepartment } from '@docket/domain';
import type { EventStore, RecordedEvent } from '@docket/event-store';
import { type CaseScope, canSeePersonalData, type DepartmentTree, rootOf } from '@docket/identity';
import { collectPersonalData, type PersonalValue } from './masking';

/** What the audit views of one case need to know before answering: where it sits and what is personal. */
export interface CaseAccess {
  caseNo: string;
  /** The case's events now, from the ledger (never a read model). */
  events: RecordedEvent[];
  scope: CaseScope;
  personal: PersonalValue[];
}

interface SubmittedData {
  item?: { department: string; joint?: { leadDepartment: string; coHandlers?: { department: string }[] } };
  submitterRole?: string;
  by?: { id?: string };
}

/**
 * The case as the ledger holds it: its events, its department (the lead department of a joint case, else
 * the item's; the tree's root for a case known only from complaints about it), its co-handlers and the
 * applicant's account when they applied online, and the personal values its events carry.
 * @throws NoSuchCase (404) when no event carries the case number.
 */
export async function caseAccess(
  ledger: EventStore,
  caseNo: string,
  tree: DepartmentTree,
): Promise<CaseAccess> {
  const events = await ledger.readCorrelated(caseNo);
  if (events.length === 0) throw new NoSuchCase(caseNo);
  const submitted = events.find(
    (e) => e.type === 'ApplicationSubmitted' && e.stream === applicationStreamName(caseNo),
  );
  const data = (submitted?.data ?? {}) as SubmittedData;
  const item = data.item;
  const scope: CaseScope = {
    department: item === undefined ? rootOf(tree) : responsibleDepartment(item),
    coHandlers: item?.joint?.coHandlers?.map((c) => c.department) ?? [],
    ...(data.submitterRole === 'applicant' && data.by?.id !== undefined
      ? { applicantUserId: data.by.id }
      : {}),
  };
  return { caseNo, events, scope, personal: collectPersonalData(events) };
}

export const mayReadPersonalData = (actor: Actor, access: CaseAccess, tree: DepartmentTree): boolean =>
  canSeePersonalData(actor, access.scope, tree);
