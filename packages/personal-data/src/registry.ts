import type { ActorMetadata } from '@docket/event-store';
import type { SubjectIdentity } from './subjects';

/**
 * Which fields of which events are personal data (个人信息), and whose: the one declaration the sealed
 * ledger follows. Fields are named by their path from the event (`data.applicant.idNumber`, `actor.name`).
 *
 * What is sealed, and why (PIPL Art. 4: information about an identified or identifiable natural person):
 * - 申请 `ApplicationSubmitted`: a person applicant's name, ID number, phone and address, under the applicant
 *   (by ID document); a company's name, 统一社会信用代码 and address are not a person's and stay as they are
 *   (both are printed on its business licence), its phone, usually a person's mobile, is sealed under the
 *   company; the agent's name, ID number and phone under the agent, who is a subject of their own. The
 *   case's stream is linked to the applicant, for the case's later values.
 * - 送达 `ResultDelivered`: the recipient's name, under the case's applicant (it is the applicant, their
 *   agent or someone they sent).
 * - 投诉 `ComplaintSubmitted`: the complainant's name and phone, under their account when they have one,
 *   else under their name and phone, else under the complaint.
 * - Every event an applicant's account acted in (any type): the actor's name in the envelope and the
 *   `by.name` that repeats it, under the account. Staff act in office: their names are the record of who
 *   decided, and stay.
 *
 * Not sealed: free text (a complaint's content, a rating's comment, reasons and opinions) may mention a
 * person but is not collected as their data; ID types, account ids, case numbers and department codes.
 * Events of other types pass through untouched.
 */
export interface SealGroup {
  subject: SubjectIdentity | 'stream-owner';
  /** The fields to seal, each present in the event (absent optional fields are left out). */
  paths: readonly string[];
  /** Link the event's stream to this subject: the subject of the stream's later `stream-owner` values. */
  ownsStream?: boolean;
}

/** What the registry sees of an event to seal: enough to find the subject (the values are still plain). */
export interface EventToSeal {
  stream: string;
  type: string;
  data: unknown;
  actor: ActorMetadata;
}

export interface SealRule {
  /**
   * Every path this event type may carry sealed, whatever its data: what a reader tries to open. Only ever
   * grows: events sealed under an earlier registry must still open.
   */
  paths: readonly string[];
  groups(event: EventToSeal): SealGroup[];
}

export interface PersonalDataRegistry {
  /** The rule of an event type, or undefined: nothing in it is personal. */
  rule(type: string): SealRule | undefined;
  /** Paths sealed in events of every type (the acting applicant's name). */
  readonly everyEvent: SealRule;
}

type Loose = Record<string, unknown> | undefined;
const obj = (value: unknown): Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The paths of `fields` under `prefix` whose values are present strings. */
const present = (record: Loose, prefix: string, fields: readonly string[]): string[] =>
  fields.filter((field) => str(record?.[field]) !== undefined).map((field) => `${prefix}.${field}`);

const APPLICANT_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;
const AGENT_FIELDS = ['name', 'idNumber', 'phone'] as const;

const applicationSubmitted: SealRule = {
  paths: [
    ...APPLICANT_FIELDS.map((f) => `data.applicant.${f}`),
    ...AGENT_FIELDS.map((f) => `data.applicant.agent.${f}`),
  ],
  groups({ data }) {
    const applicant = obj(obj(data)?.applicant);
    const idType = str(applicant?.idType);
    const idNumber = str(applicant?.idNumber);
    if (applicant === undefined || idType === undefined || idNumber === undefined) return [];
    const person = applicant.type !== 'company';
    const groups: SealGroup[] = [
      {
        subject: { kind: 'person', idType, idNumber },
        paths: present(applicant, 'data.applicant', person ? APPLICANT_FIELDS : ['phone']),
        ownsStream: true,
      },
    ];
    const agent = obj(applicant.agent);
    const agentIdType = str(agent?.idType);
    const agentIdNumber = str(agent?.idNumber);
    if (agentIdType !== undefined && agentIdNumber !== undefined)
      groups.push({
        subject: { kind: 'person', idType: agentIdType, idNumber: agentIdNumber },
        paths: present(agent, 'data.applicant.agent', AGENT_FIELDS),
      });
    return groups;
  },
};

const resultDelivered: SealRule = {
  paths: ['data.recipient.name'],
  groups: ({ data }) => [
    { subject: 'stream-owner', paths: present(obj(obj(data)?.recipient), 'data.recipient', ['name']) },
  ],
};

const complaintSubmitted: SealRule = {
  paths: ['data.complainant.name', 'data.complainant.phone'],
  groups({ stream, data }) {
    const complainant = obj(obj(data)?.complainant);
    const name = str(complainant?.name);
    const phone = str(complainant?.phone);
    const userId = str(complainant?.userId);
    const subject: SubjectIdentity =
      userId !== undefined
        ? { kind: 'user', userId }
        : name !== undefined && phone !== undefined
          ? { kind: 'contact', name, phone }
          : { kind: 'stream', stream };
    return [{ subject, paths: present(complainant, 'data.complainant', ['name', 'phone']) }];
  },
};

/** An applicant's account acting: its name in the envelope, and in `data.by` where that is the same person. */
const actingApplicant: SealRule = {
  paths: ['actor.name', 'data.by.name'],
  groups({ actor, data }) {
    if (!actor.roles.includes('applicant')) return [];
    const by = obj(obj(data)?.by);
    const paths = [
      'actor.name',
      ...(by?.id === actor.id && str(by.name) !== undefined ? ['data.by.name'] : []),
    ];
    return [{ subject: { kind: 'user', userId: actor.id }, paths }];
  },
};

const RULES: Readonly<Record<string, SealRule>> = {
  ApplicationSubmitted: applicationSubmitted,
  ResultDelivered: resultDelivered,
  ComplaintSubmitted: complaintSubmitted,
};

/** docket's registry: the events above. */
export const docketRegistry: PersonalDataRegistry = {
  rule: (type) => (Object.hasOwn(RULES, type) ? RULES[type] : undefined),
  everyEvent: actingApplicant,
};

/** Every path an event of this type may carry sealed: what a reader looks at. */
export function sealablePaths(registry: PersonalDataRegistry, type: string): readonly string[] {
  const rule = registry.rule(type);
  return rule === undefined ? registry.everyEvent.paths : [...rule.paths, ...registry.everyEvent.paths];
}
