import { z } from 'zod';
import type { Command } from '../../shared/command';
import { checkPhoneNumber } from '../../shared/identity-numbers';
import { multiLine, singleLine } from '../../shared/text';
import {
  AccountabilityMeasure,
  AccountabilityTarget,
  Complainant,
  ComplaintChannel,
  ComplaintSubject,
  ComplaintType,
} from './events';

/** What supervisors, departments and complainants write: the text rule (shared/text.ts), over lines. */
const text = (max: number) => multiLine({ max });

/** 投诉: by the complainant online, or taken down by a supervisor or monitor. The id arrives in the data. */
export const SubmitComplaintData = z.object({
  id: z.string().min(1).max(64),
  channel: ComplaintChannel,
  type: ComplaintType,
  subject: ComplaintSubject,
  // The event reads the complainant leniently (events.ts); what is typed now follows the text rule, and
  // the phone the identity numbers rule: any phone number, a landline too (shared/identity-numbers.ts).
  complainant: Complainant.extend({
    name: singleLine({ max: 200 }),
    phone: singleLine({ max: 32 }).optional(),
  }).superRefine(({ phone }, context) => {
    const check = phone === undefined ? undefined : checkPhoneNumber(phone);
    if (check !== undefined && !check.ok)
      context.addIssue({
        code: 'custom',
        message: check.message,
        path: ['phone'],
        params: { rule: check.rule },
      });
  }),
  content: multiLine({ max: 8000, required: true }).trim(),
});

/** Written reasons are optional in the schemas so that a missing one is ReasonRequired, not InvalidCommand. */
export const AcceptComplaintData = z.object({ reason: text(4000).optional() });
export const DeclineComplaintData = z.object({ reason: text(4000).optional() });
export const FlagComplaintOverdueData = z.object({});
export const RecordInvestigationData = z.object({ notes: text(8000).optional() });
export const RecordFindingData = z.object({ substantiated: z.boolean(), finding: text(8000).optional() });
/**
 * The target as the supervisor names it. One object rather than `AccountabilityTarget`'s union, so that a
 * refused officer's name is reported at `against.officerName` (a union names only `against`); the output
 * is the union's.
 */
const TypedAccountabilityTarget = z
  .strictObject({
    department: z.string().min(1).max(64),
    officerId: z.string().min(1).max(128).optional(),
    officerName: singleLine({ max: 200 }).optional(),
  })
  .refine((target) => (target.officerId === undefined) === (target.officerName === undefined), {
    message: 'an officer is named by both id and name',
    path: ['officerName'],
  })
  .transform(
    ({ department, officerId, officerName }): AccountabilityTarget =>
      officerId === undefined || officerName === undefined
        ? { department }
        : { department, officerId, officerName },
  );

export const DecideAccountabilityData = z.object({
  against: TypedAccountabilityTarget,
  measure: AccountabilityMeasure,
  reason: text(4000).optional(),
});
export const ReplyToComplainantData = z.object({ reply: text(8000).optional() });

/** Every complaint command's payload schema, by its type tag: decide validates against these. */
export const complaintCommandSchemas = {
  SubmitComplaint: SubmitComplaintData,
  AcceptComplaint: AcceptComplaintData,
  DeclineComplaint: DeclineComplaintData,
  FlagComplaintOverdue: FlagComplaintOverdueData,
  RecordInvestigation: RecordInvestigationData,
  RecordFinding: RecordFindingData,
  DecideAccountability: DecideAccountabilityData,
  ReplyToComplainant: ReplyToComplainantData,
} as const;

type Schemas = typeof complaintCommandSchemas;
export type ComplaintCommandType = keyof Schemas;
/** One complaint command by its type tag, with the payload as callers write it. */
export type ComplaintCommandOf<T extends ComplaintCommandType> = Command<T, z.input<Schemas[T]>>;
export type ComplaintCommand = { [T in ComplaintCommandType]: ComplaintCommandOf<T> }[ComplaintCommandType];
/** A command after validation: what the per-command deciders receive. */
export type ValidComplaintCommand<T extends ComplaintCommandType> = Command<T, z.output<Schemas[T]>>;
