import { z } from 'zod';
import { HandlingCategory, Material, ServiceItemVersion } from '../catalogue/service-item';
import { Certificate } from '../shared/certificate';
import type { Command } from '../shared/command';
import {
  checkIdNumber,
  checkMobileNumber,
  checkPhoneNumber,
  type NumberCheck,
} from '../shared/identity-numbers';
import { multiLine, singleLine } from '../shared/text';
import { Instant, type LocalDate } from '../shared/time';

/** Identity documents an applicant or agent shows. 统一社会信用代码 identifies a company. */
export const IdType = z.enum([
  'resident_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'foreign_permanent_resident_id',
  'unified_social_credit_code',
  'other',
]);
export type IdType = z.infer<typeof IdType>;

/**
 * The identity numbers rule (shared/identity-numbers.ts) on a person or company as typed: the ID number by
 * its type (GB 11643 for a resident ID, GB 32100 for a unified social credit code, the text rule alone for
 * any other document), the phone a mobile number for a person and any phone number for a company. A
 * refusal is an issue at the field (`idNumber: GB 11643 check digit: …`); a resident ID's lowercase x and
 * a credit code's lowercase letters are recorded in capitals. Whether a date of birth is after the day of
 * the submission is the decider's check (`futureBirthDateIssues`): a schema has no clock.
 */
const identityNumbers =
  (phoneRule: (holder: { type?: 'person' | 'company' }) => (value: string) => NumberCheck) =>
  (
    holder: { type?: 'person' | 'company'; idType: IdType; idNumber: string; phone: string },
    context: z.RefinementCtx,
  ): void => {
    const checks: [keyof typeof holder, NumberCheck][] = [
      ['idNumber', checkIdNumber(holder.idType, holder.idNumber)],
      ['phone', phoneRule(holder)(holder.phone)],
    ];
    for (const [field, check] of checks)
      if (!check.ok)
        context.addIssue({
          code: 'custom',
          message: check.message,
          path: [field],
          params: { rule: check.rule },
        });
  };

const ID_NUMBER_RULE =
  'resident_id: GB 11643 (18 characters, date of birth, check digit 0–9 or X); unified_social_credit_code: GB 32100 (18 characters, check character); other documents as typed';

/** A resident ID's x and a credit code's letters in capitals: the number as the standard writes it. */
const recordedNumber = <Holder extends { idType: IdType; idNumber: string }>(holder: Holder): Holder => {
  const check = checkIdNumber(holder.idType, holder.idNumber);
  return check.ok && check.value !== holder.idNumber ? { ...holder, idNumber: check.value } : holder;
};

/**
 * 代理人: someone applying on the applicant's behalf. Typed text follows the text rule (shared/text.ts),
 * the ID number and phone the identity numbers rule (a person: a mobile number).
 */
export const Agent = z
  .object({
    name: singleLine({ max: 200 }),
    idType: IdType,
    idNumber: singleLine({ max: 64 }).describe(ID_NUMBER_RULE),
    phone: singleLine({ max: 32 }).describe('a mobile number: 11 digits 1[3-9]…, or + country code'),
  })
  .superRefine(identityNumbers(() => checkMobileNumber))
  .overwrite(recordedNumber);
export type Agent = z.infer<typeof Agent>;

/**
 * 申请人, as typed at the window or online (the text rule and the identity numbers rule hold; the event
 * reads it leniently, see `ApplicationSubmittedData`). A person's phone is a mobile number, a company's
 * any phone number (a landline with its area code too). ID and phone numbers are personal information:
 * read models mask them.
 */
export const Applicant = z
  .object({
    type: z.enum(['person', 'company']),
    name: singleLine({ max: 200 }),
    idType: IdType,
    idNumber: singleLine({ max: 64 }).describe(ID_NUMBER_RULE),
    agent: Agent.optional(),
    phone: singleLine({ max: 32 }).describe(
      "a person's: a mobile number (11 digits 1[3-9]…, or + country code); a company's: also a landline with its area code (021-63211234) or a 400/800 number",
    ),
    address: singleLine({ max: 500 }).optional(),
  })
  .superRefine(identityNumbers(({ type }) => (type === 'company' ? checkPhoneNumber : checkMobileNumber)))
  .overwrite(recordedNumber);
export type Applicant = z.infer<typeof Applicant>;

/**
 * A date of birth in a resident ID (the applicant's, the agent's) after `today`, the centre's date of the
 * submission: one issue each, at `data.applicant.idNumber` / `data.applicant.agent.idNumber`.
 */
export function futureBirthDateIssues(applicant: Applicant, today: LocalDate): string[] {
  const holders: [string, { idType: IdType; idNumber: string } | undefined][] = [
    ['data.applicant.idNumber', applicant],
    ['data.applicant.agent.idNumber', applicant.agent],
  ];
  return holders.flatMap(([path, holder]) => {
    if (holder === undefined) return [];
    const check = checkIdNumber(holder.idType, holder.idNumber, { today });
    return check.ok ? [] : [`${path}: ${check.message}`];
  });
}

export const Channel = z.enum(['window', 'web', 'mobile', 'post']);
export type Channel = z.infer<typeof Channel>;

/** One material handed in: which one (the item's material code), how many copies, in what form. */
export const ProvidedMaterial = z.object({
  code: z.string().min(1).max(64),
  count: z.number().int().min(1).max(100),
  form: Material.shape.form,
});
export type ProvidedMaterial = z.infer<typeof ProvidedMaterial>;

