import type { PersonalDataField } from '@docket/contracts';
import type { Command, Decider, DomainEvent } from '@docket/domain';

/** 个人信息披露: who had which personal data of the case shown in full, and why. */
export const DISCLOSURE_EVENT = 'PersonalDataDisclosed';

interface DisclosureData {
  caseNo: string;
  /** Why: recorded as the event's reason (说理式). */
  reason: string;
  fields: PersonalDataField[];
}

export type DisclosePersonalData = Command<'DisclosePersonalData', DisclosureData>;
type PersonalDataDisclosed = DomainEvent<typeof DISCLOSURE_EVENT, DisclosureData>;

/**
 * Every disclosure is recorded, before the data is shown: the stream is a log with no rule to refuse by
 * (who may disclose is authorised on the case first), decided through the command path like every other
 * write, so retries (Idempotency-Key), the envelope and the correlation to the case are the same.
 */
export const disclosureDecider: Decider<
  DisclosePersonalData,
  { disclosures: number },
  PersonalDataDisclosed
> = {
  initialState: () => ({ disclosures: 0 }),
  evolve: (state) => ({ disclosures: state.disclosures + 1 }),
  decide: (command) => [{ type: DISCLOSURE_EVENT, data: command.data }],
};
