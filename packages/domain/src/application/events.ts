import { z } from 'zod';
import { HandlingCategory, Material, ServiceItemVersion } from '../catalogue/service-item';
import { Certificate } from '../shared/certificate';
import type { DomainEvent } from '../shared/decider';
import { RecordedBy } from '../shared/recorded-by';
import { Instant, TimeLimit } from '../shared/time';
import { Applicant, Channel, DecisionOutcome, DeliveryMethod, IdType, ProvidedMaterial } from './commands';

/** Result codes on closing (domain.md), as far as intake records them. */
export const ResultCode = z.enum([
  'approved',
  'deemed_approved',
  'refused',
  'forwarded_up',
  'declined',
  'withdrawn',
  'rejected_after_correction_expired',
]);
export type ResultCode = z.infer<typeof ResultCode>;

/**
 * The applicant as recorded. Read leniently, without the text rule `Applicant` holds a submission to: an
 * application recorded before the rule must still be read (monitoring parses this event).
 */
const RecordedApplicant = z.object({
  type: Applicant.shape.type,
  name: z.string(),
  idType: IdType,
  idNumber: z.string(),
  agent: z.object({ name: z.string(), idType: IdType, idNumber: z.string(), phone: z.string() }).optional(),
  phone: z.string(),
  address: z.string().optional(),
});

export const ApplicationSubmittedData = z.object({
  caseNo: z.string(),
  /** The whole item version: the case is handled under it even if the catalogue changes later. */
  item: ServiceItemVersion,
  applicant: RecordedApplicant,
  channel: Channel,
  materials: z.array(ProvidedMaterial),
  queryCodeHash: z.string(),
  /** After this a correction notice comes too late and the application counts as accepted on receipt. */
  correctionWindowClosesAt: Instant,
  /**
   * When the window unit is reminded that the correction window closes soon (a working day before, by
   * default). Absent on applications recorded before the reminder existed: they get none.
   */
  correctionWindowReminderAt: Instant.optional(),
  /** Who handed it in: the applicant themself (web, mobile) or a clerk keying it in (window, post). */
  submitterRole: z.enum(['applicant', 'clerk']),
  at: Instant,
  by: RecordedBy,
});
export type ApplicationSubmittedData = z.infer<typeof ApplicationSubmittedData>;

/** 首问负责制: the first clerk who handles the application owns it. */
export const FirstHandlerAssignedData = z.object({ handler: RecordedBy, at: Instant });
export type FirstHandlerAssignedData = z.infer<typeof FirstHandlerAssignedData>;

/** One line of the one-time notice (一次性告知). */
export const CorrectionItem = z.object({
  code: z.string(),
  name: z.string(),
  /** missing: not handed in, or too few copies; deficient: handed in but not acceptable. */
  kind: z.enum(['missing', 'deficient']),
  reason: z.string().min(1),
  requiredCount: z.number().int(),
  form: Material.shape.form,
});
export type CorrectionItem = z.infer<typeof CorrectionItem>;

/** 行政许可法 Art. 32: the window unit is reminded that the correction window closes soon. */
export const CorrectionWindowReminderIssuedData = z.object({
  closesAt: Instant,
  /** The window unit answerable: the first handler's, else the submitting clerk's, else the item's department. */
  windowUnit: z.string(),
  at: Instant,
  by: RecordedBy,
});
export type CorrectionWindowReminderIssuedData = z.infer<typeof CorrectionWindowReminderIssuedData>;

export const CorrectionRequestedData = z.object({
  items: z.array(CorrectionItem).min(1),
  note: z.string().optional(),
  supplementDeadline: Instant,
  at: Instant,
  by: RecordedBy,
});
export type CorrectionRequestedData = z.infer<typeof CorrectionRequestedData>;

export const MaterialsSupplementedData = z.object({
  materials: z.array(ProvidedMaterial),
  at: Instant,
  by: RecordedBy,
});
export type MaterialsSupplementedData = z.infer<typeof MaterialsSupplementedData>;

export const CorrectionExpiredData = z.object({
  supplementDeadline: Instant,
  resultCode: z.literal('rejected_after_correction_expired'),
  at: Instant,
  by: RecordedBy,
});
export type CorrectionExpiredData = z.infer<typeof CorrectionExpiredData>;

