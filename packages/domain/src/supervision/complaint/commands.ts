import { z } from 'zod';
import type { Command } from '../../shared/command';
import {
  AccountabilityMeasure,
  AccountabilityTarget,
  Complainant,
  ComplaintChannel,
  ComplaintSubject,
  ComplaintType,
} from './events';

const text = (max: number) => z.string().max(max);

/** 投诉: by the complainant online, or taken down by a supervisor or monitor. The id arrives in the data. */
export const SubmitComplaintData = z.object({
  id: z.string().min(1).max(64),
  channel: ComplaintChannel,
  type: ComplaintType,
  subject: ComplaintSubject,
  complainant: Complainant,
  content: text(8000).trim().min(1),
});

/** Written reasons are optional in the schemas so that a missing one is ReasonRequired, not InvalidCommand. */
export const AcceptComplaintData = z.object({ reason: text(4000).optional() });
export const DeclineComplaintData = z.object({ reason: text(4000).optional() });
export const FlagComplaintOverdueData = z.object({});
export const RecordInvestigationData = z.object({ notes: text(8000).optional() });
export const RecordFindingData = z.object({ substantiated: z.boolean(), finding: text(8000).optional() });
export const DecideAccountabilityData = z.object({
  against: AccountabilityTarget,
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