/** A material code appears once in a list; the repeat is named where it is (`materials.3.code`). */
function listedOnce(entries: readonly { code: string }[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  entries.forEach(({ code }, index) => {
    if (seen.has(code))
      context.addIssue({
        code: 'custom',
        message: `material ${code} is listed twice`,
        path: [index, 'code'],
      });
    seen.add(code);
  });
}

/**
 * The materials handed in, each of the item's materials at most once (its copies in `count`). Whether the
 * item lists each code is the decider's rule (`UnknownMaterial`), since only it has the item.
 */
export const ProvidedMaterials = z.array(ProvidedMaterial).max(200).superRefine(listedOnce);
export type ProvidedMaterials = z.infer<typeof ProvidedMaterials>;

export const SubmitApplicationData = z.object({
  caseNo: z.string().trim().min(1).max(64),
  /** The item's current version, loaded by the handler (see serviceItemForIntake). */
  item: ServiceItemVersion,
  applicant: Applicant,
  channel: Channel,
  materials: ProvidedMaterials,
  /** sha256 (hex) of the query code given to the applicant; the code itself never reaches the domain. */
  queryCodeHash: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase sha256 hex digest'),
});
export type SubmitApplicationData = z.infer<typeof SubmitApplicationData>;

export const RequestCorrectionData = z.object({
  /** Materials the clerk found deficient (wrong form, unreadable, expired…), each with the reason. */
  deficient: z
    .array(z.object({ code: z.string().min(1).max(64), reason: multiLine({ max: 500 }) }))
    .max(200)
    .superRefine(listedOnce),
  note: multiLine({ max: 2000 }).optional(),
});
export type RequestCorrectionData = z.infer<typeof RequestCorrectionData>;

export const SupplementMaterialsData = z.object({ materials: ProvidedMaterials.min(1) });
export type SupplementMaterialsData = z.infer<typeof SupplementMaterialsData>;

export const ExpireCorrectionData = z.object({});
export type ExpireCorrectionData = z.infer<typeof ExpireCorrectionData>;

/** The system's reminder that the correction window (行政许可法 Art. 32) closes soon: no data. */
export const RemindCorrectionWindowData = z.object({});
export type RemindCorrectionWindowData = z.infer<typeof RemindCorrectionWindowData>;

/**
 * 视为受理 (行政许可法 Art. 32): the window closed with no acceptance, decline or correction notice, so the
 * system records the application as accepted from its receipt, the window unit answerable. No data.
 */
export const AcceptOnReceiptData = z.object({});
export type AcceptOnReceiptData = z.infer<typeof AcceptOnReceiptData>;

export const AcceptApplicationData = z.object({
  /** 受理通知书 number; numbered after the case (`SL-<caseNo>`) when the clerk gives none. */
  acceptanceDocumentNo: singleLine({ max: 64 }).optional(),
  /** Defaults to the item's category; only instant → promised may be chosen, with a reason. */
  category: HandlingCategory.optional(),
  categoryChangeReason: multiLine({ max: 2000 }).optional(),
});
export type AcceptApplicationData = z.infer<typeof AcceptApplicationData>;

/** 不予受理. Both fields are checked by named rules, so they are optional here. */
export const DeclineApplicationData = z.object({
  reason: multiLine({ max: 2000 }).optional(),
  legalBasis: multiLine({ max: 2000 }).optional(),
});
export type DeclineApplicationData = z.infer<typeof DeclineApplicationData>;

export const WithdrawApplicationData = z.object({ reason: multiLine({ max: 2000 }).optional() });
export type WithdrawApplicationData = z.infer<typeof WithdrawApplicationData>;

export const DecisionOutcome = z.enum(['approved', 'refused', 'deemed_approved', 'forwarded_up']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const RecordDecisionData = z
  .object({
    outcome: DecisionOutcome,
    // Copied from the review's event (the head's text was held to the text rule there): read as recorded.
    certificate: Certificate.optional(),
    reason: z.string().max(2000).optional(),
    /** When the review service decided (its event's time), not when intake heard of it. */
    decidedAt: Instant,
    /** The review event this decision comes from: the causation a replay follows. */
    reviewEventId: z.string().min(1).max(128),
  })
  .refine(
    (data) =>
      data.certificate === undefined || data.outcome === 'approved' || data.outcome === 'deemed_approved',
    {
      message: 'only an approval issues a certificate',
      path: ['certificate'],
    },
  );
export type RecordDecisionData = z.infer<typeof RecordDecisionData>;

export const DeliveryMethod = z.enum(['window_pickup', 'post', 'electronic']);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

export const DeliverResultData = z
  .object({
    method: DeliveryMethod,
    /** Required for post: the registered-mail tracking number. */
    trackingNo: singleLine({ max: 64 }).optional(),
    recipient: z.object({
      name: singleLine({ max: 200 }),
      relation: z.enum(['applicant', 'agent', 'other']),
    }),
    feePaid: z.object({ amountFen: z.number().int().min(0) }).optional(),
  })
  .refine((data) => data.method !== 'post' || data.trackingNo !== undefined, {
    message: 'a result sent by post needs its tracking number',
    path: ['trackingNo'],
  });
export type DeliverResultData = z.infer<typeof DeliverResultData>;

export type ApplicationCommand =
  | Command<'SubmitApplication', SubmitApplicationData>
  | Command<'RequestCorrection', RequestCorrectionData>
  | Command<'SupplementMaterials', SupplementMaterialsData>
  | Command<'ExpireCorrection', ExpireCorrectionData>
  | Command<'RemindCorrectionWindow', RemindCorrectionWindowData>
  | Command<'AcceptOnReceipt', AcceptOnReceiptData>
  | Command<'AcceptApplication', AcceptApplicationData>
  | Command<'DeclineApplication', DeclineApplicationData>
  | Command<'WithdrawApplication', WithdrawApplicationData>
  | Command<'RecordDecision', RecordDecisionData>
  | Command<'DeliverResult', DeliverResultData>;