export const ApplicationAcceptedData = z.object({
  acceptanceDocumentNo: z.string(),
  category: HandlingCategory,
  categoryChangeReason: z.string().optional(),
  itemCode: z.string(),
  itemVersion: z.number().int(),
  /** The window unit (受理单位) that accepted; deemed approvals are recorded against it. */
  acceptingUnit: z.string(),
  /** The application counted as accepted on receipt because no correction notice came in time. */
  acceptedOnReceipt: z.boolean(),
  /**
   * Recorded by the system when the correction window closed untouched (行政许可法 Art. 32, 视为受理):
   * accepted by operation of law, `acceptingUnit` answerable. Absent on a clerk's acceptance.
   */
  byOperationOfLaw: z.literal(true).optional(),
  /** Mandatory materials still missing; only ever non-empty when accepted on receipt. */
  materialsMissing: z.array(z.string()),
  clockStartsAt: Instant,
  promisedLimit: TimeLimit,
  statutoryLimit: TimeLimit,
  promisedDeadline: Instant,
  statutoryDeadline: Instant,
  at: Instant,
  by: RecordedBy,
});
export type ApplicationAcceptedData = z.infer<typeof ApplicationAcceptedData>;

export const ApplicationDeclinedData = z.object({
  reason: z.string().min(1),
  legalBasis: z.string().min(1),
  resultCode: z.literal('declined'),
  at: Instant,
  by: RecordedBy,
});
export type ApplicationDeclinedData = z.infer<typeof ApplicationDeclinedData>;

export const ApplicationWithdrawnData = z.object({
  reason: z.string().optional(),
  /** A clerk withdrew it for the applicant (who asked at the window or in writing). */
  onBehalfOfApplicant: z.boolean(),
  resultCode: z.literal('withdrawn'),
  at: Instant,
  by: RecordedBy,
});
export type ApplicationWithdrawnData = z.infer<typeof ApplicationWithdrawnData>;

export const DecisionRecordedData = z.object({
  outcome: DecisionOutcome,
  certificate: Certificate.optional(),
  reason: z.string().optional(),
  decidedAt: Instant,
  reviewEventId: z.string(),
  resultCode: ResultCode,
  at: Instant,
  by: RecordedBy,
});
export type DecisionRecordedData = z.infer<typeof DecisionRecordedData>;

/** 异常办件 flags intake can see; recorded, never a reason to refuse the command. */
export const IntakeAnomaly = z.enum(['fee_off_standard']);
export type IntakeAnomaly = z.infer<typeof IntakeAnomaly>;

export const ResultDeliveredData = z.object({
  method: DeliveryMethod,
  trackingNo: z.string().optional(),
  recipient: z.object({ name: z.string(), relation: z.enum(['applicant', 'agent', 'other']) }),
  /** Present when a payment was recorded: what the fee standard asked and what was paid, in fen. */
  fee: z.object({ dueFen: z.number().int(), paidFen: z.number().int() }).optional(),
  anomalies: z.array(IntakeAnomaly),
  at: Instant,
  by: RecordedBy,
});
export type ResultDeliveredData = z.infer<typeof ResultDeliveredData>;

export type ApplicationEvent =
  | DomainEvent<'ApplicationSubmitted', ApplicationSubmittedData>
  | DomainEvent<'FirstHandlerAssigned', FirstHandlerAssignedData>
  | DomainEvent<'CorrectionWindowReminderIssued', CorrectionWindowReminderIssuedData>
  | DomainEvent<'CorrectionRequested', CorrectionRequestedData>
  | DomainEvent<'MaterialsSupplemented', MaterialsSupplementedData>
  | DomainEvent<'CorrectionExpired', CorrectionExpiredData>
  | DomainEvent<'ApplicationAccepted', ApplicationAcceptedData>
  | DomainEvent<'ApplicationDeclined', ApplicationDeclinedData>
  | DomainEvent<'ApplicationWithdrawn', ApplicationWithdrawnData>
  | DomainEvent<'DecisionRecorded', DecisionRecordedData>
  | DomainEvent<'ResultDelivered', ResultDeliveredData>;

/** `application-<caseNo>`: one stream per case's intake. */
export const applicationStreamName = (caseNo: string): string => `application-${caseNo}`;
