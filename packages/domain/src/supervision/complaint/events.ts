import { z } from 'zod';
import { RecordedBy } from '../../shared/recorded-by';
import { Instant } from '../../shared/time';

const recorded = { at: Instant, by: RecordedBy };
const department = z.string().min(1).max(64);

/** How the complaint reached the centre: online by the complainant; phone, visit, letter taken down by staff. */
export const ComplaintChannel = z.enum(['online', 'phone', 'visit', 'letter']);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

/** 不作为 (inaction), 乱作为 (misconduct), 慢作为 (delay), other. */
export const ComplaintType = z.enum(['inaction', 'misconduct', 'delay', 'other']);
export type ComplaintType = z.infer<typeof ComplaintType>;

/** What the complaint is about: a case, a department, or both. */
export const ComplaintSubject = z
  .object({ caseNo: z.string().min(1).max(64).optional(), department: department.optional() })
  .refine((s) => s.caseNo !== undefined || s.department !== undefined, {
    message: 'a complaint names a case number, a department, or both',
  });
export type ComplaintSubject = z.infer<typeof ComplaintSubject>;

/** 投诉人. The phone number is personal information: read models mask it for roles that do not need it. */
export const Complainant = z.object({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().min(1).max(32).optional(),
  /** The complainant's account, when they have one (always, when they submitted online themselves). */
  userId: z.string().min(1).max(128).optional(),
});
export type Complainant = z.infer<typeof Complainant>;

/**
 * 责任追究 measures, mildest first: 批评教育 (criticism), 通报批评 (circulated criticism), 责令整改
 * (rectification order, usually on a department), 诫勉谈话 (admonition), 警告 (warning, a formal
 * sanction), or other (the reason says which).
 */
export const AccountabilityMeasure = z.enum([
  'criticism',
  'circulated_criticism',
  'rectification_order',
  'admonition',
  'warning',
  'other',
]);
export type AccountabilityMeasure = z.infer<typeof AccountabilityMeasure>;

/** Against a department, or against one of its officers (both id and name, so the record reads alone). */
export const AccountabilityTarget = z.union([
  z.object({ department, officerId: z.string().min(1).max(128), officerName: z.string().min(1).max(200) }),
  // strict: an officer id without a name is a malformed target, not a department-only one
  z.strictObject({ department }),
]);
export type AccountabilityTarget = z.infer<typeof AccountabilityTarget>;

/** 投诉登记: `acceptBy` is computed on submission and recorded, so a replay never needs the calendar. */
export const ComplaintSubmitted = z.object({
  type: z.literal('ComplaintSubmitted'),
  data: z.object({
    id: z.string(),
    channel: ComplaintChannel,
    type: ComplaintType,
    subject: ComplaintSubject,
    complainant: Complainant,
    content: z.string(),
    /** True when a supervisor or monitor took it down (phone, visit, letter, or for the complainant). */
    takenDown: z.boolean(),
    acceptWorkingDays: z.number().int().min(1),
    acceptBy: Instant,
    ...recorded,
  }),
});

/** 受理. `late` when decided after `acceptBy`. */
export const ComplaintAccepted = z.object({
  type: z.literal('ComplaintAccepted'),
  data: z.object({ reason: z.string(), acceptBy: Instant, late: z.boolean(), ...recorded }),
});

/** 不予受理: the written reason is what the complainant is told. Terminal. */
export const ComplaintDeclined = z.object({
  type: z.literal('ComplaintDeclined'),
  data: z.object({ reason: z.string(), acceptBy: Instant, late: z.boolean(), ...recorded }),
});

/** The acceptance limit passed without a decision (recorded once, by the system). */
export const ComplaintAcceptanceOverdue = z.object({
  type: z.literal('ComplaintAcceptanceOverdue'),
  data: z.object({ acceptBy: Instant, ...recorded }),
});

/** 调查核实: one entry per investigation step; several are allowed before the finding. */
export const ComplaintInvestigationRecorded = z.object({
  type: z.literal('ComplaintInvestigationRecorded'),
  data: z.object({ notes: z.string(), ...recorded }),
});

/** 调查结论: substantiated (属实) or not. */
export const ComplaintFindingRecorded = z.object({
  type: z.literal('ComplaintFindingRecorded'),
  data: z.object({ substantiated: z.boolean(), finding: z.string(), ...recorded }),
});

/** 责任追究: only after a substantiated finding. */
export const ComplaintAccountabilityDecided = z.object({
  type: z.literal('ComplaintAccountabilityDecided'),
  data: z.object({
    against: AccountabilityTarget,
    measure: AccountabilityMeasure,
    reason: z.string(),
    ...recorded,
  }),
});

/** 答复投诉人: closes the complaint. */
export const ComplaintReplied = z.object({
  type: z.literal('ComplaintReplied'),
  data: z.object({ reply: z.string(), ...recorded }),
});

export const ComplaintEvent = z.discriminatedUnion('type', [
  ComplaintSubmitted,
  ComplaintAccepted,
  ComplaintDeclined,
  ComplaintAcceptanceOverdue,
  ComplaintInvestigationRecorded,
  ComplaintFindingRecorded,
  ComplaintAccountabilityDecided,
  ComplaintReplied,
]);
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;
export type ComplaintEventType = ComplaintEvent['type'];
export const complaintStreamName = (id: string): string => `complaint-${id}`;
